// The production AlertSender: proactive posts and edits through the CloudAdapter, with no hidden retries.
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { AlertSender, OutgoingActivity } from '../services/alerts/alertSender.js';
import { SendFailure } from '../services/alerts/sendFailure.js';
import type { ConversationStore } from '../services/conversations/conversationStore.js';
import type { BotAdapter } from './adapter.js';
import { connectorFailureDetails } from './proactive.js';

// The connector's HTTP pipeline (core-rest-pipeline) retries 5xx, 408, network errors and a 429 with
// Retry-After up to 3 times on its own. For a POST that can duplicate a message (a 502 or a reset after
// Teams accepted it) and it hides 429s from the pacer, so each proactive turn's client loses that policy;
// the notifier retries instead, from the outbox.
const HIDDEN_RETRY_POLICY = 'defaultRetryPolicy';

export class ConnectorAlertSender implements AlertSender {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationStore,
  ) {}

  post(conversationId: string, activity: OutgoingActivity): Promise<string> {
    return this.#inConversation(conversationId, async (context) => {
      // The proactive turn's activity has an id of its own, which sendActivity would make the replyToId: the
      // connector would then post a reply (POST …/activities/{id}) where an alert must be a new message.
      context.onSendActivities(async (_context, outgoing, next) => {
        for (const item of outgoing) delete item.replyToId;
        return next();
      });
      const response = await context.sendActivity(activity);
      // Teams always answers with an id; without one the post cannot be edited later, only replaced.
      return response?.id ?? '';
    });
  }

  update(conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void> {
    return this.#inConversation(conversationId, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  async #inConversation<T>(conversationId: string, work: (context: TurnContext) => Promise<T>): Promise<T> {
    const record = this.conversations.get(conversationId);
    if (!record) {
      throw new SendFailure('no reference is stored for this conversation', {
        statusCode: 404,
        code: 'ConversationNotFound',
      });
    }
    // The adapter hands errors thrown inside the logic to onTurnError (which replies with an error card):
    // catch them inside and raise them here instead.
    let outcome = { error: new Error('the turn did not run') } as { value: T } | { error: unknown };
    await this.adapter.continueConversationAsync(
      this.appId,
      asNewMessage(record.reference as Partial<ConversationReference>),
      async (context) => {
        try {
          withoutHiddenRetries(context, this.adapter);
          outcome = { value: await work(context) };
        } catch (error) {
          outcome = { error };
        }
      },
    );
    const settled = outcome as { value: T } | { error: unknown };
    if ('value' in settled) return settled.value;
    const error = settled.error as Error | undefined;
    throw new SendFailure(error?.message ?? 'send failed', connectorFailureDetails(error), { cause: error });
  }
}

/**
 * The stored reference without what ties a send to an old message: a channel conversation id's `;messageid=…`
 * (it names the thread) and the activityId (adapters that reuse it reply to it). An alert is a new message, a new
 * thread in a channel, not a reply lost in whatever thread the bot last saw.
 */
function asNewMessage(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _lastSeen, ...rest } = reference;
  if (!rest.conversation) return rest;
  return {
    ...rest,
    conversation: { ...rest.conversation, id: rest.conversation.id.replace(/;messageid=.*$/i, '') },
  };
}

function withoutHiddenRetries(context: TurnContext, adapter: BotAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } } | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) throw new Error('the connector client has no HTTP pipeline to take the retry policy out of');
  pipeline.removePolicy({ name: HIDDEN_RETRY_POLICY });
}
