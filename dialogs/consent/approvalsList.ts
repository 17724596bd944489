// The customers waiting to approve a GDAP request: a paged card of links and messages, the CSV, and reminders.
import type { TurnContext } from 'botbuilder';
import { approvalRemindersCard, approvalsListCard, type ApprovalRow } from '../../cards/accessCards.js';
import { approvalMessage, daysText, reminderMessage } from '../../services/gdap/approvalMessages.js';
import type { MessageSender } from '../../services/settings/messageSender.js';
import type { ApprovalReminders } from '../../services/gdap/approvalReminders.js';
import { approvalsCsv } from '../../services/gdap/approvalsCsv.js';
import type { Preview } from '../../services/gdap/consentAll.js';
import {
  agoText,
  daysSince,
  waitingApprovals,
  type WaitingApproval,
} from '../../services/gdap/waitingApprovals.js';
import { getTurnUser } from '../../bot/turnUser.js';
import type { ConsentDeps } from './consentActions.js';
import { labelsByTenant, mappedCustomers } from '../../services/gdap/mappedCustomers.js';

export interface ApprovalsListDeps {
  flow: Pick<ConsentDeps['flow'], 'previewAll'>;
  mappedClients: ConsentDeps['mappedClients'];
  mspName: () => MessageSender;
  reminders: Pick<ApprovalReminders, 'all' | 'record'>;
  /** A short-lived signed link to the CSV of the whole list. */
  csvUrl: () => string;
  now?: () => Date;
}

// Ten rows with their messages stay well under Teams' 28 KB card limit (a test holds it at 500 customers).
export const PAGE_SIZE = 10;
export const REMINDER_BATCH = 10;
// A customer reminded this recently is not offered again: the button moves on to the next longest waiting.
const REMIND_AGAIN_DAYS = 3;
// Paging and the CSV link reuse a read this young instead of reading every customer from Graph again.
const REUSE_MS = 2 * 60_000;
// Graph's ids are opaque (today two GUIDs joined by '-'): a reminder button carries them as strings of card size.
const MAX_ID_LENGTH = 256;
const APPROVAL_VALIDITY_DAYS = 90;

export class ApprovalsList {
  readonly #now: () => Date;
  #last: { at: number; previews: Preview[]; labelOf: (tenantId: string) => string | undefined } | undefined;

