// Composition root: reads the environment, builds every service once, and starts the bot.
import { ConversationState, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MainDialog } from '../dialogs/mainDialog.js';
import { playgroundPeople, sandboxEncryptionKey, sandboxEnv, wantsSandbox } from '../sandbox/devStack.js';
import { startPlayground, type Playground } from '../sandbox/playground.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandboxServer.js';
import { loadSeed } from '../sandbox/seed.js';
import { trustCertificateAuthority } from '../services/http/trustCertificateAuthority.js';
import { ConversationStore } from '../services/conversations/conversationStore.js';
import { readSetupStatus } from '../services/status/setupStatus.js';
import { AppStore } from '../services/store/appStore.js';
import { StateStorage } from '../services/store/stateStorage.js';
import { AccessControl } from './accessControl.js';
import { BotAdapter, createBotFrameworkAuthentication, installTurnErrorHandler } from './adapter.js';
import { loadConfig, type Config } from './config.js';
import { isAppError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { ProactiveMessenger } from './proactive.js';
import { createServer } from './server.js';
import { TeamsBot } from './teamsBot.js';
import { TurnLogging } from './turnLogging.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  readonly url: string;
  readonly port: number;
  readonly store: AppStore;
  readonly conversations: ConversationStore;
  readonly proactive: ProactiveMessenger;
  close(): Promise<void>;
}

export interface BotOptions {
  environment: string;
}

/** The Teams bot with its state and dialogs over a store; shared by the server and conversation tests. */
export function createBot(store: AppStore, options: BotOptions) {
  const storage = new StateStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversations = new ConversationStore(store);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const mainDialog = new MainDialog(
    { readStatus: () => readSetupStatus(store.data), environment: options.environment },
    dialogState,
  );
  const bot = new TeamsBot(conversationState, userState, mainDialog, conversations);
  return { bot, conversationState, conversations };
}

export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const store = await AppStore.openFile(config.dataFile);
  const { bot, conversationState, conversations } = createBot(store, {
    environment: config.sandboxUrl ? 'Sandbox (simulated partner tenant)' : 'Microsoft cloud',
  });

  const adapter = new BotAdapter(createBotFrameworkAuthentication(config));
  adapter.use(new TurnLogging(log));
  adapter.use(new AccessControl(config, log));
  installTurnErrorHandler(adapter, conversationState, log);
  const proactive = new ProactiveMessenger(adapter, config.bot.appId, conversations, log);

  const server = createServer({
    adapter,
    logic: (context) => bot.run(context),
    log,
    health: () => ({
      status: 'ok',
      version: VERSION,
      store: { status: 'ok', conversations: Object.keys(store.data.conversations).length },
      ...(config.sandboxUrl ? { sandbox: config.sandboxUrl } : {}),
    }),
  });
  const port = await server.listen(config.port, config.host);
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, sandbox: config.sandboxUrl }, 'bot listening');

  return {
    url,
    port,
    store,
    conversations,
    proactive,
    async close() {
      await server.close();
      await store.flush();
    },
  };
}

async function main(): Promise<void> {
  let env: Record<string, string | undefined> = { ...process.env };
  let sandbox: RunningSandbox | undefined;
  if (wantsSandbox(env)) {
    const seed = env.SANDBOX_SEED ? await loadSeed(env.SANDBOX_SEED) : undefined;
    sandbox = await startSandbox({ seed, port: Number(env.SANDBOX_PORT || 0) });
    // Graph and MSAL only talk https; trust the sandbox's throwaway CA in this process alone.
    trustCertificateAuthority(sandbox.caCertPem);
    env = sandboxEnv(sandbox, env);
    env.TOKEN_ENCRYPTION_KEY ||= await sandboxEncryptionKey(env.DATA_FILE || 'data/bot.json');
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    await sandbox?.close();
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log).catch(async (error: unknown) => {
    log.fatal({ err: error }, isAppError(error) ? error.message : 'start-up failed');
    await sandbox?.close();
    process.exit(1);
  });
  let playground: Playground | undefined;
  if (sandbox) {
    playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: Number(env.PLAYGROUND_PORT || 56150),
      tenantId: sandbox.partnerTenantId,
      bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      ...playgroundPeople(sandbox),
    });
    log.info({ sandbox: sandbox.baseUrl, playground: playground.url }, 'sandbox mode');
    console.log(`\nOpen ${playground.url.replace('127.0.0.1', 'localhost')} to chat\n`);
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await playground?.close();
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
