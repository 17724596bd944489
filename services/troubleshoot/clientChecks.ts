// Checks one client step by step: its mapping, the CSP list, the GDAP relationship, roles, assignments, consent, a test read.
import { ERROR_MESSAGES, isAppError, type ErrorCode } from '../errors.js';
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { AccessTestResult } from '../gdap/consentClient.js';
import { consentCovers } from '../gdap/consentLedger.js';
import { customerAccessFailure } from '../gdap/customerAccessErrors.js';
import type { FlowCustomer, FlowSettings, LiveState } from '../gdap/flowStep.js';
import { gdapFailure } from '../gdap/gdapErrors.js';
import {
  RELATIONSHIP_TITLES,
  assignmentsCheck,
  relationshipCheck,
  rolesCheck,
} from './relationshipChecks.js';
import { soleLink } from '../mappings/mappedClients.js';
import { blockedBy, failed, firstFailure, passed, skipped, type Check, type Remedy } from './check.js';

export interface ClientPorts {
  mappedTenantIds(organizationId: string): readonly string[];
  customer(tenantId: string): CspCustomer | undefined;
  /** The consent flow's live read: relationships, assignments, consent and its verdict. */
  readState(customer: FlowCustomer): Promise<LiveState>;
  settings(): FlowSettings;
  /** One harmless read in the customer tenant as the partner admin; nothing is recorded. */
  testAccess(tenantId: string): Promise<AccessTestResult>;
}

export const CLIENT_TITLES = {
  mapping: 'Mapped to exactly one CSP customer',
  'csp-list': 'The customer is in the CSP customer list',
  ...RELATIONSHIP_TITLES,
  consent: 'The integration’s app is consented',
  'access-test': 'A test read in the customer tenant works',
} as const;
type ClientCheckId = keyof typeof CLIENT_TITLES;

// What to do after a failed test read, by its cause; the message itself already says why.
const TEST_FIXES: Partial<Record<ErrorCode, { fix: string; remedy?: Remedy }>> = {
  CUSTOMER_CONSENT_MISSING: {
    fix: 'Consent the app again from the client’s consent card.',
    remedy: 'consent',
  },
  CUSTOMER_ACCESS_EXPIRED: {
    fix: 'Create a new relationship from the client’s consent card.',
    remedy: 'consent',
  },
  CUSTOMER_ACCESS_UNASSIGNED: {
    fix: 'Create the access assignments from the client’s consent card.',
    remedy: 'consent',
  },
  CUSTOMER_ACCESS_NOT_IN_GROUP: { fix: 'Add the signed-in partner account to the GDAP security groups.' },
  CUSTOMER_CONDITIONAL_ACCESS: {
    fix: 'The customer’s admin excludes "Service Provider Users" from the Conditional Access policy.',
  },
  SIGN_IN_REQUIRED: { fix: 'An MSP administrator runs **setup** and signs in again.', remedy: 'sign-in' },
};

/**
 * The checks for one organization, in order. `blocker` is the authorization check that failed, if any: the checks
 * that call Microsoft are then skipped with it as the reason.
 */
