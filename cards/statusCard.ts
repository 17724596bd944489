// The status card: what is set up so far, and the next step.
import template from './templates/status.json' with { type: 'json' };
import type { CommandButton } from './cardActions.js';
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface StatusCardData {
  items: { label: string; detail: string; done: boolean }[];
  userName: string;
  role: string;
  environment: string;
  buttons: CommandButton[];
}

export function statusCard(data: StatusCardData): CardAttachment {
  return expandCard(template, data);
}
