// The customer approval link: opening it plays the customer's Global Administrator accepting a GDAP relationship.
import { APPROVAL_EXPIRY_DAYS, approvalExpired, type GdapLifecycle } from '../gdapLifecycle.js';
import type { SandboxRequest, SandboxResponse } from '../httpExchange.js';
import { roleNames } from '../roles.js';
import { route, matchRoute, type Route } from '../router.js';
import type { RelationshipRecord, SandboxState } from '../sandboxState.js';
import { APPROVAL_PATH } from '../sandboxUrls.js';

export interface PortalContext {
  state: SandboxState;
  lifecycle: GdapLifecycle;
}

type PortalHandler = (request: SandboxRequest, context: PortalContext) => SandboxResponse;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Every answer is a page, errors included: the customer's admin opens the link in a browser.
export function portalPage(
  status: number,
  heading: string,
  lines: string[],
  items: string[] = [],
): SandboxResponse {
  const list = items.length > 0 ? `<ul>${items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>` : '';
  const body = lines.map((line) => `<p>${escape(line)}</p>`).join('');
  return {
    status,
    html: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(heading)} - Microsoft 365 admin center (sandbox)</title><h1>${escape(heading)}</h1>${body}${list}</html>`,
  };
}

// Without a customer in the request any tenant may accept; the link then names the accepting tenant in ?customerTenantId=.
function approvingCustomer(request: SandboxRequest, relationship: RelationshipRecord, state: SandboxState) {
  const given = request.url.searchParams.get('customerTenantId');
  if (relationship.customer) {
    if (given && given.toLowerCase() !== relationship.customer.tenantId.toLowerCase()) return 'wrongTenant';
    return relationship.customer;
  }
  const tenant = given ? state.tenant(given) : undefined;
  if (!tenant || tenant.kind !== 'customer') return 'unnamed';
  return { tenantId: tenant.id, displayName: tenant.displayName };
}

const approveRelationship: PortalHandler = (request, { state, lifecycle }) => {
  const relationship = state.relationship(request.params.id);
  if (!relationship) {
    return portalPage(404, 'Request not found', [
      `There is no admin relationship request with the id ${request.params.id}. Check the link your partner sent you.`,
    ]);
  }
  const partner = state.partnerTenant.displayName;
  // Expired before anyone opened the link (Graph reads it expired after 90 days): never approved, never active.
  if (relationship.status === 'expired' && !relationship.activatedDateTime) {
    return portalPage(410, 'This request has expired', [
      `The relationship "${relationship.displayName}" was not approved within ${APPROVAL_EXPIRY_DAYS} days of being sent. Ask ${partner} to send a new request.`,
    ]);
  }
  if (relationship.status !== 'approvalPending') {
    return portalPage(409, 'This request cannot be approved', [
      `The relationship "${relationship.displayName}" with ${partner} is ${relationship.status}; only a request waiting for approval (approvalPending) can be approved.`,
    ]);
  }
  if (approvalExpired(relationship)) {
    const sent = relationship.lastModifiedDateTime;
    lifecycle.expire(relationship);
    return portalPage(410, 'This request has expired', [
      `The relationship "${relationship.displayName}" was sent for approval on ${sent} and was not approved within ${APPROVAL_EXPIRY_DAYS} days. Ask ${partner} to send a new request.`,
    ]);
  }
  const customer = approvingCustomer(request, relationship, state);
  if (customer === 'wrongTenant') {
    return portalPage(403, 'This request is for another organization', [
      `The relationship "${relationship.displayName}" was requested for another customer tenant.`,
    ]);
  }
  if (customer === 'unnamed') {
    return portalPage(400, 'Which organization is approving?', [
      'This request is open to any customer. Add ?customerTenantId=<your tenant id> to the link to approve it as that customer.',
    ]);
  }
  lifecycle.approve(relationship, customer);
  return portalPage(
    200,
    'Relationship approved',
    [
      `${customer.displayName} approved the relationship "${relationship.displayName}" with ${partner} for ${relationship.duration}.`,
      'Microsoft is activating it; the partner can assign access once it is active.',
    ],
    relationship.roleDefinitionIds.map((roleId) => roleNames.get(roleId) ?? roleId),
  );
};

const portalRoutes: readonly Route<PortalHandler>[] = [
  route('GET', `${APPROVAL_PATH}/:id`, approveRelationship),
];

export function isPortalPath(pathname: string): boolean {
  return pathname.toLowerCase().startsWith(APPROVAL_PATH.toLowerCase());
}

export function servePortal(request: SandboxRequest, context: PortalContext): SandboxResponse {
  const match = matchRoute(portalRoutes, request.method, request.url.pathname);
  if (match.kind === 'found') return match.handler({ ...request, params: match.params }, context);
  if (match.kind === 'wrongMethod')
    return portalPage(405, 'Method not allowed', ['Open the link in a browser (GET).']);
  return portalPage(404, 'Page not found', ['The link is incomplete: it must end with the relationship id.']);
}
