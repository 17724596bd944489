// Sends messages into conversations the bot was installed in, forgetting those it was removed from.
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { isConversationGone, type FailureDetails } from '../services/alerts/sendFailure.js';
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

/** 403 BotNotInConversationRoster / 404 ConversationNotFound from the connector: the app was removed there. */
export function isGone(error: unknown): boolean {
  return isConversationGone(connectorFailureDetails(error));
}

/**
 * Status, error code and Retry-After of a connector error. The connector puts the body's error code on
 * the error itself (older versions left it in body.error.code); Retry-After is seconds or an HTTP date.
 */
export function connectorFailureDetails(error: unknown, now = Date.now()): FailureDetails {
  const failure = error as {
    statusCode?: unknown;
    code?: unknown;
    body?: { error?: { code?: unknown } };
    response?: { headers?: { get?(name: string): string | undefined } };
  } | null;
  const code = failure?.body?.error?.code ?? failure?.code;
  return {
    statusCode: typeof failure?.statusCode === 'number' ? failure.statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
    retryAfterMs: retryAfterMs(failure?.response?.headers?.get?.('retry-after'), now),
  };
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
