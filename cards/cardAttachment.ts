// Expands an Adaptive Card template with typed data into a Bot Framework attachment.
import { Template } from 'adaptivecards-templating';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Structurally a botbuilder Attachment; cards stay free of the SDK. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

// Parsing a template's expressions costs about a millisecond; expanding a parsed one, microseconds.
const parsed = new WeakMap<object, Template>();

export function expandCard(template: object, data: object): CardAttachment {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new Template(template);
    parsed.set(template, compiled);
  }
  const content = compiled.expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
