// An in-memory consent flow for conversation tests: real verdict and next-step rules over relationships it keeps.
import { randomUUID } from 'node:crypto';
import type { ConsentFlowPort } from '../../services/gdap/consentFlowPort.js';
import type { ClientResult, Preview } from '../../services/gdap/consentAll.js';
import { verdictFor } from '../../services/gdap/accessVerdict.js';
import type { AccessTestResult } from '../../services/gdap/consentClient.js';
import { customerAccessFailure } from '../../services/gdap/customerAccessErrors.js';
import { ACTIVE_STATUSES, assignmentCoverage } from '../../services/gdap/gdapModel.js';
import { nextStep } from '../../services/gdap/nextStep.js';
import type { FlowCustomer, FlowSettings, FlowStep, LiveState } from '../../services/gdap/flowStep.js';
import type { AccessAssignment, GdapRelationship } from '../../services/gdap/gdapModel.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../services/settings/gdapRoles.js';
import { AppError } from '../../services/errors.js';

const FAKE_PARTNER_TENANT_ID = '8777b240-c6f0-4469-9e98-a3205431b836';

export const FLOW_SETTINGS: FlowSettings = {
  gdap: { duration: 'P730D', autoExtend: 'P180D', roleIds: [...DEFAULT_GDAP_ROLE_IDS], groupPrefix: 'GDAP' },
  applicationId: '966732ec-df83-4bde-ab26-f4f76a8fffe4',
  consentScopes: ['Directory.Read.All', 'User.Read.All'],
  approvalLinkBase: 'https://admin.example.test/granularAdminRelationships/',
};

export class FakeConsentFlow implements ConsentFlowPort {
  readonly relationships = new Map<string, GdapRelationship[]>();
  readonly assignments = new Map<string, AccessAssignment[]>();
  readonly consents = new Set<string>();
  readonly tested = new Set<string>();
  /** Tenants whose next step fails, as Graph would, with this error. */
  readonly failing = new Map<string, AppError>();
  /** Tenants whose access test Microsoft answers with this message, whatever the relationship says. */
  readonly accessAnswers = new Map<string, string>();
  readonly ran: string[] = [];

  async readState(customer: FlowCustomer): Promise<LiveState> {
    const relationships = this.relationships.get(customer.tenantId) ?? [];
    const assignments = Object.fromEntries(
      relationships.map((r) => [r.id, this.assignments.get(r.id) ?? []]),
    );
    const consent = this.consents.has(customer.tenantId)
      ? {
          appId: FLOW_SETTINGS.applicationId,
          scopes: [...FLOW_SETTINGS.consentScopes],
          consentedAt: '2026-11-26T10:00:00.000Z',
        }
      : undefined;
    const accessTest = this.tested.has(customer.tenantId)
      ? { testedAt: '2026-11-26T10:01:00.000Z', ok: true }
      : undefined;
    const verdict = verdictFor(
      { tenantId: customer.tenantId, relationships },
      {
        consented: consent ? true : undefined,
        assignments,
        relationships,
        // As the real flow reads it: a consent no access test has followed is not yet working.
        accessTested: Boolean(consent && accessTest && accessTest.testedAt >= consent.consentedAt),
      },
      { roleIds: FLOW_SETTINGS.gdap.roleIds },
      new Date(),
    );
    return { customer, relationships, assignments, consent, accessTest, verdict };
  }

  nextStep(state: LiveState): FlowStep {
    return nextStep(state, FLOW_SETTINGS, new Date());
  }

  async runStep(step: FlowStep): Promise<LiveState> {
    const { tenantId } = step.customer;
    const failure = this.failing.get(tenantId);
    if (failure) throw failure;
    this.ran.push(`${step.kind}:${tenantId}`);
    const relationship = 'relationship' in step ? step.relationship : undefined;
    switch (step.kind) {
      case 'create-relationship':
        this.relationships.set(tenantId, [
          ...(this.relationships.get(tenantId) ?? []),
          {
            // Graph's shape: two GUIDs joined by '-', the second shared by all of the partner's relationships.
            id: `${randomUUID()}-${FAKE_PARTNER_TENANT_ID}`,
            displayName: `GDAP-${step.customer.displayName}`.slice(0, 50),
            status: 'approvalPending',
            roleIds: [...FLOW_SETTINGS.gdap.roleIds],
          },
        ]);
        break;
      case 'lock-for-approval':
        if (relationship) relationship.status = 'approvalPending';
        break;
      case 'create-access-assignments':
        if (relationship) {
          this.assignments.set(relationship.id, [
            { id: randomUUID(), status: 'active', groupId: 'g', roleIds: [...relationship.roleIds] },
          ]);
        }
        break;
      case 'consent-app':
        this.consents.add(tenantId);
        break;
      case 'test-access':
        this.tested.add(tenantId);
        break;
    }
    return this.readState(step.customer);
  }

  /** One read in the tenant: answered as Microsoft would for the relationship, assignments and consent kept here. */
  async testAccess(tenantId: string): Promise<AccessTestResult> {
    const relationships = (this.relationships.get(tenantId) ?? []).filter((r) =>
      ACTIVE_STATUSES.includes(r.status),
    );
    const assigned = relationships.some(
      (r) =>
        assignmentCoverage(this.assignments.get(r.id) ?? [], FLOW_SETTINGS.gdap.roleIds).active.length > 0,
    );
    const answer =
      this.accessAnswers.get(tenantId) ??
      (relationships.length === 0
        ? 'AADSTS50034: User was not found in the directory.'
        : !assigned
          ? 'Unsupported token.'
          : !this.consents.has(tenantId)
            ? 'AADSTS65001: The user or administrator has not consented to use the application.'
            : undefined);
    if (answer) return { ok: false, error: customerAccessFailure(new Error(answer), tenantId) };
    return { ok: true, organization: { id: tenantId, displayName: `Tenant ${tenantId.slice(0, 8)}` } };
  }

  /** The customer approving: every pending relationship becomes active. */
  approve(tenantId: string): void {
    for (const relationship of this.relationships.get(tenantId) ?? []) {
      if (relationship.status === 'approvalPending') {
        relationship.status = 'active';
        relationship.endDateTime = new Date(Date.now() + 700 * 86_400_000).toISOString();
      }
    }
  }

  async consentAll(
    customers: readonly FlowCustomer[],
    options: Parameters<ConsentFlowPort['consentAll']>[1] = {},
  ): Promise<ClientResult[]> {
    const results: ClientResult[] = [];
    for (const customer of customers) {
      const stepsRun: FlowStep['kind'][] = [];
      try {
        let step = this.nextStep(await this.readState(customer));
        while (
          [
            'create-relationship',
            'lock-for-approval',
            'create-access-assignments',
            'consent-app',
            'test-access',
          ].includes(step.kind)
        ) {
          await this.runStep(step);
          stepsRun.push(step.kind);
          step = this.nextStep(await this.readState(customer));
        }
        results.push({
          customer,
          outcome: step.kind === 'done' ? 'done' : 'waiting-for-customer',
          step,
          stepsRun,
          relationships: this.relationships.get(customer.tenantId) ?? [],
        });
      } catch (error) {
        results.push({ customer, outcome: 'failed', stepsRun, error: error as AppError });
      }
      options.onProgress?.({ completed: results.length, total: customers.length, latest: results.at(-1)! });
    }
    return results;
  }

  async previewAll(customers: readonly FlowCustomer[]): Promise<Preview[]> {
    return Promise.all(
      customers.map(async (customer) => ({ customer, step: this.nextStep(await this.readState(customer)) })),
    );
  }
}
