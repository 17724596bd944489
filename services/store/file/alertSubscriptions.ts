// Which conversations get alerts: each conversation's own choice, else only the destination chosen in setup.
import type { AlertSubscriptions, SubscriptionState } from '../../alerts/alertSubscriptions.js';
import type { AppStore } from '../appStore.js';
import type { StoreData } from '../storeData.js';

export class FileAlertSubscriptions implements AlertSubscriptions {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  stateOf(conversationId: string): SubscriptionState {
    return subscriptionOf(this.store.data, conversationId);
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

/** A conversation's own choice, else on for setup's alert destination and off for the rest. */
export function subscriptionOf(data: Readonly<StoreData>, conversationId: string): SubscriptionState {
  const chosen = Object.hasOwn(data.alertSubscriptions, conversationId)
    ? data.alertSubscriptions[conversationId]
    : undefined;
  if (chosen)
    return { on: chosen.on, source: 'chosen', changedBy: chosen.changedBy, changedAt: chosen.changedAt };
  const destination = data.settings?.alerts.conversationId === conversationId;
  return { on: destination, source: destination ? 'setup' : 'default' };
}

/** The conversations the bot is installed in that get alerts. */
export function alertSubscribers(data: Readonly<StoreData>): string[] {
  return Object.keys(data.conversations).filter((id) => subscriptionOf(data, id).on);
}
