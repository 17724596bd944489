// A proactive alert: one problem kind, what it affects with a fix button each, or the same card marked resolved.
import template from './templates/alert.json' with { type: 'json' };
import type { ActionButton } from './noticeCard.js';
import type { CardAction, CommandButton } from './cardActions.js';
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface AlertCardItem {
  title: string;
  detail: string;
  /** The button that opens the fix for this item; none on a resolved card. */
  fix?: ActionButton;
}

export interface AlertCardData {
  /** The alert kind and when this problem was found: the card's Universal Actions refresh fetches its state. */
  kind: string;
  openedAt: string;
  heading: string;
  message: string;
  resolved: boolean;
  items: AlertCardItem[];
  /** Items beyond those shown; a card that lists hundreds stops being read. */
  moreCount: number;
  footer: string;
  buttons: (CommandButton | ActionButton)[];
}

const toData = (button: CommandButton | ActionButton): { title: string; data: CardAction } =>
  'data' in button
    ? button
    : { title: button.title, data: { action: 'runCommand', command: button.command } };

export function alertCard(data: AlertCardData): CardAttachment {
  return expandCard(template, {
    kind: data.kind,
    openedAt: data.openedAt,
    heading: data.heading,
    message: data.message,
    color: data.resolved ? 'Good' : 'Attention',
    items: data.items.map((item) => ({
      mark: data.resolved ? '✅' : '⚠️',
      title: item.title,
      detail: item.detail,
      fix: data.resolved || !item.fix ? null : toData(item.fix),
    })),
    more: data.moreCount > 0 ? `…and ${data.moreCount} more. Type **conflicts** to see them all.` : '',
    footer: data.footer,
    buttons: data.buttons.map(toData),
  });
}
