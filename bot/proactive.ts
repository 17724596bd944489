// Sends messages into conversations the bot was installed in, forgetting those it was removed from.
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationStore } from '../services/conversations/conversationStore.js';
import type { BotAdapter } from './adapter.js';
import type { Logger } from './logger.js';

export type ProactiveResult = 'sent' | 'unknown-conversation' | 'forgotten';

export class ProactiveMessenger {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
  ) {}

  /** Sends one activity; returns the id Teams gave the message through `onSent`. */
  async send(
    conversationId: string,
    activity: Partial<Activity>,
    onSent?: (id: string) => void,
  ): Promise<ProactiveResult> {
    const record = this.conversations.get(conversationId);
    if (!record) return 'unknown-conversation';
    // The adapter hands errors inside the logic to onTurnError; carry them out to decide here.
    let failure: unknown;
    await this.adapter.continueConversationAsync(
      this.appId,
      record.reference as Partial<ConversationReference>,
      async (context) => {
        try {
          const response = await context.sendActivity(activity);
          if (response?.id) onSent?.(response.id);
        } catch (error) {
          failure = error;
        }
      },
    );
    if (failure === undefined) return 'sent';
    if (!isGone(failure)) throw failure;
    // 403 BotNotInConversationRoster / 404 ConversationNotFound: the app was removed from there.
    await this.conversations.forget(conversationId);
    this.log.info({ conversationId }, 'forgot a conversation the bot was removed from');
    return 'forgotten';
  }
}

/** Runs the bot's logic in a remembered conversation for an event the bot raises itself (e.g. a finished sign-in). */
export async function deliverEvent(
  adapter: BotAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  event: { name: string; value: unknown },
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    context.activity.type = 'event';
    context.activity.name = event.name;
    context.activity.value = event.value;
    await logic(context);
  });
}

function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  const code = (error as { code?: string; body?: { error?: { code?: string } } }).body?.error?.code;
  return (
    status === 403 ||
    status === 404 ||
    code === 'BotNotInConversationRoster' ||
    code === 'ConversationNotFound'
  );
}
