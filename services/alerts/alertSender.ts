// The port the notifier sends through: post a new message or update one already posted, in one conversation.

/** A message as the connector takes it; plain data, so services never depend on botbuilder's types. */
export interface OutgoingActivity {
  type: 'message';
  attachments?: { contentType: string; content: unknown }[];
  /** What a notification or the chat list shows for a card-only message. */
  summary?: string;
  text?: string;
}

/**
 * Failures are thrown as errors carrying `statusCode` (absent for a network error), `retryAfterMs` when
 * the service said how long to wait, and the connector's error `code` (e.g. BotNotInConversationRoster).
 */
export interface AlertSender {
  /** Returns the id Teams gave the new message. */
  post(conversationId: string, activity: OutgoingActivity): Promise<string>;
  update(conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void>;
}
