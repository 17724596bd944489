// The baseline: the barest botbuilder bot (restify + CloudAdapter, no auth) that echoes the text back.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';

export interface EchoBot {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEchoBot(port = 0, host = '127.0.0.1'): Promise<EchoBot> {
  // An empty app id turns off inbound token checks and outbound tokens, as for the bot under test.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '' }));
  const logic = async (context: TurnContext) => {
    await context.sendActivity(context.activity.text);
  };
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, logic);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
