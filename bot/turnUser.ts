// Who is acting in this turn, as decided once by access control and read by every dialog.
import type { TurnContext } from 'botbuilder';

export interface TurnUser {
  aadObjectId: string;
  name: string;
  tenantId: string;
  isAdmin: boolean;
}

const TURN_USER = Symbol('turnUser');

export function setTurnUser(context: TurnContext, user: TurnUser): void {
  context.turnState.set(TURN_USER, user);
}

export function getTurnUser(context: TurnContext): TurnUser {
  const user = context.turnState.get(TURN_USER) as TurnUser | undefined;
  if (!user) throw new Error('turnUser: access control did not run for this turn.');
  return user;
}
