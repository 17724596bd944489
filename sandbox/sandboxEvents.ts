// Status changes the sandbox makes on its own (the customer approving, Microsoft activating), for tests to observe in order.
import { EventEmitter } from 'node:events';
import type { AccessAssignmentStatus, RelationshipStatus } from './relationshipRules.js';

export interface RelationshipStatusEvent {
  relationshipId: string;
  status: RelationshipStatus;
}

export interface AccessAssignmentStatusEvent {
  relationshipId: string;
  assignmentId: string;
  status: AccessAssignmentStatus;
}

export interface SandboxEventMap {
  relationshipStatus: [RelationshipStatusEvent];
  accessAssignmentStatus: [AccessAssignmentStatusEvent];
}

export class SandboxEvents extends EventEmitter<SandboxEventMap> {}
