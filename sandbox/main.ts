// Runs the sandbox on its own (`npm run sandbox`): SANDBOX_SEED picks a seed file, SANDBOX_PORT the port.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './sandboxServer.js';
import { loadSeed } from './seed.js';

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SANDBOX_PORT must be a port number, got ${process.env.SANDBOX_PORT}`);
  const seed = process.env.SANDBOX_SEED ? await loadSeed(process.env.SANDBOX_SEED) : undefined;
  const sandbox = await startSandbox({
    seed,
    port,
    clientSecret: process.env.SANDBOX_CLIENT_SECRET || undefined,
  });

  const caPath = join(tmpdir(), `csp-sandbox-ca-${new URL(sandbox.baseUrl).port}.pem`);
  await writeFile(caPath, sandbox.caCertPem);
  console.log(`CSP sandbox for ${sandbox.state.partnerTenant.displayName} (${sandbox.partnerTenantId})`);
  console.log(`  base URL     ${sandbox.baseUrl}`);
  console.log(`  Graph        ${sandbox.graphBaseUrl}`);
  console.log(`  authority    ${sandbox.authorityHost}/${sandbox.partnerTenantId}`);
  console.log(`  sign-in pages ${sandbox.signInBaseUrl}  (plain http for the browser, named by discovery)`);
  console.log(`  approval     ${sandbox.approvalLinkBase}{relationshipId}`);
  console.log(`  Partner Ctr  ${sandbox.partnerCenterBaseUrl}`);
  console.log(`  client id    ${sandbox.clientId}`);
  console.log(
    `  client secret ${process.env.SANDBOX_CLIENT_SECRET ? 'from SANDBOX_CLIENT_SECRET' : 'generated, kept in memory (set SANDBOX_CLIENT_SECRET to choose one)'}`,
  );
  console.log(`  CA           ${caPath}  (NODE_EXTRA_CA_CERTS=${caPath} for another process)`);
  console.log(`  info         ${sandbox.baseUrl}/sandbox/info`);

  const stop = (signal: string) => {
    console.log(`sandbox: ${signal}, stopping`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`sandbox: ${error.message}`);
  process.exit(1);
});
