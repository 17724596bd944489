// The root dialog: turns typed commands and card buttons into the flow that handles them.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { ERROR_MESSAGES } from '../services/errors.js';
import { SETUP_NAVIGATION, type CommandName } from '../cards/cardActions.js';
import type { SetupStatus } from '../services/status/setupStatus.js';
import { AlertActions } from './alerts/alertActions.js';
import { helpReply } from './helpReply.js';
import { ConsentActions } from './consent/consentActions.js';
import { MappingActions } from './mapping/mappingActions.js';
import { SHOW_CURRENT_STEP } from './showCurrentStep.js';
import { statusReply } from './statusReply.js';
import { TroubleshootActions } from './troubleshoot/troubleshootActions.js';
import { COMMANDS, isCommandName, parseCommandText, type ParsedInput } from './commands.js';
import { TurnQueue } from './turnQueue.js';
import { getTurnUser } from '../bot/turnUser.js';

export interface MainDialogDeps {
  readStatus: () => SetupStatus;
  environment: string;
  /** Forgets the signed-in partner account; resolves with what to tell the user. */
  signOut: (by: string) => Promise<string>;
  mapping: MappingActions;
  consent: ConsentActions;
  troubleshoot: TroubleshootActions;
  alerts: AlertActions;
  /** Saves the conversation's state (the dialog stack) now, before the next turn may load it. */
  saveState: (context: TurnContext) => Promise<void>;
}

/**
 * Routes each turn: a flow in progress gets the turn; otherwise a command either starts a flow
 * (a child dialog) or is answered at once. One-shot answers skip the dialog stack, which costs
 * more than the answer itself.
 */
export class MainDialog {
  private readonly dialogs: DialogSet;
  private readonly flows = new Map<CommandName, string>();
  private readonly turns = new TurnQueue();

  constructor(
    private readonly deps: MainDialogDeps,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    flows: { command: CommandName; dialog: Dialog }[] = [],
  ) {
    this.dialogs = new DialogSet(dialogState);
    for (const { command, dialog } of flows) {
      this.dialogs.add(dialog);
      this.flows.set(command, dialog.id);
    }
  }

  async run(context: TurnContext): Promise<void> {
    // Mapping cards are stateless (each carries its revision), so they work whatever flow is open.
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (context.activity.type === 'message' && value && MappingActions.owns(value.action)) {
      return this.deps.mapping.submit(context, value);
    }
    if (context.activity.type === 'message' && value && ConsentActions.owns(value.action)) {
      return this.deps.consent.submit(context, value);
    }
    if (context.activity.type === 'message' && value && TroubleshootActions.owns(value.action)) {
      return this.deps.troubleshoot.submit(context, value);
    }
    if (context.activity.type === 'message' && value && AlertActions.owns(value.action)) {
      return this.deps.alerts.submit(context, value);
    }
    if (context.activity.type === 'message' && (await this.deps.mapping.importFile(context))) return;
    // From here the turn loads the dialog stack and acts on it: two turns at once (a double click)
    // would both act on the same step, so they take turns per conversation, saving before the next.
    return this.turns.run(context.activity.conversation?.id ?? '', async () => {
      await this.route(context);
      await this.deps.saveState(context);
    });
  }

