// The help card: what the bot can do, with a button per common command.
import template from './templates/help.json' with { type: 'json' };
import type { CommandButton } from './cardActions.js';
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface HelpCardData {
  title: string;
  intro: string;
  /** Shown when the user typed something unknown: "Did you mean …?" */
  suggestion?: string;
  commands: { name: string; description: string }[];
  buttons: CommandButton[];
  footer: string;
}

export function helpCard(data: HelpCardData): CardAttachment {
  return expandCard(template, { ...data, suggestion: data.suggestion ?? '' });
}
