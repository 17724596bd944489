// The root dialog: turns typed commands and card buttons into the flow that handles them.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { CardAction, CardActionName, CommandName, SetupNavigation } from '../cards/cardActions.js';
import type { SetupStatus } from '../services/status/setupStatus.js';
import { AlertActions } from './alerts/alertActions.js';
import { helpReply } from './helpReply.js';
import type { ConsentActions } from './consent/consentActions.js';
import type { MappingActions } from './mapping/mappingActions.js';
import { SHOW_CURRENT_STEP } from './showCurrentStep.js';
import { statusReply } from './statusReply.js';
import type { TroubleshootActions } from './troubleshoot/troubleshootActions.js';
import { COMMANDS, parseCommandText, type ParsedInput } from './commands.js';
import { mayRun, notAllowed, type ActionRoute, type ActionRoutes } from './actionRoutes.js';
import { readCardAction } from './readCardAction.js';
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
  /** Every card action with who may run it and what runs it: the one router for submits. */
  private readonly actions: ActionRoutes;
  /** What each command does; who may run it is in COMMANDS. */
  private readonly commands: { [Name in CommandName]: (context: TurnContext, args: string) => Promise<void> };

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
    // Wizard buttons belong to the flow open in this conversation: they take their turn in its queue.
    const wizard = <Name extends SetupNavigation>(): ActionRoute<Name> => ({
      rights: 'admin',
      run: (context) => this.inTurn(context, { kind: 'empty' }),
    });
    this.actions = {
      ...deps.mapping.routes(),
      ...deps.consent.routes(),
      ...deps.troubleshoot.routes(),
      ...deps.alerts.routes(),
      runCommand: {
        rights: 'anyone',
        run: (context, { command }) => this.inTurn(context, { kind: 'command', command, args: '' }),
      },
      'setup.next': wizard(),
      'setup.back': wizard(),
      'setup.cancel': wizard(),
      'setup.retry': wizard(),
    };
    const help = (context: TurnContext) => this.sendHelp(context);
    this.commands = {
      help,
      // Flows start as dialogs (see route); these answer when one is already open and the command is typed.
      setup: help,
      status: (context) => this.sendStatus(context),
      cancel: async (context) => {
        await context.sendActivity('There is nothing to cancel.');
      },
      map: (context, args) => deps.mapping.command(context, 'map', args),
      mappings: (context, args) => deps.mapping.command(context, 'mappings', args),
      organizations: (context, args) => deps.mapping.command(context, 'organizations', args),
      sync: (context, args) => deps.mapping.command(context, 'sync', args),
      consent: (context, args) => deps.consent.command(context, args),
      approvals: (context) => deps.consent.approvalsCommand(context),
      troubleshoot: (context, args) => deps.troubleshoot.command(context, args),
      alerts: (context, args) => {
        const typed = AlertActions.typedAction(args);
        return typed ? this.act(context, typed) : deps.alerts.command(context, 'alerts', args);
      },
      conflicts: (context, args) => deps.alerts.command(context, 'conflicts', args),
      signout: async (context) => {
        await context.sendActivity(await deps.signOut(getTurnUser(context).aadObjectId));
      },
    };
  }

  async run(context: TurnContext): Promise<void> {
    if (context.activity.type === 'message') {
      const action = readCardAction(context.activity.value);
      if (action) return this.act(context, action);
      if (await this.deps.mapping.importFile(context)) return;
    }
    return this.inTurn(context, readInput(context));
  }

  /** A card action (or a typed command that is one): rights first, then its route. */
  private async act(context: TurnContext, action: CardAction): Promise<void> {
    const route = this.actions[action.action] as ActionRoute<CardActionName>;
    if (!mayRun(context, route.rights)) {
      await context.sendActivity(notAllowed(route.ask));
      return;
    }
    await route.run(context, action as never);
  }

  /**
   * The turns that load the dialog stack and act on it. Two at once (a double click) would both act on the same
   * step, so they take turns per conversation, saving before the next. Mapping and consent cards are stateless
   * (each carries its revision), so they work whatever flow is open and skip this.
   */
  private inTurn(context: TurnContext, input: ParsedInput): Promise<void> {
    return this.turns.run(context.activity.conversation?.id ?? '', async () => {
      await this.route(context, input);
      await this.deps.saveState(context);
    });
  }

  private async route(context: TurnContext, input: ParsedInput): Promise<void> {
    const state = await this.dialogState.get(context, { dialogStack: [] });
    const active = state.dialogStack.length > 0;
    if (context.activity.type === 'event' && !active) {
      // A sign-in that finished after its flow was cancelled: say so rather than act on it.
      await context.sendActivity(
        'That sign-in finished, but the setup it belonged to was closed. Nothing was saved.',
      );
      return;
    }
    if (input.kind === 'command' && !mayRun(context, commandRights(input.command))) {
      await context.sendActivity(notAllowed(`run **${input.command}**`));
      return;
    }
    const flow = input.kind === 'command' ? this.flows.get(input.command) : undefined;
    if (!active && isSetupButton(context.activity.value)) {
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

  private async answer(context: TurnContext, input: ParsedInput): Promise<void> {
    switch (input.kind) {
      case 'command':
        return this.commands[input.command](context, input.args);
      case 'unknown':
        return this.sendHelp(context, { typed: input.text, suggestion: input.suggestion });
      case 'empty':
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

function commandRights(command: CommandName) {
  return COMMANDS.find((info) => info.name === command)?.rights ?? 'admin';
}

function isSetupButton(value: unknown): boolean {
  return readCardAction(value)?.action.startsWith('setup.') ?? false;
}

/** Typed text, or a card submit this bot does not draw: a command button naming no command is an unknown one. */
function readInput(context: TurnContext): ParsedInput {
  const value = context.activity.value as { action?: unknown; command?: unknown } | undefined;
  if (value && typeof value === 'object' && value.action === 'runCommand') {
    return { kind: 'unknown', text: String(value.command ?? '') };
  }
  return parseCommandText(context.activity.text);
}
