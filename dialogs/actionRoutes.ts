// The action table's shape and the one rule for who may run what: commands, card submits and invokes alike.
import type { TurnContext } from 'botbuilder';
import type { CardActionName, CardActionOf } from '../cards/cardActions.js';
import { ERROR_MESSAGES, isAppError, type AppError } from '../services/errors.js';
import { getTurnUser } from '../bot/turnUser.js';

/**
 * Who may run an action. Looking is open to everyone in the MSP's tenant; changes need an MSP administrator,
 * except the settings of one's own chat with the bot, which anyone decides for themselves.
 */
export type Rights = 'anyone' | 'admin' | 'admin-unless-personal';

export interface ActionRoute<Name extends CardActionName> {
  rights: Rights;
  /** What to ask an administrator to do, for the refusal; the generic refusal when left out. */
  ask?: string;
  run(context: TurnContext, action: CardActionOf<Name>): Promise<void>;
}

/** Routes for the named actions; with no names, for every one (TypeScript then refuses a table that misses one). */
export type ActionRoutes<Names extends CardActionName = CardActionName> = {
  [Name in Names]: ActionRoute<Name>;
};

/** A route whose refusals (an AppError: stale card, unknown id) are told by `explain` rather than the error card. */
export function explainedRoute<Name extends CardActionName>(
  rights: Rights,
  run: (context: TurnContext, action: CardActionOf<Name>) => Promise<void>,
  explain: (context: TurnContext, error: AppError, action: CardActionOf<Name>) => Promise<void>,
): ActionRoute<Name> {
  return {
    rights,
    run: async (context, action) => {
      try {
        await run(context, action);
      } catch (error) {
        if (!isAppError(error)) throw error;
        await explain(context, error, action);
      }
    },
  };
}

/** The one place that decides rights. */
export function mayRun(context: TurnContext, rights: Rights): boolean {
  if (rights === 'anyone' || getTurnUser(context).isAdmin) return true;
  return rights === 'admin-unless-personal' && context.activity.conversation?.conversationType === 'personal';
}

/** What a user without the rights is told; `what` names the command or the change when there is one. */
export function notAllowed(what?: string): string {
  return what ? `${ERROR_MESSAGES.NOT_ADMIN} Ask an MSP administrator to ${what}.` : ERROR_MESSAGES.NOT_ADMIN;
}
