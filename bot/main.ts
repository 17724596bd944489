// The process: reads the environment, starts the app (or, without credentials, the sandbox dev loop), stops on a signal.
import { pathToFileURL } from 'node:url';
import { isAppError } from '../services/errors.js';
import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** No Bot Framework app id and no Graph to talk to: `npm start` runs against the sandbox. */
function wantsSandbox(env: Record<string, string | undefined>): boolean {
  return !env.MicrosoftAppId?.trim() && !env.GRAPH_BASE_URL?.trim();
}

async function start(env: Record<string, string | undefined>): Promise<() => Promise<void>> {
  if (wantsSandbox(env)) {
    // Loaded only in development: production never reaches the simulator's code.
    const { startDevLoop } = await import('../sandbox/devMain.js');
    return startDevLoop(env);
  }
  const config = loadConfig(env);
  const app = await startApp(config, createLogger(config.logLevel));
  return () => app.close();
}

async function main(): Promise<void> {
  const log = createLogger(process.env.LOG_LEVEL === 'silent' ? 'silent' : 'info');
  let stop: () => Promise<void>;
  try {
    stop = await start({ ...process.env });
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) console.error(error.message);
    else log.fatal({ err: error }, isAppError(error) ? error.message : 'start-up failed');
    process.exit(1);
  }
  const onSignal = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void onSignal('SIGTERM'));
  process.once('SIGINT', () => void onSignal('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
