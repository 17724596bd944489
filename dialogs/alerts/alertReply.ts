// An alert record as the card people see: what is wrong, what it affects, and the button that opens each fix.
import { alertCard, type AlertCardItem } from '../../cards/alertCard.js';
import type { CardAttachment } from '../../cards/cardAttachment.js';
import type { ActionButton } from '../../cards/noticeCard.js';
import { isAlertKind, type AlertKind } from '../../services/alerts/alertModel.js';
import type { OutgoingActivity } from '../../services/alerts/alertSender.js';
import { CONFLICT_ALERT, CONFLICT_FIX } from '../../services/errors.js';
import type { AlertRecord } from '../../services/store/storeData.js';

/** More than this and the card is a wall: the rest are a `conflicts` away. */
export const ALERT_ITEMS_SHOWN = 10;

interface KindText {
  heading: string;
  message: string;
  fix: 'conflict' | 'map' | 'consent';
  fixTitle: string;
}

const TEXT: Record<AlertKind, KindText> = {
  'mapping-conflict': {
    heading: 'Organizations linked to multiple customers',
    message: `${CONFLICT_ALERT} ${CONFLICT_FIX} Press **Fix mapping** beside an organization, then **Keep this one** beside the customer it belongs to.`,
    fix: 'conflict',
    fixTitle: 'Fix mapping',
  },
  'customer-missing': {
    heading: 'Mapped to customers no longer in your CSP list',
    message:
      'These organizations are mapped to customer tenants that the last sync no longer found among your CSP customers. Microsoft actions on them will fail: map each to its current customer, or unmap it.',
    fix: 'map',
    fixTitle: 'Remap',
  },
  'relationship-ended': {
    heading: 'Delegated access ended',
    message:
      'The GDAP relationships with these clients expired or were terminated, and no other relationship gives access. Create a new relationship and send the customer its approval link.',
    fix: 'consent',
    fixTitle: 'Restore access',
  },
  'relationship-expiring': {
    heading: 'Delegated access ends soon',
    message:
      'These GDAP relationships end soon and do not extend by themselves. Create a replacement in time and have the customer approve it.',
    fix: 'consent',
    fixTitle: 'Renew',
  },
  'approval-pending': {
    heading: 'Waiting for customers to approve',
    message:
      'These relationship requests have waited for the customer’s approval for a long time. Send the customer the approval link again; a request lapses after 90 days.',
    fix: 'consent',
    fixTitle: 'Approval link',
  },
  'roles-missing': {
    heading: 'Relationships lack roles the integration needs',
    message:
      'Roles cannot be added to an existing GDAP relationship: a new one with every configured role is needed. The current one keeps working until then.',
    fix: 'consent',
    fixTitle: 'New relationship',
  },
  'consent-missing': {
    heading: 'App consent missing',
    message:
      'The integration’s app is not consented in these clients’ tenants, so actions there fail with “consent required”. Consent it per client, or run **consent** and Consent all.',
    fix: 'consent',
    fixTitle: 'Consent',
  },
};

const day = (iso: string) => iso.slice(0, 10);

export function alertHeading(kind: AlertKind): string {
  return TEXT[kind].heading;
}

/** The card for a record, open or resolved; undefined for a kind this version does not know. */
export function alertReply(
  record: AlertRecord,
  state: 'open' | 'resolved' = record.resolvedAt ? 'resolved' : 'open',
): CardAttachment | undefined {
  if (!isAlertKind(record.kind)) return undefined;
  const text = TEXT[record.kind];
  const resolved = state === 'resolved';
  const items: AlertCardItem[] = record.items.slice(0, ALERT_ITEMS_SHOWN).map((item) => ({
    title: item.title,
    detail: item.detail,
    ...(item.organizationId ? { fix: fixButton(text, item.organizationId) } : {}),
  }));
  const count = record.items.length;
  return alertCard({
    kind: record.kind,
    openedAt: record.openedAt,
    heading: resolved
      ? `Resolved: ${text.heading.charAt(0).toLowerCase()}${text.heading.slice(1)}`
      : text.heading,
    message: resolved ? 'Nothing here needs fixing any more. This is what was affected:' : text.message,
    resolved,
    items,
    moreCount: Math.max(0, count - items.length),
    footer: resolved
      ? `Found ${day(record.openedAt)}, resolved ${day(record.resolvedAt ?? record.updatedAt)}.`
      : `${count} affected · found ${day(record.openedAt)}${record.updatedAt !== record.openedAt ? `, updated ${day(record.updatedAt)}` : ''}.`,
    buttons: resolved
      ? [{ title: 'Open problems', command: 'conflicts' }]
      : [
          { title: 'All open problems', command: 'conflicts' },
          { title: 'Alert settings', command: 'alerts' },
        ],
  });
}

function fixButton(text: KindText, organizationId: string): ActionButton {
  const title = text.fixTitle;
  if (text.fix === 'conflict') return { title, data: { action: 'map.fixConflict', organizationId } };
  if (text.fix === 'map') return { title, data: { action: 'map.open', organizationId } };
  return { title, data: { action: 'consent.open', organizationId } };
}

/** The proactive message for a delivery: the card, with the summary Teams shows in the feed and the notification. */
export function alertActivity(
  record: AlertRecord | undefined,
  state: 'open' | 'resolved',
): OutgoingActivity | undefined {
  const card = record && alertReply(record, state);
  if (!card || !isAlertKind(record.kind)) return undefined;
  // A card has no text of its own for the feed to show.
  const heading = alertHeading(record.kind);
  return {
    type: 'message',
    summary: state === 'resolved' ? `Resolved: ${heading}` : heading,
    attachments: [card],
  };
}

/** The Universal Actions `refresh` verbs the bot's cards carry (alert.json); each answers with the card as it is now. */
export const ALERTS_REFRESH = 'alerts.refresh';
export const REFRESH_VERBS: readonly string[] = [ALERTS_REFRESH];

/** A card Teams asks to refresh: the record's current one, if it is still the occurrence the card was drawn for. */
export function refreshedAlertCard(record: AlertRecord | undefined, openedAt: unknown): unknown {
  // A card of an earlier occurrence of this kind stays as it is: the record now tells a newer story.
  return record && record.openedAt === openedAt ? alertReply(record)?.content : undefined;
}
