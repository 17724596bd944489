// Which conversations get alerts: each conversation's own choice, else only the destination chosen in setup.
import type { AppStore } from '../store/appStore.js';
import type { StoreData } from '../store/storeData.js';

export type SubscriptionSource = 'chosen' | 'setup' | 'default';

export interface SubscriptionState {
  on: boolean;
  /** Why: the conversation chose it, it is setup's alert destination, or neither (off). */
  source: SubscriptionSource;
  changedBy?: string;
  changedAt?: string;
}

export class AlertSubscriptions {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  stateOf(conversationId: string): SubscriptionState {
    const chosen = this.store.data.alertSubscriptions[conversationId];
    if (chosen)
      return { on: chosen.on, source: 'chosen', changedBy: chosen.changedBy, changedAt: chosen.changedAt };
    const destination = this.store.data.settings?.alerts.conversationId === conversationId;
    return { on: destination, source: destination ? 'setup' : 'default' };
  }

  /** The conversations the bot is still installed in that get alerts. */
  subscribers(): string[] {
    return alertSubscribers(this.store.data);
  }

  /** Returns false when the conversation already had that setting. */
  set(conversationId: string, on: boolean, by: string): Promise<boolean> {
    return this.store.update((data) => {
      const before = this.stateOf(conversationId).on;
      data.alertSubscriptions[conversationId] = { on, changedBy: by, changedAt: this.now().toISOString() };
      if (before !== on) {
        data.audit.push({
          at: this.now().toISOString(),
          by,
          action: on ? 'alerts.on' : 'alerts.off',
          changes: [{ field: `alertSubscriptions.${conversationId}`, before, after: on }],
        });
      }
      return before !== on;
    });
  }
}

/** The conversations the bot is installed in that get alerts: their own choice, else setup's destination. */
export function alertSubscribers(data: Readonly<StoreData>): string[] {
  return Object.keys(data.conversations).filter((id) =>
    Object.hasOwn(data.alertSubscriptions, id)
      ? data.alertSubscriptions[id].on
      : data.settings?.alerts.conversationId === id,
  );
}
