// The bot set up against a generated sandbox for delegated-access tests: clients mapped in the store, GDAP facts read back.
import { generateSeed } from '../../../sandbox/generateSeed.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/sandboxServer.js';
import type { SeedCustomer } from '../../../sandbox/seed.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import type { HttpChat } from './httpChat.js';
import type { RunningBot } from './runningBot.js';
import { completeSetup, startSandboxBot } from './sandboxBot.js';

export interface ConsentSandbox {
  sandbox: RunningSandbox;
  bot: RunningBot;
  chat: HttpChat;
  /** Relationship ids the seed started with: any other one was created by the bot. */
  seededRelationshipIds: ReadonlySet<string>;
  stop(): Promise<void>;
}

/** A sandbox of `customers` generated customers, the bot pointed at it, set up, and its customer sync finished. */
export async function startConsentSandbox(
  options: { customers: number; seed: number } & Omit<SandboxOptions, 'seed'>,
): Promise<ConsentSandbox> {
  const { customers, seed, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ seed: generateSeed({ customers, seed }), ...sandboxOptions });
  trustCertificateAuthority(sandbox.caCertPem);
  const seededRelationshipIds = new Set(sandbox.state.relationships.map((relationship) => relationship.id));
  // The customer approval link and Partner Center are the sandbox's too, as `npm start` wires them.
  const { bot, chat } = await startSandboxBot(sandbox, {
    PARTNER_CENTER_BASE_URL: sandbox.partnerCenterBaseUrl,
    APPROVAL_LINK_BASE: sandbox.approvalLinkBase,
  });
  await completeSetup(chat, sandbox.state.partnerTenant.defaultDomain);
  await chat.next(/Synced [\d,]+ CSP customers in/, 30_000);
  return {
    sandbox,
    bot,
    chat,
    seededRelationshipIds,
    async stop() {
      await bot.stop();
      await sandbox.close();
    },
  };
}

/** Maps one organization, named like the customer, to each customer: straight into the store, as an import would. */
export async function mapInStore(bot: RunningBot, customers: readonly SeedCustomer[]): Promise<void> {
  const at = new Date().toISOString();
  await bot.app.store.update((data) => {
    customers.forEach((customer, i) => {
      const id = `org-${customer.tenantId}`;
      data.organizations[id] = { id, name: customer.displayName, createdAt: at, updatedAt: at };
      data.mappings[`mapping-${i}-${customer.tenantId}`] = {
        id: `mapping-${i}-${customer.tenantId}`,
        organizationId: id,
        customerTenantId: customer.tenantId,
        createdAt: at,
        createdBy: 'e2e',
      };
    });
    data.mappingRevision += 1;
  });
}

/** The customer's relationships as the sandbox holds them (Microsoft-led ones included). */
export function relationshipsOf(sandbox: RunningSandbox, tenantId: string) {
  return sandbox.state.relationships.filter(
    (relationship) => relationship.customer?.tenantId.toLowerCase() === tenantId.toLowerCase(),
  );
}

/** Resolves once every delayed change (approval, activation, access assignments) has happened. */
export function settle(sandbox: RunningSandbox): Promise<void> {
  return sandbox.settled();
}
