// The production entry point (bot/main.ts) in a child process on a given data file, for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxEnv } from '../../../sandbox/devStack.js';
import type { RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { TEST_ENCRYPTION_KEY } from '../../fakes/testConversation.js';
import { freePort } from './freePort.js';

const MAIN = fileURLToPath(new URL('../../../bot/main.ts', import.meta.url));

export interface ChildBot {
  child: ChildProcess;
  url: string;
  /** Resolves with the signal that ended the process, or 'exit <code>'. */
  exited: Promise<string>;
  post(activity: object): Promise<{ status: number; body: string }>;
}

/**
 * The environment `startSandboxBot` gives the in-process bot, on `dataFile`. The sandbox's CA reaches the child
 * through NODE_EXTRA_CA_CERTS, read at its start, as an operator would hand a private CA to the bot.
 */
export async function childBotEnv(
  sandbox: RunningSandbox,
  dataFile: string,
): Promise<Record<string, string>> {
  const caFile = join(dirname(dataFile), 'sandbox-ca.pem');
  await writeFile(caFile, sandbox.caCertPem);
  const derived = sandboxEnv(sandbox, {});
  return {
    HOST: '127.0.0.1',
    DATA_FILE: dataFile,
    GRAPH_BASE_URL: derived.GRAPH_BASE_URL!,
    AUTHORITY_HOST: derived.AUTHORITY_HOST!,
    APP_CLIENT_ID: derived.APP_CLIENT_ID!,
    APP_CLIENT_SECRET: derived.APP_CLIENT_SECRET!,
    PARTNER_CENTER_BASE_URL: sandbox.partnerCenterBaseUrl,
    APPROVAL_LINK_BASE: sandbox.approvalLinkBase,
    ALLOWED_TENANT_IDS: sandbox.partnerTenantId,
    ADMIN_USER_IDS: sandbox.state.defaultUser.id,
    SYNC_INTERVAL_MINUTES: '0',
    TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    // Info, for the "bot listening" line that says the child is ready.
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: caFile,
  };
}

/** Starts `bot/main.ts` with `env` on a free port; resolves once it logs that it listens. */
export async function startChildBot(env: Record<string, string>): Promise<ChildBot> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_BASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready = false;
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  await new Promise<void>((resolve, reject) => {
    // Read to the end, so the pipe never fills and stalls the bot; only the start is kept.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      ready = output.includes('"msg":"bot listening"');
      if (ready) resolve();
    });
    void exited.then((how) => reject(new Error(`the bot ended before it listened (${how}): ${errors}`)));
  });
  return {
    child,
    url,
    exited,
    async post(activity) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
  };
}
