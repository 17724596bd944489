// Where the sandbox serves Microsoft's other hosts: the admin center's approval link and the Partner Center API.

// Microsoft's link puts the route in a fragment (…/Home#/partners/…), which an HTTP client never sends; the sandbox uses a path.
export const APPROVAL_PATH = '/AdminPortal/Home/partners/invitation/granularAdminRelationships';
export const PARTNER_CENTER_PATH = '/partnercenter';

// Up to and including `granularAdminRelationships/`: the bot is configured with a base and appends the relationship id.
export function sandboxApprovalLinkBase(baseUrl: string): string {
  return `${baseUrl}${APPROVAL_PATH}/`;
}

// Stands in for https://api.partnercenter.microsoft.com: clients append /v1/customers/… to it.
export function partnerCenterBaseUrl(baseUrl: string): string {
  return `${baseUrl}${PARTNER_CENTER_PATH}`;
}
