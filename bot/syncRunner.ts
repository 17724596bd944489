// Runs a customer sync for a chat: one message that counts up while it runs, then says how it went.
import { TurnContext, type ConversationReference } from 'botbuilder';
import { syncProgressText, type CustomerSync, type SyncResult } from '../services/customers/customerSync.js';
import type { BotAdapter } from './adapter.js';
import type { Logger } from './logger.js';

// Teams allows about one update per second per conversation before throttling.
const UPDATE_EVERY_MS = 1_000;

export class SyncRunner {
  constructor(
    private readonly sync: CustomerSync,
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly log: Logger,
    /** Whether an account is signed in: without one there is nothing to sync with. */
    private readonly authorized: () => boolean,
  ) {}

  /** Answers at once and syncs in the background: Teams gives a turn only seconds. */
  async start(context: TurnContext): Promise<void> {
    if (!this.authorized()) {
      await context.sendActivity(
        'Nothing to sync yet: an MSP administrator runs **setup** and signs in first.',
      );
      return;
    }
    const joined = this.sync.isRunning;
    const sent = await context.sendActivity(
      joined ? 'A sync is already running; following it here…' : 'Syncing the CSP customer list…',
    );
    const reference = TurnContext.getConversationReference(
      context.activity,
    ) as Partial<ConversationReference>;
    const messageId = sent?.id;
    let lastUpdate = 0;
    const update = (text: string) => this.update(reference, messageId, text);
    void this.sync
      .sync({
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastUpdate < UPDATE_EVERY_MS) return;
          lastUpdate = now;
          void update(syncProgressText(progress));
        },
      })
      .then((result) => update(resultText(result)))
      .catch((error: unknown) => this.log.error({ err: error }, 'customer sync report failed'));
  }

  private async update(
    reference: Partial<ConversationReference>,
    messageId: string | undefined,
    text: string,
  ): Promise<void> {
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        if (messageId) await context.updateActivity({ id: messageId, type: 'message', text });
        else await context.sendActivity(text);
      });
    } catch (error) {
      this.log.warn({ err: error }, 'could not update the sync message');
    }
  }
}

export function resultText(result: SyncResult): string {
  if (result.ok) {
    return `Synced ${result.count.toLocaleString('en-US')} CSP customers in ${(result.durationMs / 1000).toFixed(1)} s.`;
  }
  // The error already says which list is kept and from when; add only how many customers it holds.
  return `The sync did not finish: ${result.error.userMessage} (${result.keptCount.toLocaleString('en-US')} customers kept.)`;
}
