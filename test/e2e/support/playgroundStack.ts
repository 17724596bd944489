// What `npm start` runs, for browser tests: the sandbox, the bot pointed at it, the Playground and Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../cards/render/headlessChromium.js';
import { loadConfig } from '../../../bot/config.js';
import { startApp, type App } from '../../../bot/app.js';
import { playgroundPeople, sandboxEnv } from '../../../sandbox/devStack.js';
import { startPlayground, type Playground } from '../../../sandbox/playground.js';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import { TEST_ENCRYPTION_KEY } from '../../fakes/testConversation.js';
import { freePort } from './freePort.js';

export interface PlaygroundStack {
  sandbox: RunningSandbox;
  app: App;
  playground: Playground;
  browser: Browser;
  page: Page;
  /** The signed-in Playground user: the sandbox's admin with MFA. */
  currentUserId: string;
  stop(): Promise<void>;
}

export async function startPlaygroundStack(): Promise<PlaygroundStack> {
  const dir = await mkdtemp(join(tmpdir(), 'csp-playground-e2e-'));
  const sandbox = await startSandbox();
  trustCertificateAuthority(sandbox.caCertPem);
  // The sign-in pages live on the bot, so its public address must be known before it starts.
  const port = await freePort();
  const env = sandboxEnv(sandbox, {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    DATA_FILE: join(dir, 'bot.json'),
    LOG_LEVEL: 'warn',
    TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  });
  const app = await startApp(loadConfig(env));
  const people = playgroundPeople(sandbox);
  const playground = await startPlayground({
    botEndpoint: `${app.url}/api/messages`,
    port: await freePort(),
    tenantId: sandbox.partnerTenantId,
    bot: { id: '28:csp-integration-bot', name: 'CSP Integration Bot' },
    ...people,
    logDir: join(dir, 'playground-logs'),
  });
  const browser = await launchChromium();
  // Tall enough that several cards fit on one screen. Certificate errors are not ignored: this browser, like a
  // newcomer's, does not know the sandbox's throwaway CA, so every page it opens must be http on loopback.
  const page = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
  page.setDefaultTimeout(10_000);
  await page.goto(playground.url);
  return {
    sandbox,
    app,
    playground,
    browser,
    page,
    currentUserId: people.currentUser.aadObjectId,
    async stop() {
      await browser.close();
      await playground.close();
      await app.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