export async function clientChecks(
  ports: ClientPorts,
  organization: { id: string; name: string },
  blocker?: Check,
): Promise<Check[]> {
  const checks: Check[] = [];
  const skipRest = (from: readonly ClientCheckId[], why: string) => {
    for (const id of from) checks.push(skipped(id, CLIENT_TITLES[id], why));
    return checks;
  };
  const tenantIds = ports.mappedTenantIds(organization.id);
  const soleTenantId = soleLink(tenantIds);
  const customer = soleTenantId === undefined ? undefined : ports.customer(soleTenantId);
  checks.push(mappingCheck(organization.name, tenantIds, customer));
  const after = ['csp-list', 'relationship', 'roles', 'assignments', 'consent', 'access-test'] as const;
  if (checks[0].ok !== true) return skipRest(after, blockedBy(checks[0]));

  const tenantId = tenantIds[0];
  checks.push(cspListCheck(tenantId, customer));
  // A customer missing from the list is often one without an active relationship: the live read shows which.
  if (blocker)
    return skipRest(after.slice(1), `${blockedBy(blocker)} Reading the client needs a working sign-in.`);

  let state: LiveState;
  let settings: FlowSettings;
  try {
    settings = ports.settings();
    state = await ports.readState({ tenantId, displayName: customer?.displayName ?? tenantId });
  } catch (error) {
    const problem = gdapFailure(error, 'reading the client’s GDAP relationships');
    checks.push(failed('relationship', CLIENT_TITLES.relationship, problem.userMessage));
    return skipRest(after.slice(2), blockedBy(checks[checks.length - 1]));
  }
  const roleIds = settings.gdap.roleIds;
  checks.push(relationshipCheck(state));
  checks.push(rolesCheck(state, roleIds));
  checks.push(assignmentsCheck(state, roleIds));
  checks.push(consentCheck(state, settings));
  const prerequisite = firstFailure(checks, ['relationship', 'assignments', 'consent']);
  if (prerequisite)
    return skipRest(['access-test'], `${blockedBy(prerequisite)} A test read cannot work before.`);
  checks.push(await accessTestCheck(ports, tenantId));
  return checks;
}

function mappingCheck(name: string, tenantIds: readonly string[], customer: CspCustomer | undefined): Check {
  const title = CLIENT_TITLES.mapping;
  if (tenantIds.length === 0) {
    return failed(
      'mapping',
      title,
      `${name} is not mapped to a CSP customer.`,
      'Map it with **map**.',
      'map',
    );
  }
  if (tenantIds.length > 1) {
    return failed(
      'mapping',
      title,
      `${name} is linked to ${tenantIds.length} CSP customers. ${ERROR_MESSAGES.MAPPING_CONFLICT}`,
      'Keep one CSP customer for it with **map**.',
      'map',
    );
  }
  return passed(
    'mapping',
    title,
    `${name} is mapped to ${customer?.displayName ?? 'tenant'} (${tenantIds[0]}).`,
  );
}

function cspListCheck(tenantId: string, customer: CspCustomer | undefined): Check {
  const title = CLIENT_TITLES['csp-list'];
  if (!customer) {
    return failed(
      'csp-list',
      title,
      `Tenant ${tenantId} is not in the synced CSP customer list.`,
      'Sync the customer list. If it is still missing, it has no active GDAP relationship, or a GDAP relationship without a reseller contract (see the checks below).',
      'sync',
    );
  }
  const contract = customer.hasContract
    ? `${customer.contractType ?? 'reseller'} contract`
    : 'GDAP but no reseller contract, so Partner Center consent may refuse it';
  return passed('csp-list', title, `${customer.displayName} · ${customer.defaultDomainName} · ${contract}.`);
}

function consentCheck(state: LiveState, settings: FlowSettings): Check {
  const title = CLIENT_TITLES.consent;
  const fix = 'Consent the app from the client’s consent card (partner-led consent through Partner Center).';
  const record = state.consent;
  if (consentCovers(record, settings.applicationId, settings.consentScopes)) {
    return passed(
      'consent',
      title,
      `Consented on ${record!.consentedAt.slice(0, 10)} (${record!.scopes.join(', ')}).`,
    );
  }
  const detail = record
    ? 'The recorded consent is for another app or lacks scopes the integration needs now.'
    : 'No consent is recorded for the integration’s app in this tenant.';
  return failed('consent', title, detail, fix, 'consent');
}

async function accessTestCheck(ports: ClientPorts, tenantId: string): Promise<Check> {
  const title = CLIENT_TITLES['access-test'];
  let result: AccessTestResult;
  try {
    result = await ports.testAccess(tenantId);
  } catch (error) {
    result = { ok: false, error: isAppError(error) ? error : customerAccessFailure(error, tenantId) };
  }
  if (result.ok)
    return passed(
      'access-test',
      title,
      `Read the tenant’s organization: ${result.organization.displayName}.`,
    );
  const known = TEST_FIXES[result.error.code];
  return failed('access-test', title, result.error.userMessage, known?.fix, known?.remedy);
}
