// The alerts use cases: a conversation's alert setting, turning alerts on or off there, and the open problems now.
import type { ConversationStore } from '../conversations/conversationStore.js';
import type { IntegrationSettings } from '../settings/integrationSettings.js';
import type { AlertRecord } from '../store/storeData.js';
import type { AlertCenter } from './alertCenter.js';
import type { AlertSubscriptions, SubscriptionState } from './alertSubscriptions.js';

export interface AlertCasesPorts {
  center: Pick<AlertCenter, 'check' | 'open' | 'requestCheck'>;
  subscriptions: AlertSubscriptions;
  conversations: Pick<ConversationStore, 'get'>;
  settings: () => Pick<IntegrationSettings, 'alerts'> | undefined;
}

export interface AlertSettingsView {
  state: SubscriptionState;
  /** Whether the bot can post there: it has the conversation's reference from the install. */
  reachable: boolean;
  /** Where setup sends alerts (its label); absent before setup. */
  destination?: string;
}

export type SetAlertsOutcome =
  | { kind: 'refused'; reason: 'unreachable' }
  | { kind: 'changed' | 'unchanged'; on: boolean; reachable: boolean };

export class AlertCases {
  constructor(private readonly ports: AlertCasesPorts) {}

  settingsOf({ conversationId }: { conversationId: string }): AlertSettingsView {
    const destination = this.ports.settings()?.alerts.label;
    return {
      state: this.ports.subscriptions.stateOf(conversationId),
      reachable: this.reachable(conversationId),
      ...(destination ? { destination } : {}),
    };
  }

  async set({
    conversationId,
    on,
    by,
  }: {
    conversationId: string;
    on: boolean;
    by: string;
  }): Promise<SetAlertsOutcome> {
    const reachable = this.reachable(conversationId);
    // Turning off never needs a post; turning on where the bot cannot post would subscribe a chat that gets nothing.
    if (on && !reachable) return { kind: 'refused', reason: 'unreachable' };
    const changed = await this.ports.subscriptions.set(conversationId, on, by);
    // A conversation that turns alerts on gets the problems open now.
    this.ports.center.requestCheck();
    return { kind: changed ? 'changed' : 'unchanged', on, reachable };
  }

  /** Detects first, so a change not yet checked is in the answer. */
  async openProblems(): Promise<readonly AlertRecord[]> {
    await this.ports.center.check();
    return this.ports.center.open();
  }

  private reachable(conversationId: string): boolean {
    return this.ports.conversations.get(conversationId) !== undefined;
  }
}