  constructor(private readonly deps: ApprovalsListDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  /** Typed, the list is read afresh; its page buttons and CSV link reuse that read for a short while. */
  async show(context: TurnContext, page: number, fresh = false): Promise<void> {
    const items = await this.items(fresh);
    const now = this.#now();
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const due = dueForReminder(items, now).slice(0, REMINDER_BATCH);
    const unread = this.#last?.previews.filter((preview) => preview.error).length ?? 0;
    // A customer whose read failed may be waiting too: say so rather than leave it out silently.
    const unreadNote =
      unread > 0
        ? ` ${count(unread, 'customer', 'customers')} could not be read just now and ${unread === 1 ? 'is' : 'are'} not listed: try again later.`
        : '';
    const summary =
      (items.length === 0
        ? 'No customer is waiting for approval now.'
        : `${count(items.length, 'customer is', 'customers are')} waiting for approval, the longest waiting first.`) +
      unreadNote;
    await context.sendActivity({
      attachments: [
        approvalsListCard({
          summary,
          rows: items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((item) => ({
            ...row(item, now, approvalMessage(item.customerName, item.approvalLink, this.deps.mspName())),
            link: item.approvalLink,
          })),
          page: current,
          pages,
          remindIds: due.map((item) => item.relationshipId),
          remindTitle: due.length === 1 ? 'Remind the oldest' : `Remind the ${due.length} oldest`,
          drawnAt: now.toISOString(),
          csvUrl: this.deps.csvUrl(),
        }),
      ],
    });
  }

  /**
   * Produces the reminder texts for the requests the button named and records them as reminded. A second press
   * (or a press by someone else) finds them reminded after the card was drawn, says so and records nothing.
   */
  async remind(context: TurnContext, relationshipIds: unknown, drawnAt: string): Promise<void> {
    // The button names the customers it was drawn with; a submit that names none, or not as strings, is not one
    // of its presses, and reminds nobody (rather than the ten oldest of now).
    if (!isIdList(relationshipIds)) {
      await context.sendActivity(
        'That reminder button is not one this bot drew, so nothing was recorded. Type **approvals** for the list as it is now.',
      );
      return;
    }
    const items = await this.items(false);
    const now = this.#now();
    const wanted = new Set(relationshipIds.map((id) => id.toLowerCase()));
    const chosen = items.filter((item) => wanted.has(item.relationshipId.toLowerCase()));
    if (chosen.length === 0) {
      await context.sendActivity(
        'None of those customers is waiting for approval any more, so there is nothing to remind. Type **approvals** for the list as it is now.',
      );
      return;
    }
    const drawn = Date.parse(drawnAt);
    const fresh = chosen.filter((item) => !(Date.parse(item.remindedAt ?? '') >= drawn));
    const rows = chosen.map((item) => {
      const message = reminderMessage(
        item.customerName,
        item.approvalLink,
        this.deps.mspName(),
        daysSince(item.waitingSince, now),
      );
      return row(item, now, message);
    });
    const gone = wanted.size - chosen.length;
    const goneNote =
      gone > 0 ? ` ${count(gone, 'other has', 'others have')} approved or left the list since.` : '';
    const repeated = fresh.length === 0;
    if (repeated) {
      const at = chosen[0].remindedAt?.slice(11, 16) ?? '';
      await context.sendActivity(
        `These reminders were already made at ${at} UTC (a double click, or someone else pressed it too), so nothing new was recorded. Here they are again:`,
      );
    } else {
      await this.deps.reminders.record(
        fresh.map((item) => item.relationshipId),
        getTurnUser(context).aadObjectId,
      );
    }
    await context.sendActivity({
      attachments: [
        approvalRemindersCard({
          summary: `${count(chosen.length, 'customer', 'customers')} waiting longest${repeated ? '' : ', recorded as reminded today'}.${goneNote}`,
          rows,
        }),
      ],
    });
  }

  /** The whole list as CSV, for the signed export link. */
  async csv(): Promise<string> {
    return approvalsCsv(await this.items(false), this.deps.mspName(), this.#now());
  }

  async items(fresh: boolean): Promise<WaitingApproval[]> {
    const now = this.#now().getTime();
    if (fresh || !this.#last || now - this.#last.at > REUSE_MS) {
      const customers = mappedCustomers(this.deps.mappedClients());
      const previews = await this.deps.flow.previewAll(customers.map((mapped) => mapped.customer));
      this.#last = { at: now, previews, labelOf: labelsByTenant(customers) };
    }
    // Reminders are read each time: one recorded a moment ago shows on the very next page.
    return waitingApprovals(this.#last.previews, this.#last.labelOf, this.deps.reminders.all());
  }
}

/** The longest waiting first, leaving out those reminded in the last few days. */
function dueForReminder(items: readonly WaitingApproval[], now: Date): WaitingApproval[] {
  return items.filter((item) => (daysSince(item.remindedAt, now) ?? Infinity) >= REMIND_AGAIN_DAYS);
}

function row(item: WaitingApproval, now: Date, message: string): ApprovalRow {
  const days = daysSince(item.waitingSince, now);
  const waiting =
    days === undefined
      ? 'waiting (since when is not known)'
      : `waiting ${days === 0 ? 'since today' : daysText(days)}, expires in ${daysText(Math.max(0, APPROVAL_VALIDITY_DAYS - days))}`;
  const reminded = item.remindedAt ? `reminded ${agoText(item.remindedAt, now)}` : 'not reminded yet';
  return {
    organization: item.organizations,
    customer: item.customerName,
    age: `${waiting} · ${reminded}`,
    message,
  };
}

function count(value: number, one: string, many: string): string {
  return value === 1 ? `1 ${one}` : `${value} ${many}`;
}

function isIdList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH)
  );
}