  private async route(context: TurnContext): Promise<void> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    const input = readInput(context);
    const state = await this.dialogState.get(context, { dialogStack: [] });
    const active = state.dialogStack.length > 0;
    if (context.activity.type === 'event' && !active) {
      // A sign-in that finished after its flow was cancelled: say so rather than act on it.
      await context.sendActivity(
        'That sign-in finished, but the setup it belonged to was closed. Nothing was saved.',
      );
      return;
    }
    if (input.kind === 'command' && !this.allowed(context, input.command)) {
      await context.sendActivity(
        `${ERROR_MESSAGES.NOT_ADMIN} Ask an MSP administrator to run **${input.command}**.`,
      );
      return;
    }
    const flow = input.kind === 'command' ? this.flows.get(input.command) : undefined;
    if (!active && isSetupButton(value?.action)) {
      // A button on a wizard card whose wizard was cancelled (or finished): no wizard is there to take it.
      await context.sendActivity(
        this.deps.readStatus().integrationConfigured
          ? 'That setup is closed (it was cancelled or finished), so nothing was changed. Type **setup** to start again: it shows the saved values.'
          : 'That setup was cancelled, so nothing was saved. Type **setup** to start again.',
      );
      return;
    }
    if (!active) {
      if (!flow) return this.answer(context, input);
      const dc = await this.dialogs.createContext(context);
      await dc.beginDialog(flow, { args: input.kind === 'command' ? input.args : '' });
      return;
    }
    const dc = await this.dialogs.createContext(context);
    if (input.kind === 'command' && input.command === 'cancel') {
      await dc.cancelAllDialogs();
      await context.sendActivity('Cancelled. Nothing was saved.');
      return;
    }
    if (input.kind === 'command' && flow && state.dialogStack[0]?.id === flow) {
      // Its card may be out of sight (a reloaded chat): post the current step again rather than refuse.
      await context.sendActivity(
        `You are in the middle of **${input.command}**: here is the current step again. Type **cancel** to stop it.`,
      );
      if (!(await dc.emitEvent(SHOW_CURRENT_STEP, undefined, true, true))) await dc.repromptDialog();
      return;
    }
    if (input.kind === 'command' && context.activity.text) {
      // Typed commands answer without losing the flow in progress.
      if (flow) await context.sendActivity('Finish the current flow first, or type **cancel** to stop it.');
      else await this.answer(context, input);
      return;
    }
    await dc.continueDialog();
  }

  private allowed(context: TurnContext, command: CommandName): boolean {
    return getTurnUser(context).isAdmin || !COMMANDS.find((info) => info.name === command)?.adminOnly;
  }

  private async answer(context: TurnContext, input: ParsedInput): Promise<void> {
    switch (input.kind) {
      case 'command':
        return this.runCommand(context, input.command, input.args);
      case 'unknown':
        return this.sendHelp(context, { typed: input.text, suggestion: input.suggestion });
      case 'empty':
        return this.sendHelp(context);
    }
  }

  private async runCommand(context: TurnContext, command: CommandName, args = ''): Promise<void> {
    switch (command) {
      case 'status':
        return this.sendStatus(context);
      case 'cancel':
        await context.sendActivity('There is nothing to cancel.');
        return;
      case 'map':
      case 'mappings':
      case 'organizations':
      case 'sync':
        return this.deps.mapping.command(context, command, args);
      case 'consent':
        return this.deps.consent.command(context, args);
      case 'approvals':
        return this.deps.consent.approvalsCommand(context);
      case 'troubleshoot':
        return this.deps.troubleshoot.command(context, args);
      case 'alerts':
      case 'conflicts':
        return this.deps.alerts.command(context, command, args);
      case 'signout':
        await context.sendActivity(await this.deps.signOut(getTurnUser(context).aadObjectId));
        return;
      default:
        return this.sendHelp(context);
    }
  }

  private async sendHelp(
    context: TurnContext,
    unknown?: { typed: string; suggestion?: string },
  ): Promise<void> {
    await context.sendActivity({ attachments: [helpReply(getTurnUser(context).isAdmin, unknown)] });
  }

  private async sendStatus(context: TurnContext): Promise<void> {
    const card = statusReply(this.deps.readStatus(), getTurnUser(context), this.deps.environment);
    await context.sendActivity({ attachments: [card] });
  }
}

function isSetupButton(action: unknown): boolean {
  return (SETUP_NAVIGATION as readonly unknown[]).includes(action);
}

/** A card submit ({action:'runCommand'}) or typed text; anything else in a submit is ignored. */
function readInput(context: TurnContext): ParsedInput {
  const value = context.activity.value as { action?: unknown; command?: unknown } | undefined;
  if (value && typeof value === 'object' && value.action === 'runCommand') {
    if (isCommandName(value.command)) return { kind: 'command', command: value.command, args: '' };
    return { kind: 'unknown', text: String(value.command ?? '') };
  }
  return parseCommandText(context.activity.text);
}
