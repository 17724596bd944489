// At start-up: tells each chat whose consent-all run the last process left unfinished, with a button to resume it.
import type { ConversationReference } from 'botbuilder';
import { cutOffReply } from '../dialogs/consent/consentAllRun.js';
import type { ConversationStore } from '../services/conversations/conversationStore.js';
import type { ConsentRuns } from '../services/gdap/consentRuns.js';
import type { ConsentRunEntry } from '../services/store/storeData.js';
import type { BotAdapter } from './adapter.js';
import type { Logger } from './logger.js';
import { isGone } from './proactive.js';

export interface CutOffNoticeDeps {
  runs: Pick<ConsentRuns, 'announced' | 'drop'>;
  adapter: BotAdapter;
  appId: string;
  conversations: Pick<ConversationStore, 'forget'>;
  log: Pick<Logger, 'info' | 'warn'>;
}

/** Posts one notice per run; a run whose chat is gone is forgotten, one that could not be told is tried next start. */
export async function announceCutOffRuns(
  deps: CutOffNoticeDeps,
  runs: readonly ConsentRunEntry[],
): Promise<void> {
  for (const run of runs) {
    await tell(deps, run).catch((error: unknown) =>
      deps.log.warn(
        { err: error, conversationId: run.conversationId },
        'could not note a cut-off consent run',
      ),
    );
  }
}

async function tell(deps: CutOffNoticeDeps, run: ConsentRunEntry): Promise<void> {
  const failure = await post(deps, run);
  if (failure === undefined) {
    await deps.runs.announced(run.id);
  } else if (isGone(failure)) {
    // 403 BotNotInConversationRoster / 404 ConversationNotFound: nobody is left there to resume it.
    await deps.runs.drop(run.id);
    await deps.conversations.forget(run.conversationId);
    deps.log.info({ conversationId: run.conversationId }, 'dropped a cut-off consent run: its chat is gone');
  } else {
    deps.log.warn(
      { err: failure, conversationId: run.conversationId },
      'could not tell a chat that its consent run was cut off; the next start tries again',
    );
  }
}

async function post(deps: CutOffNoticeDeps, run: ConsentRunEntry): Promise<unknown> {
  // The adapter hands errors inside the logic to onTurnError (an error card): catch them inside instead.
  let failure: unknown;
  try {
    await deps.adapter.continueConversationAsync(
      deps.appId,
      run.reference as Partial<ConversationReference>,
      async (context) => {
        try {
          await context.sendActivity(cutOffReply(run));
        } catch (error) {
          failure = error;
        }
      },
    );
  } catch (error) {
    failure = error;
  }
  return failure;
}
