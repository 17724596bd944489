// Turns the bot runs in a remembered conversation on its own (a finished sign-in), and how connector failures read.
import type { ConversationReference, TurnContext } from 'botbuilder';
import { isConversationGone, type FailureDetails } from '../services/alerts/sendFailure.js';
import type { BotAdapter } from './adapter.js';

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
