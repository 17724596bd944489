// How a failed send reaches the notifier, and which failures mean the bot is no longer in the conversation.

export interface FailureDetails {
  statusCode?: number;
  retryAfterMs?: number;
  code?: string;
}

export class SendFailure extends Error implements FailureDetails {
  readonly statusCode?: number;
  readonly retryAfterMs?: number;
  readonly code?: string;

  constructor(message: string, details: FailureDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SendFailure';
    this.statusCode = details.statusCode;
    this.retryAfterMs = details.retryAfterMs;
    this.code = details.code;
  }
}

/** Reads the details off any thrown value; a value without a status is treated as a network failure. */
export function failureDetails(error: unknown): FailureDetails {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, retryAfterMs, code } = error as Record<string, unknown>;
  return {
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    retryAfterMs: typeof retryAfterMs === 'number' && retryAfterMs >= 0 ? retryAfterMs : undefined,
    code: typeof code === 'string' ? code : undefined,
  };
}

/** 403 BotNotInConversationRoster and 404 ConversationNotFound: the app was removed from that conversation. */
/**
 * An edit refused because the message is no longer there (someone deleted it) while the conversation still is:
 * a 404 that does not name the conversation. The card is posted again instead of the conversation forgotten.
 */
export function isMessageGone({ statusCode, code }: FailureDetails): boolean {
  return (
    code === 'ActivityNotFound' ||
    (statusCode === 404 && code !== 'ConversationNotFound' && code !== 'BotNotInConversationRoster')
  );
}

export function isConversationGone({ statusCode, code }: FailureDetails): boolean {
  return (
    statusCode === 403 ||
    statusCode === 404 ||
    code === 'BotNotInConversationRoster' ||
    code === 'ConversationNotFound'
  );
}
