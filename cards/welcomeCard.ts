// The welcome card sent once when the bot is installed in a chat or team.
import template from './templates/welcome.json' with { type: 'json' };
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface WelcomeCardData {
  orgName: string;
  steps: { title: string; text: string }[];
  roleNote: string;
}

export function welcomeCard(data: WelcomeCardData): CardAttachment {
  return expandCard(template, data);
}
