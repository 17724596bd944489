// Long work started from a chat: answered at once, then one message updated with progress and a final reply.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { BotAdapter } from './adapter.js';
import type { Logger } from './logger.js';

// Teams allows about one update per second per conversation before throttling.
const UPDATE_EVERY_MS = 1_000;

export type ReportProgress = (text: string) => void;

export class BackgroundTasks {
  readonly #running = new Set<Promise<unknown>>();

  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly log: Logger,
  ) {}

  /** Sends `firstText`, runs `work` without holding the turn, updates that message, then posts the result. */
  async start(
    context: TurnContext,
    firstText: string,
    work: (report: ReportProgress) => Promise<Partial<Activity>>,
  ): Promise<void> {
    const sent = await context.sendActivity(firstText);
    const reference = TurnContext.getConversationReference(
      context.activity,
    ) as Partial<ConversationReference>;
    let last = 0;
    const report: ReportProgress = (text) => {
      const now = Date.now();
      if (now - last < UPDATE_EVERY_MS) return;
      last = now;
      void this.continue(reference, (turn) => turn.updateActivity({ id: sent?.id, type: 'message', text }));
    };
    const running = work(report)
      .then((result) => this.continue(reference, (turn) => turn.sendActivity(result)))
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'background task failed');
        return this.continue(reference, (turn) =>
          turn.sendActivity('That did not finish: something went wrong on our side. Please try again.'),
        );
      })
      .finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  /** Whether a task is still running or posting its result. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  /** Resolves once every task started so far has posted its result. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  private async continue(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<unknown>,
  ) {
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        await send(context);
      });
    } catch (error) {
      this.log.warn({ err: error }, 'could not post a background update');
    }
  }
}
