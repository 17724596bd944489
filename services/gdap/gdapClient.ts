// GDAP in the partner tenant through Graph: relationships, locking for approval, access assignments, groups.
import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError, isAppError } from '../errors.js';
import type { GraphRetryPolicy } from '../customers/graphCustomerRetry.js';
import type { AccessAssignment, GdapRelationship } from './gdapModel.js';
import { GraphCalls, statusOf } from './graphCalls.js';
import type { RelationshipPlan } from './relationshipPlanner.js';
import { ensureSecurityGroups, type SecurityGroup } from './securityGroups.js';

export const DEFAULT_APPROVAL_LINK_BASE =
  'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/';

/** The link the customer's admin opens to approve a relationship. */
export function approvalLink(relationshipId: string, base: string = DEFAULT_APPROVAL_LINK_BASE): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(relationshipId)}`;
}

const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

interface GraphRelationshipJson {
  id: string;
  '@odata.etag'?: string;
  displayName?: string;
  status?: string;
  customer?: { tenantId?: string } | null;
  accessDetails?: { unifiedRoles?: { roleDefinitionId: string }[] };
  autoExtendDuration?: string;
  createdDateTime?: string;
  endDateTime?: string | null;
}

interface GraphAssignmentJson {
  id: string;
  status?: string;
  accessContainer?: { accessContainerId?: string };
  accessDetails?: { unifiedRoles?: { roleDefinitionId: string }[] };
}

export class GdapClient {
  readonly #graph: GraphCalls;

  constructor(client: Client, options: { retry?: Partial<GraphRetryPolicy> } = {}) {
    this.#graph = new GraphCalls(client, options.retry);
  }

  async listRelationships(customerTenantId: string): Promise<GdapRelationship[]> {
    const filter = encodeURIComponent(`customer/tenantId eq '${customerTenantId.replace(/'/g, "''")}'`);
    const items = await this.#graph.getAll<GraphRelationshipJson>(
      `${RELATIONSHIPS}?$filter=${filter}`,
      'reading the customer’s GDAP relationships',
    );
    return items.map(toRelationship);
  }

  async getRelationship(relationshipId: string): Promise<GdapRelationship> {
    const json = await this.#graph.get<GraphRelationshipJson>(
      `${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}`,
      'reading the GDAP relationship',
    );
    return toRelationship(json);
  }

  /**
   * Creates the relationship (201, with its etag). A 409 after a retried create may be our own first attempt that
   * landed: a `created` relationship of this customer with exactly this name is taken as the result.
   */
  async createRelationship(plan: RelationshipPlan): Promise<GdapRelationship> {
    try {
      const json = await this.#graph.post<GraphRelationshipJson>(
        RELATIONSHIPS,
        plan,
        'creating the relationship',
      );
      return toRelationship(json);
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const same = (await this.listRelationships(plan.customer.tenantId)).find(
        (relationship) =>
          relationship.displayName.toLowerCase() === plan.displayName.toLowerCase() &&
          relationship.status === 'created',
      );
      if (same) return same;
      throw new AppError('GDAP_NAME_TAKEN', `'${plan.displayName}' is used by another relationship`, {
        cause: error,
      });
    }
  }

  /**
   * Sends lockForApproval with If-Match. The etag is the one the caller holds (from the create) or a fresh read;
   * on 412 the relationship is read again and the request repeated once. Already locked counts as done, so the
   * step can be run again safely. Returns the relationship as it stands afterwards.
   */
  async lockForApproval(relationship: Pick<GdapRelationship, 'id' | 'etag'>): Promise<GdapRelationship> {
    let current = relationship.etag ? undefined : await this.getRelationship(relationship.id);
    for (let attempt = 1; ; attempt++) {
      const etag = current?.etag ?? relationship.etag;
      if (current && current.status !== 'created') return current;
      try {
        await this.#graph.post(
          `${RELATIONSHIPS}/${encodeURIComponent(relationship.id)}/requests`,
          { action: 'lockForApproval' },
          'locking the relationship for approval',
          { headers: etag ? { 'If-Match': etag } : {} },
        );
        return await this.getRelationship(relationship.id);
      } catch (error) {
        // 412: someone changed it; 400: a retried request that had landed finds it locked already.
        if (!isAppError(error, 'GDAP_STALE') && !isAppError(error, 'GDAP_REJECTED')) throw error;
        current = await this.getRelationship(relationship.id);
        if (current.status !== 'created') return current;
        if (attempt >= 2 || isAppError(error, 'GDAP_REJECTED')) throw error;
      }
    }
  }

  async listAccessAssignments(relationshipId: string): Promise<AccessAssignment[]> {
    const items = await this.#graph.getAll<GraphAssignmentJson>(
      `${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/accessAssignments`,
      'reading the access assignments',
    );
    return items.map(toAssignment);
  }

  /** Assigns roles to one partner group; Graph's 409 (the group already has an assignment) returns that one. */
  async createAccessAssignment(
    relationshipId: string,
    groupId: string,
    roleIds: readonly string[],
  ): Promise<AccessAssignment> {
    try {
      const json = await this.#graph.post<GraphAssignmentJson>(
        `${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/accessAssignments`,
        {
          accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
          accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
        },
        'assigning roles to a security group',
      );
      return toAssignment(json);
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const existing = (await this.listAccessAssignments(relationshipId)).find(
        (assignment) =>
          assignment.groupId.toLowerCase() === groupId.toLowerCase() && assignment.status !== 'deleted',
      );
      if (existing) return existing;
      throw error;
    }
  }

  /** One security group per role, `<prefix> - <role name>`, created when missing, with `memberId` in each. */
  ensureSecurityGroups(
    prefix: string,
    roleIds: readonly string[],
    memberId?: string,
  ): Promise<SecurityGroup[]> {
    return ensureSecurityGroups(this.#graph, prefix, roleIds, memberId);
  }
}

const roleIdsOf = (details: GraphRelationshipJson['accessDetails']) =>
  (details?.unifiedRoles ?? []).map((role) => role.roleDefinitionId.toLowerCase());

function toRelationship(json: GraphRelationshipJson): GdapRelationship {
  const relationship: GdapRelationship = {
    id: json.id,
    displayName: json.displayName ?? '',
    status: json.status ?? 'unknown',
    roleIds: roleIdsOf(json.accessDetails),
  };
  if (json.endDateTime) relationship.endDateTime = json.endDateTime;
  if (json.autoExtendDuration) relationship.autoExtendDuration = json.autoExtendDuration;
  if (json.createdDateTime) relationship.createdDateTime = json.createdDateTime;
  if (json['@odata.etag']) relationship.etag = json['@odata.etag'];
  if (json.customer?.tenantId) relationship.customerTenantId = json.customer.tenantId.toLowerCase();
  return relationship;
}

function toAssignment(json: GraphAssignmentJson): AccessAssignment {
  return {
    id: json.id,
    status: json.status ?? 'unknown',
    groupId: json.accessContainer?.accessContainerId ?? '',
    roleIds: roleIdsOf(json.accessDetails),
  };
}
