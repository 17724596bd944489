// When each waiting approval request was last reminded, so the waiting list can say "reminded 2 days ago".
import type { ApprovalReminder } from '../store/storeData.js';

/** The port the services use; the lowdb-backed file store implements it (services/store/file/approvalReminders.ts). */
export interface ApprovalReminders {
  /** Keyed by lower-case relationship id: a new request for the same customer starts unreminded. */
  all(): Readonly<Record<string, ApprovalReminder>>;
  /** Notes a reminder for each relationship now, in one write, and forgets reminders of long-expired requests. */
  record(relationshipIds: readonly string[], by: string): Promise<string>;
}
