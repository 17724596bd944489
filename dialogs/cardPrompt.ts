// Waits for a submit from the current card (or a named event), validating activity.value before a waterfall sees it.
import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  Prompt,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';

/** What a card submit or an awaited event carries; inputs arrive beside `action`. */
export type CardSubmit = Record<string, unknown> & { action: string };

export interface CardPromptExpectation {
  /** The card's identity: submits from any other card are stale. */
  wizardId: string;
  step: string;
  /** The step whose card was answered to get here: the card for this one was posted right after it. */
  answeredStep?: string;
  actions: readonly string[];
  /** Event names (e.g. a sign-in result) that also end the wait. */
  events?: readonly string[];
}

export class CardPrompt extends Prompt<CardSubmit> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  /** Prompts ignore everything but messages; an awaited event (a finished sign-in) must get through too. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'event') return super.continueDialog(dc);
    const { state, options } = dc.activeDialog!.state as { state: object; options: PromptOptions };
    const recognized = await this.onRecognize(dc.context, state, options);
    return recognized.succeeded ? dc.endDialog(recognized.value) : Dialog.EndOfTurn;
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean) {
    if (!isRetry) {
      if (options.prompt) await context.sendActivity(options.prompt);
      return;
    }
    const value = context.activity.value as
      { action?: unknown; wizardId?: unknown; step?: unknown } | undefined;
    if (context.activity.type !== 'message') return;
    if (value && typeof value === 'object' && typeof value.action === 'string') {
      if (isDoubleClick(value, options.validations as CardPromptExpectation)) {
        // The second click of a double click: the card it leads to is already in the chat.
        await context.sendActivity(
          'That card is no longer current, so nothing was changed. Carry on with the card I sent after it.',
        );
        return;
      }
      // A button on an older card: apply nothing, show where we are.
      await context.sendActivity(
        'That card is no longer current, so nothing was changed. Here is where we are:',
      );
      if (options.prompt) await context.sendActivity(options.prompt);
      return;
    }
    await context.sendActivity('Please use the buttons on the card above, or type **cancel** to stop.');
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<CardSubmit>> {
    const expected = options.validations as CardPromptExpectation;
    const { type, name, value } = context.activity;
    if (type === 'event') {
      const ok = Boolean(name && expected.events?.includes(name) && value && typeof value === 'object');
      return ok ? { succeeded: true, value: { ...(value as object), action: name! } } : { succeeded: false };
    }
    if (type !== 'message' || !value || typeof value !== 'object') return { succeeded: false };
    const submit = value as Record<string, unknown>;
    const current = submit.wizardId === expected.wizardId && submit.step === expected.step;
    if (!current || typeof submit.action !== 'string' || !expected.actions.includes(submit.action)) {
      return { succeeded: false };
    }
    return { succeeded: true, value: submit as CardSubmit };
  }
}

/** A submit from the card answered just before this one (same flow), e.g. the second click of a double click. */
function isDoubleClick(
  value: { wizardId?: unknown; step?: unknown },
  expected: CardPromptExpectation,
): boolean {
  return (
    expected.answeredStep !== undefined &&
    value.wizardId === expected.wizardId &&
    value.step === expected.answeredStep
  );
}
