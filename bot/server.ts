// HTTP routes (restify): the Bot Framework endpoint, health, and graceful shutdown.
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
import { asActivity } from './activityEnvelope.js';
import type { BotAdapter } from './adapter.js';
import type { Logger } from './logger.js';

export interface ServerDeps {
  adapter: BotAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** The /healthz body; any `status` but 'ok' answers 503. */
  health: () => { status: string } & Record<string, unknown>;
  log: Logger;
  /** Further routes (e.g. the sign-in pages). */
  routes?: (server: restify.Server) => void;
}

export interface BotServer {
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, waits for turns in flight (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
  readonly inFlight: number;
}

export function createServer({ adapter, logic, health, log, routes }: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'csp-integration-bot', handleUncaughtExceptions: false });
  // Only the raw body: /api/messages parses JSON itself, and no route takes forms or uploads.
  server.use(restify.plugins.bodyReader({ maxBodySize: 1024 * 1024 }));
  let inFlight = 0;
  let drained: (() => void) | undefined;

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    if (req.getContentType() !== 'application/json') {
      res.send(415, { error: 'The request body must be JSON (Content-Type: application/json).' });
      return;
    }
    const activity = asActivity(parseJson(req.body));
    if (!activity) {
      res.send(400, { error: 'The request body must be a Bot Framework activity.' });
      return;
    }
    let auth;
    try {
      auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
    } catch (error) {
      // Library errors name keys and internals; a caller learns only that it was refused.
      log.warn({ reason: (error as Error).message }, 'refused an unauthenticated request');
      res.send(401, { error: 'Unauthorized' });
      return;
    }
    inFlight += 1;
    try {
      const invokeResponse = await adapter.handle(auth, activity, logic);
      if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body ?? {});
      else res.send(activity.type === 'invoke' ? 200 : 202);
    } catch (error) {
      log.error({ err: error }, 'activity processing failed');
      res.send(500, { error: 'Internal error' });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  });

  // A platform probe reads only the status code (App Service: any non-2xx is unhealthy), so degraded is a 503.
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const report = health();
    res.send(report.status === 'ok' ? 200 : 503, report);
  });

  routes?.(server);

  return {
    get inFlight() {
      return inFlight;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      });
    },
    async close(graceMs = 10_000) {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.server.closeAllConnections();
      await stopped;
    },
  };
}

function parseJson(body: unknown): unknown {
  try {
    return typeof body === 'string' ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}
