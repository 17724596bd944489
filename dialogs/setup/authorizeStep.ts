// Step 4: sign in through the bot's own /auth/start, then wait for the callback's verdict on the account.
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { oauthCard } from '../../cards/oauthCard.js';
import { setupSignInCard, setupSignInProblemCard } from '../../cards/setupCards.js';
import type { SetupCases } from '../../services/settings/setupCases.js';
import { appRegistrationOf } from '../../services/settings/setupDraft.js';
import type { ConversationRef } from '../../services/store/storeData.js';
import { CardPrompt, type CardSubmit } from '../cardPrompt.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { SIGN_IN_RESULT_EVENT, type SetupServices, type SignInOutcome } from './setupServices.js';
import type { StepOptions, StepResult } from './wizardStep.js';

const PROMPT = 'cardPrompt';
const FLOW = 'flow';

export class AuthorizeStep extends ComponentDialog {
  constructor(
    private readonly services: SetupServices,
    private readonly cases: SetupCases,
  ) {
    super('authorize');
    this.addDialog(new CardPrompt(PROMPT));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.showSignInStep.bind(this),
        this.checkOutcomeStep.bind(this),
        this.afterProblemStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async showSignInStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { wizardId, draft, answered } = step.options as StepOptions;
    const user = getTurnUser(step.context);
    const { startUrl } = await this.services.startSignIn({
      userAadId: user.aadObjectId,
      conversationId: step.context.activity.conversation.id,
      reference: TurnContext.getConversationReference(step.context.activity) as ConversationRef,
      tenantId: draft.partnerTenantId,
      appRegistration: appRegistrationOf(draft),
    });
    const card = setupSignInCard({ wizardId, tenantLabel: draft.partnerTenantInput, signInUrl: startUrl });
    // With SSO configured Teams first tries a silent token exchange on the OAuth card, falling back to its button.
    const sso = this.services.ssoResource
      ? [
          oauthCard({
            text: 'Sign in to authorize Microsoft CSP',
            signInUrl: startUrl,
            exchange: { id: randomUUID(), uri: this.services.ssoResource },
          }),
        ]
      : [];
    return step.prompt(PROMPT, {
      prompt: { attachments: [card, ...sso] },
      validations: {
        wizardId,
        step: 'authorize',
        answeredStep: answered,
        actions: ['setup.back', 'setup.cancel'],
        events: [SIGN_IN_RESULT_EVENT],
      },
    });
  }

  private async checkOutcomeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as StepOptions;
    const submit = step.result as CardSubmit;
    const navigation = this.navigation(submit, options);
    if (navigation) return step.endDialog(navigation);
    const outcome = submit as unknown as SignInOutcome & { action: string };
    if (outcome.ok) {
      const { account, grantedScopes, partnerTenantName } = outcome;
      const draft = this.cases.signedIn({ draft: options.draft, account, grantedScopes, partnerTenantName });
      return step.endDialog({ nav: 'next', draft } satisfies StepResult);
    }
    const card = setupSignInProblemCard({
      wizardId: options.wizardId,
      title: outcome.title,
      summary: outcome.summary,
      problems: outcome.problems,
    });
    return step.prompt(PROMPT, {
      prompt: { attachments: [card] },
      validations: {
        wizardId: options.wizardId,
        step: 'authorize',
        actions: ['setup.retry', 'setup.back', 'setup.cancel'],
      },
    });
  }

  private async afterProblemStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as StepOptions;
    const navigation = this.navigation(step.result as CardSubmit, options);
    if (navigation) return step.endDialog(navigation);
    return step.replaceDialog(this.id, options);
  }

  private navigation(submit: CardSubmit, options: StepOptions): StepResult | undefined {
    if (submit.action === 'setup.back') return { nav: 'back', draft: options.draft };
    if (submit.action === 'setup.cancel') return { nav: 'cancel', draft: options.draft };
    return undefined;
  }
}
