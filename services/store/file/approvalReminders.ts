// When each waiting approval request was last reminded, so the waiting list can say "reminded 2 days ago".
import type { ApprovalReminders } from '../../gdap/approvalReminders.js';
import type { AppStore } from '../appStore.js';
import type { ApprovalReminder } from '../storeData.js';

// An unapproved request expires after 90 days; a reminder older than that belongs to a request that is gone.
const KEEP_MS = 91 * 86_400_000;

export class FileApprovalReminders implements ApprovalReminders {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Keyed by lower-case relationship id: a new request for the same customer starts unreminded. */
  all(): Readonly<Record<string, ApprovalReminder>> {
    return this.store.data.approvalReminders ?? {};
  }

  /** Notes a reminder for each relationship now, in one write, and forgets reminders of long-expired requests. */
  async record(relationshipIds: readonly string[], by: string): Promise<string> {
    const at = this.now();
    const remindedAt = at.toISOString();
    await this.store.update((data) => {
      const reminders = (data.approvalReminders ??= {});
      for (const [id, reminder] of Object.entries(reminders)) {
        if (at.getTime() - Date.parse(reminder.remindedAt) > KEEP_MS) delete reminders[id];
      }
      for (const id of relationshipIds) reminders[id.toLowerCase()] = { remindedAt, by };
    });
    return remindedAt;
  }
}
