// Which conversations get alerts: each conversation's own choice, else only the destination chosen in setup.

export type SubscriptionSource = 'chosen' | 'setup' | 'default';

export interface SubscriptionState {
  on: boolean;
  /** Why: the conversation chose it, it is setup's alert destination, or neither (off). */
  source: SubscriptionSource;
  changedBy?: string;
  changedAt?: string;
}

/** The port the services use; the lowdb-backed file store implements it (services/store/file/alertSubscriptions.ts). */
export interface AlertSubscriptions {
  stateOf(conversationId: string): SubscriptionState;
  /** The conversations the bot is still installed in that get alerts. */
  subscribers(): string[];
  /** Returns false when the conversation already had that setting. */
  set(conversationId: string, on: boolean, by: string): Promise<boolean>;
}
