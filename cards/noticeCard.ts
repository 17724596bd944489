// A short notice: a refusal, an error with its correlation id, or a confirmation.
import template from './templates/notice.json' with { type: 'json' };
import type { CardAction, CommandButton } from './cardActions.js';
import { expandCard, type CardAttachment } from './cardAttachment.js';

export type NoticeKind = 'info' | 'warning' | 'error';

/** A button that sends any typed card action, e.g. "Remap" with its ids. */
export interface ActionButton {
  title: string;
  data: CardAction;
}

export interface NoticeCardData {
  kind: NoticeKind;
  title: string;
  message: string;
  correlationId?: string;
  buttons?: (CommandButton | ActionButton)[];
}

// Teams' light theme draws Warning as pale yellow on white, too faint for a title.
const COLORS: Record<NoticeKind, string> = { info: 'Default', warning: 'Attention', error: 'Attention' };

export function noticeCard(data: NoticeCardData): CardAttachment {
  return expandCard(template, {
    ...data,
    color: COLORS[data.kind],
    correlationId: data.correlationId ?? '',
    buttons: (data.buttons ?? []).map((button) =>
      'data' in button
        ? button
        : { title: button.title, data: { action: 'runCommand', command: button.command } },
    ),
  });
}
