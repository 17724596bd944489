// Routes Teams activities: messages and card actions to the main dialog, installs to the welcome card.
import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type UserState,
} from 'botbuilder';
import { welcomeCard } from '../cards/welcomeCard.js';
import type { MainDialog } from '../dialogs/mainDialog.js';
import { SIGN_IN_RESULT_EVENT, type SignInOutcome } from '../dialogs/setup/setupServices.js';
import { conversationRecordOf } from './conversationRecord.js';
import { isAppError } from '../services/errors.js';
import { getTurnUser } from './turnUser.js';
import {
  cardResponse,
  failedResponse,
  messageResponse,
  okResponse,
  searchResponse,
} from './invokeResponses.js';
import type { ConversationStore } from '../services/conversations/conversationStore.js';

export interface TeamsBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  mainDialog: MainDialog;
  conversations: ConversationStore;
  completeSso: (userAadId: string, conversationId: string, ssoToken: string) => Promise<SignInOutcome>;
  /** Type-ahead for Data.Query drop-downs: results `skip` to `skip + top` of the ranking for `dataset`. */
  typeAhead: (
    dataset: string,
    query: string,
    top: number,
    skip: number,
  ) => { title: string; value: string }[];
  /** Universal Actions refresh: the card as it stands now for a refresh verb's data, or undefined. */
  refreshCard: (verb: string, data: Record<string, unknown>) => object | undefined;
  /** Awaited before each turn: search indexes catch up here, a slice at a time, not inside a turn's work. */
  prepare?: () => Promise<void>;
}

// Teams shows 15 entries in a drop-down.
const TYPE_AHEAD_MAX = 15;
// How far a drop-down can be scrolled; ranking deeper than this costs every keystroke for a page nobody reads.
const TYPE_AHEAD_DEPTH = 1_000;

export class TeamsBot extends TeamsActivityHandler {
  private readonly exchanged = new Set<string>();
  private readonly conversationState: ConversationState;
  private readonly userState: UserState;
  private readonly mainDialog: MainDialog;
  private readonly conversations: ConversationStore;

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    ({
      conversationState: this.conversationState,
      userState: this.userState,
      mainDialog: this.mainDialog,
      conversations: this.conversations,
    } = deps);

    this.onMessage(async (context, next) => {
      TurnContext.removeRecipientMention(context.activity);
      await this.mainDialog.run(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // Events the bot delivers to itself (a finished sign-in) continue the conversation's flow.
      if (context.activity.name === SIGN_IN_RESULT_EVENT) await this.mainDialog.run(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberAndWelcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.conversations.forget(context.activity.conversation.id);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((member) => member.id === context.activity.recipient.id)) {
        await this.rememberAndWelcome(context);
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((member) => member.id === context.activity.recipient.id)) {
        await this.conversations.forget(context.activity.conversation.id);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await this.deps.prepare?.();
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /** The invokes this bot answers, by name; the one table that routes them. */
  private readonly invokes: Record<string, (context: TurnContext) => Promise<InvokeResponse>> = {
    'adaptiveCard/action': (context) => this.universalAction(context),
    'signin/tokenExchange': (context) => this.exchangeSsoToken(context),
    'application/search': async (context) => this.search(context),
    // Magic-code verification belongs to the Bot Framework token service, which this bot does not use.
    'signin/verifyState': async () => okResponse(),
  };

  /** Answers every invoke; Teams shows "Unable to reach app" for one left unanswered or 501. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name ?? '';
    if (Object.hasOwn(this.invokes, name)) return this.invokes[name](context);
    const response = await super.onInvokeActivity(context).catch(() => undefined);
    return response && response.status !== 501 ? response : okResponse();
  }

  private async universalAction(context: TurnContext): Promise<InvokeResponse> {
    const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)
      ?.action;
    // A card's `refresh`: Teams asks for the current card when someone looks at it; answer with it, change nothing.
    if (typeof action?.verb === 'string' && action.verb.endsWith('.refresh')) {
      const data =
        action.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
      const card = this.deps.refreshCard(action.verb, data);
      return card ? cardResponse(card) : messageResponse('');
    }
    // Universal Actions carry the submit data under value.action.data; the main dialog reads it like Action.Submit.
    context.activity.value = action?.data ?? {};
    await this.mainDialog.run(context);
    return messageResponse('Done.');
  }

  /**
   * Teams SSO: 200 when the token worked (the wizard continues with the verdict), 412 when it did not,
   * which makes Teams show the card's Sign in button instead. Teams may send one exchange per client.
   */
  private async exchangeSsoToken(context: TurnContext): Promise<InvokeResponse> {
    const {
      id = '',
      connectionName = '',
      token = '',
    } = (context.activity.value ?? {}) as Record<string, string>;
    if (this.exchanged.has(id)) return okResponse({ id, connectionName });
    let outcome: SignInOutcome;
    try {
      outcome = await this.deps.completeSso(
        getTurnUser(context).aadObjectId,
        context.activity.conversation.id,
        token,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return failedResponse(412, { id, connectionName, failureDetail: error.userMessage });
    }
    this.exchanged.add(id);
    if (this.exchanged.size > 1000) this.exchanged.delete(this.exchanged.values().next().value!);
    // The verdict reaches the waiting wizard as the same event the browser sign-in delivers.
    const activity = context.activity;
    Object.assign(activity, { type: ActivityTypes.Event, name: SIGN_IN_RESULT_EVENT, value: outcome });
    try {
      await this.mainDialog.run(context);
    } finally {
      Object.assign(activity, { type: ActivityTypes.Invoke, name: 'signin/tokenExchange' });
    }
    return okResponse({ id, connectionName });
  }

  /** Teams' dynamic type-ahead: results as a search response, or 204 when nothing matches. */
  private search(context: TurnContext): InvokeResponse {
    const value = (context.activity.value ?? {}) as {
      queryText?: unknown;
      dataset?: unknown;
      queryOptions?: { top?: unknown; skip?: unknown };
    };
    const query = typeof value.queryText === 'string' ? value.queryText.slice(0, 200) : '';
    const top = Math.min(
      TYPE_AHEAD_MAX,
      Math.max(1, Math.floor(Number(value.queryOptions?.top)) || TYPE_AHEAD_MAX),
    );
    // Teams asks for the next page as the same query with `skip` set to the results it already shows.
    const skip = Math.max(0, Math.floor(Number(value.queryOptions?.skip)) || 0);
    const results =
      typeof value.dataset === 'string' && skip + top <= TYPE_AHEAD_DEPTH
        ? this.deps.typeAhead(value.dataset, query, top, skip)
        : [];
    return searchResponse(results);
  }

  private async rememberAndWelcome(context: TurnContext): Promise<void> {
    const user = getTurnUser(context);
    const isNew = await this.conversations.save(conversationRecordOf(context));
    // Teams sends both installationUpdate and membersAdded for one install; welcome once.
    if (!isNew) return;
    await context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [
        welcomeCard({
          orgName: 'your MSP',
          steps: [
            { title: 'Set up', text: 'connect Microsoft CSP and sign in with a partner admin account.' },
            {
              title: 'Map clients',
              text: 'link each of your client organizations to its CSP customer tenant.',
            },
            {
              title: 'Delegated access',
              text: 'create and check GDAP relationships and consent per client.',
            },
            { title: 'Alerts', text: 'I post here when mappings conflict or delegated access breaks.' },
          ],
          roleNote: user.isAdmin
            ? 'You are an MSP administrator, so you can change settings.'
            : 'You can look at everything; an MSP administrator can make changes.',
        }),
      ],
    });
  }
}
