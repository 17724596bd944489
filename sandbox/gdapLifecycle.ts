// The status changes Microsoft makes after someone acts: approved → activating → active, and assignments pending → active.
import { accessAssignmentOperationData } from './graph/graphShapes.js';
import type { RelationshipStatus } from './relationshipRules.js';
import type { Scheduler } from './scheduler.js';
import type { SandboxEvents } from './sandboxEvents.js';
import {
  newEtag,
  type AccessAssignmentRecord,
  type OperationRecord,
  type RelationshipRecord,
  type SandboxState,
} from './sandboxState.js';

export interface LifecycleTiming {
  approvalDelayMs: number;
  assignmentDelayMs: number;
}

export const APPROVAL_EXPIRY_DAYS = 90;
const DAY_MS = 86_400_000;

// An invitation lapses 90 days after it was sent. Nothing can change an approvalPending relationship, so its
// lastModifiedDateTime is when it was locked for approval (for a seeded one, when it was created).
export function approvalExpired(relationship: RelationshipRecord, now = new Date()): boolean {
  return now.getTime() - Date.parse(relationship.lastModifiedDateTime) > APPROVAL_EXPIRY_DAYS * DAY_MS;
}

export class GdapLifecycle {
  constructor(
    private readonly state: SandboxState,
    private readonly scheduler: Scheduler,
    private readonly events: SandboxEvents,
    // Read at each step, so a test can change the delays while the sandbox runs.
    private readonly timing: () => LifecycleTiming,
  ) {}

  // The customer's Global Administrator accepted: `approved` at once, `activating` half-way, `active` after the delay.
  approve(relationship: RelationshipRecord, customer: { tenantId: string; displayName: string }): void {
    relationship.customer ??= customer;
    this.move(relationship, 'approved');
    const delay = this.timing().approvalDelayMs;
    this.scheduler.schedule(delay / 2, () => this.moveFrom(relationship, 'approved', 'activating'));
    this.scheduler.schedule(delay, () => this.moveFrom(relationship, 'activating', 'active'));
  }

  expire(relationship: RelationshipRecord): void {
    this.move(relationship, 'expired');
  }

  /** Microsoft expires a request nobody approved within 90 days; the sandbox notices on the next read. */
  expireUnapproved(now = new Date()): void {
    for (const relationship of this.state.relationships) {
      if (relationship.status === 'approvalPending' && approvalExpired(relationship, now))
        this.expire(relationship);
    }
  }

  // Graph answers `pending` and finishes in the background; the operation tracks it from running to succeeded.
  startAssignment(
    relationship: RelationshipRecord,
    assignment: AccessAssignmentRecord,
    operation: OperationRecord,
  ): void {
    this.scheduler.schedule(this.timing().assignmentDelayMs, () => {
      if (assignment.status !== 'pending') return;
      const now = new Date().toISOString();
      Object.assign(assignment, { status: 'active', lastModifiedDateTime: now, etag: newEtag() });
      Object.assign(operation, {
        status: 'succeeded',
        data: accessAssignmentOperationData(assignment),
        lastModifiedDateTime: now,
        etag: newEtag(),
      });
      this.events.emit('accessAssignmentStatus', {
        relationshipId: relationship.id,
        assignmentId: assignment.id,
        status: 'active',
      });
    });
  }

  // A step is skipped when something else (a test, a termination) moved the relationship on in the meantime.
  private moveFrom(relationship: RelationshipRecord, from: RelationshipStatus, to: RelationshipStatus): void {
    if (relationship.status === from) this.move(relationship, to);
  }

  private move(relationship: RelationshipRecord, status: RelationshipStatus): void {
    this.state.setRelationshipStatus(relationship.id, status);
    this.events.emit('relationshipStatus', { relationshipId: relationship.id, status });
  }
}
