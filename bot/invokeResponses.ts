// The answers Teams expects to invokes, each built in one place: Universal Actions, type-ahead, sign-in.
import { ActivityTypes, INVOKE_RESPONSE_KEY, type InvokeResponse, type TurnContext } from 'botbuilder';

/** Universal Actions (adaptiveCard/action): the card replaces the one pressed. */
export function cardResponse(card: object): InvokeResponse {
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
  };
}

/** Universal Actions: a short message; the card stays as it is. Teams shows an empty one as no change. */
export function messageResponse(text: string): InvokeResponse {
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
  };
}

/** Dynamic type-ahead (application/search): the results, or 204 when nothing matches. */
export function searchResponse(results: readonly { title: string; value: string }[]): InvokeResponse {
  if (results.length === 0) return { status: 204 };
  return {
    status: 200,
    body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results } },
  };
}

/** Any other invoke, answered so that Teams does not show "Unable to reach app". */
export function okResponse(body: object = {}): InvokeResponse {
  return { status: 200, body };
}

/** A refusal with its status (412 for a token exchange Teams should fall back from, 403 for a stranger). */
export function failedResponse(status: number, body: object): InvokeResponse {
  return { status, body };
}

/** Answers an invoke from a middleware, before the bot runs (the tenant gate). */
export function answerInvoke(context: TurnContext, response: InvokeResponse): void {
  context.turnState.set(INVOKE_RESPONSE_KEY, { type: ActivityTypes.InvokeResponse, value: response });
}
