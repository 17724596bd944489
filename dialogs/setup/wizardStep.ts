// One wizard step as a child dialog: show its card, wait for a valid submit, hand back where to go next.
import type { Activity, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { SetupStepId } from '../../cards/cardActions.js';
import { CardPrompt, type CardPromptExpectation, type CardSubmit } from '../cardPrompt.js';
import type { SetupDraft } from '../../services/settings/setupDraft.js';

export interface StepOptions {
  wizardId: string;
  draft: SetupDraft;
  /** The step whose card was answered to come here (Next or Back): a second click on it changes nothing. */
  answered?: SetupStepId;
  /** Field errors to show on the card after an invalid submit. */
  errors?: Record<string, string>;
  /** What the user typed last time, kept when the card comes back with errors. */
  entered?: Record<string, unknown>;
}

export type StepResult = { nav: 'next' | 'back' | 'cancel'; draft: SetupDraft };

/** What handling a submit decided: move on with a new draft, or show the card again with errors. */
export type StepDecision =
  { done: true; draft: SetupDraft } | { done: false; errors: Record<string, string> };

const PROMPT = 'cardPrompt';
const FLOW = 'flow';
const NAVIGATION = ['setup.next', 'setup.back', 'setup.cancel'] as const;

export abstract class WizardStep extends ComponentDialog {
  protected constructor(readonly step: SetupStepId) {
    super(step);
    this.addDialog(new CardPrompt(PROMPT));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.showCardStep.bind(this), this.handleSubmitStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  /** The card for this step, with the draft's values (or what was entered) and any errors. */
  protected abstract card(
    context: TurnContext,
    options: StepOptions,
  ): Promise<Partial<Activity>> | Partial<Activity>;

  /** Validates the submitted inputs against the draft. */
  protected abstract decide(
    context: TurnContext,
    submit: CardSubmit,
    options: StepOptions,
  ): Promise<StepDecision>;

  private async showCardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as StepOptions;
    const expectation: CardPromptExpectation = {
      wizardId: options.wizardId,
      step: this.step,
      answeredStep: options.answered,
      actions: NAVIGATION,
    };
    return step.prompt(PROMPT, { prompt: await this.card(step.context, options), validations: expectation });
  }

  private async handleSubmitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as StepOptions;
    const submit = step.result as CardSubmit;
    if (submit.action === 'setup.cancel')
      return step.endDialog({ nav: 'cancel', draft: options.draft } satisfies StepResult);
    if (submit.action === 'setup.back')
      return step.endDialog({ nav: 'back', draft: options.draft } satisfies StepResult);
    const decision = await this.decide(step.context, submit, options);
    if (decision.done) return step.endDialog({ nav: 'next', draft: decision.draft } satisfies StepResult);
    // Dialog state is stored: keep what was typed for the retry, except any secret.
    const { clientSecret: _secret, ...entered } = submit;
    return step.replaceDialog(this.id, {
      ...options,
      errors: decision.errors,
      entered,
    } satisfies StepOptions);
  }
}
