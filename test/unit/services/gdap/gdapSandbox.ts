// Test helper: a sandbox on a generated partner (independent of seed.json's hand-written customers) that hands out clients.
import { generateSeed } from '../../../../sandbox/generateSeed.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../../sandbox/sandboxServer.js';
import type { FlowCustomer } from '../../../../services/gdap/flowStep.js';
import { trustCertificateAuthority } from '../../../../services/http/trustCertificateAuthority.js';

export interface CustomerFacts {
  statuses: string[];
  /** Some relationship has an active access assignment. */
  assigned: boolean;
  /** The sandbox app is consented in the tenant. */
  consented: boolean;
}

export interface GdapSandbox {
  sandbox: RunningSandbox;
  /** A customer no test has used yet that has no GDAP relationship at all. */
  freshCustomer(): FlowCustomer;
  /** A customer no test has used yet whose state matches. */
  customerWhere(test: (facts: CustomerFacts) => boolean): FlowCustomer;
  /** Resolves once the sandbox's delayed changes (activation, assignments) have all happened. */
  settled(): Promise<void>;
}

export async function startGdapSandbox(
  options: SandboxOptions & { customers?: number } = {},
): Promise<GdapSandbox> {
  const { customers = 400, ...rest } = options;
  const sandbox = await startSandbox({ seed: generateSeed({ customers, seed: 7 }), ...rest });
  trustCertificateAuthority(sandbox.caCertPem);
  const used = new Set<string>();
  const factsOf = (tenantId: string): CustomerFacts => {
    const relationships = sandbox.state.relationships.filter(
      (relationship) => relationship.customer?.tenantId === tenantId,
    );
    return {
      statuses: relationships.map((relationship) => relationship.status),
      assigned: relationships.some((relationship) =>
        relationship.accessAssignments.some((assignment) => assignment.status === 'active'),
      ),
      consented: sandbox.state.consents.some((consent) => consent.customerTenantId === tenantId),
    };
  };
  const customerWhere = (test: (facts: CustomerFacts) => boolean): FlowCustomer => {
    const found = sandbox.state.customers.find(
      (customer) => !used.has(customer.tenantId) && test(factsOf(customer.tenantId)),
    );
    if (!found) throw new Error('gdapSandbox: no unused customer matches');
    used.add(found.tenantId);
    return { tenantId: found.tenantId, displayName: found.displayName };
  };
  return {
    sandbox,
    customerWhere,
    freshCustomer: () => customerWhere((facts) => facts.statuses.length === 0),
    settled: () => sandbox.settled(),
  };
}
