// Expands an Adaptive Card template with typed data into a Bot Framework attachment.
import { Template } from 'adaptivecards-templating';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Structurally a botbuilder Attachment; cards stay free of the SDK. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export function expandCard(template: object, data: object): CardAttachment {
  // Templates are parsed once per call by the library; the JSON object itself is shared and never mutated.
  const content = new Template(template).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
