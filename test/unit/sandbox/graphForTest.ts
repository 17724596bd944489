// Test helper: plain-fetch Graph calls against the sandbox, and a GDAP relationship brought to approvalPending.
import { referenceIntegrationRoleIds } from '../../../sandbox/roles.js';
import type { RunningSandbox } from '../../../sandbox/sandboxServer.js';

export const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

export interface GraphAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export type GraphCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<GraphAnswer>;

export function graphCaller(sandbox: RunningSandbox, token: string): GraphCall {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${sandbox.graphBaseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
}

// What the bot does before sending the approval link: create the relationship, then lock it with its etag.
export async function relationshipAwaitingApproval(
  graph: GraphCall,
  customerTenantId: string,
  roleIds: readonly string[] = referenceIntegrationRoleIds,
): Promise<string> {
  const created = await graph('POST', RELATIONSHIPS, {
    displayName: `Onboarding ${Math.random().toString(36).slice(2, 10)}`,
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    customer: { tenantId: customerTenantId },
    accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.json)}`);
  const locked = await graph(
    'POST',
    `${RELATIONSHIPS}/${created.json.id}/requests`,
    { action: 'lockForApproval' },
    { 'if-match': created.json['@odata.etag'] },
  );
  if (locked.status !== 201) throw new Error(`lock failed: ${JSON.stringify(locked.json)}`);
  return created.json.id;
}

export function accessAssignmentBody(groupId: string, roleIds: readonly string[]) {
  return {
    accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

// The shipped seed's customers by name; Litware Inc. is the one name two customers share, so avoid it here.
export function customerId(sandbox: RunningSandbox, displayName: string): string {
  const customer = sandbox.state.customers.find((candidate) => candidate.displayName === displayName);
  if (!customer) throw new Error(`no seed customer ${displayName}`);
  return customer.tenantId;
}

export function groupId(sandbox: RunningSandbox, displayName: string): string {
  const group = sandbox.state.groups.find((candidate) => candidate.displayName === displayName);
  if (!group) throw new Error(`no seed group ${displayName}`);
  return group.id;
}
