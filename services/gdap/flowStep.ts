// The consent flow's vocabulary: a client's live state, the settings it runs with, and the steps it can take.
import type { ErrorCode } from '../errors.js';
import type { GdapDefaults } from '../settings/integrationSettings.js';
import type { AccessVerdict } from './accessVerdict.js';
import type { AccessTestRecord, ConsentRecord } from './consentLedger.js';
import type { AccessAssignment, GdapRelationship } from './gdapModel.js';
import type { RelationshipPlan } from './relationshipPlanner.js';

export interface FlowCustomer {
  tenantId: string;
  displayName: string;
}

export interface FlowSettings {
  gdap: GdapDefaults;
  /** The integration's app registration (client id) to consent in customer tenants. */
  applicationId: string;
  consentScopes: readonly string[];
  expiringSoonDays?: number;
  /** The authorized admin's object id: put in the role groups, so the access test can use the roles. */
  memberId?: string;
  /** Default: Microsoft's admin portal link (DEFAULT_APPROVAL_LINK_BASE). */
  approvalLinkBase?: string;
}

/** What the flow knows about one client right now, read from Graph and the consent ledger. */
export interface LiveState {
  customer: FlowCustomer;
  relationships: GdapRelationship[];
  /** Assignments of the relationship the flow is about, when it is active. */
  assignments: Record<string, AccessAssignment[]>;
  consent?: ConsentRecord;
  accessTest?: AccessTestRecord;
  verdict: AccessVerdict;
}

export interface PlannedGroup {
  roleId: string;
  roleName: string;
  groupName: string;
}

interface StepBase {
  customer: FlowCustomer;
  /** What the step will do, or why the flow cannot go on, in plain words. */
  summary: string;
}
type On<T> = StepBase & { relationship: GdapRelationship } & T;

export type FlowStep =
  | (StepBase & { kind: 'create-relationship'; plan: RelationshipPlan; replaces?: GdapRelationship })
  | On<{ kind: 'lock-for-approval' }>
  | On<{ kind: 'wait-for-approval'; approvalLink: string }>
  | On<{ kind: 'wait-for-activation' }>
  | On<{ kind: 'create-access-assignments'; groups: PlannedGroup[] }>
  | On<{ kind: 'wait-for-assignments'; pendingRoleIds: string[] }>
  | On<{ kind: 'consent-app'; scopes: string[]; refresh: boolean }>
  | On<{ kind: 'test-access' }>
  | On<{ kind: 'done'; verdict: AccessVerdict }>
  | (StepBase & { kind: 'blocked'; relationship?: GdapRelationship; code?: ErrorCode; retry?: FlowStep });

export type StepKind = FlowStep['kind'];
