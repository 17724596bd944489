// `npm start` without credentials: the sandbox, the bot against it, and the Playground to chat with it.
import { startApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { trustCertificateAuthority } from '../services/http/trustCertificateAuthority.js';
import { playgroundPeople, sandboxEncryptionKey, sandboxEnv } from './devStack.js';
import { startPlayground } from './playground.js';
import { startSandbox } from './sandboxServer.js';
import { loadSeed } from './seed.js';

type Env = Record<string, string | undefined>;

/** Starts all three; resolves to a stop that closes them in reverse order. A start that fails closes the sandbox. */
export async function startDevLoop(baseEnv: Env): Promise<() => Promise<void>> {
  const seed = baseEnv.SANDBOX_SEED ? await loadSeed(baseEnv.SANDBOX_SEED) : undefined;
  const sandbox = await startSandbox({ seed, port: Number(baseEnv.SANDBOX_PORT || 0) });
  // Graph and MSAL only talk https; trust the sandbox's throwaway CA in this process alone.
  trustCertificateAuthority(sandbox.caCertPem);
  const env = sandboxEnv(sandbox, baseEnv);
  env.TOKEN_ENCRYPTION_KEY ||= await sandboxEncryptionKey(env.DATA_FILE || 'data/bot.json');
  try {
    const config = loadConfig(env);
    const log = createLogger(config.logLevel);
    const app = await startApp(config, log);
    const playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: Number(env.PLAYGROUND_PORT || 56150),
      tenantId: sandbox.partnerTenantId,
      bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
      ...playgroundPeople(sandbox),
    });
    log.info({ sandbox: sandbox.baseUrl, playground: playground.url }, 'sandbox mode');
    console.log(`\nOpen ${playground.url.replace('127.0.0.1', 'localhost')} to chat\n`);
    return async () => {
      await playground.close();
      await app.close();
      await sandbox.close();
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
