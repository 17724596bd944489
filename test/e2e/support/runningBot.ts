// Starts the real bot on port 0 with a fresh data file and a fake Teams connector beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../bot/config.js';
import { startApp, type App } from '../../../bot/app.js';
import { FakeConnector } from '../../fakes/fakeConnector.js';
import { ADMIN_ID, TEST_ENCRYPTION_KEY, TEST_TENANT } from '../../fakes/testConversation.js';
import type { TeamsIdentity } from '../../fakes/teamsActivities.js';

export interface RunningBot {
  app: App;
  connector: FakeConnector;
  dataFile: string;
  admin: TeamsIdentity;
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startRunningBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const dir = await mkdtemp(join(tmpdir(), 'csp-e2e-'));
  const dataFile = join(dir, 'bot.json');
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const app = await startApp(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_FILE: dataFile,
      ALLOWED_TENANT_IDS: TEST_TENANT,
      ADMIN_USER_IDS: ADMIN_ID,
      LOG_LEVEL: 'silent',
      TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      ...env,
    }),
  );
  return {
    app,
    connector,
    dataFile,
    admin: { tenantId: TEST_TENANT, userAadId: ADMIN_ID, userName: 'Alex Admin', serviceUrl },
    async post(activity, headers = {}) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    async stop() {
      await app.close();
      await connector.stop();
      // Work started in the background (a sync, a consent run) may still be finishing a file.
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
