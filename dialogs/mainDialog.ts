// The root dialog: turns typed commands and card buttons into the flow that handles them.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { CommandName } from '../cards/cardActions.js';
import { statusCard } from '../cards/statusCard.js';
import type { SetupStatus } from '../services/status/setupStatus.js';
import { helpReply } from './helpReply.js';
import { isCommandName, parseCommandText, type ParsedInput } from './commands.js';
import { getTurnUser } from './turnUser.js';

export interface MainDialogDeps {
  readStatus: () => SetupStatus;
  environment: string;
}

/**
 * Routes each turn: a flow in progress gets the turn; otherwise a command either starts a flow
 * (a child dialog) or is answered at once. One-shot answers skip the dialog stack, which costs
 * more than the answer itself.
 */
export class MainDialog {
  private readonly dialogs: DialogSet;
  private readonly flows = new Map<CommandName, string>();

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
    const input = readInput(context);
    const state = await this.dialogState.get(context, { dialogStack: [] });
    if (state.dialogStack.length === 0) {
      const flow = input.kind === 'command' ? this.flows.get(input.command) : undefined;
      if (!flow) return this.answer(context, input);
      const dc = await this.dialogs.createContext(context);
      await dc.beginDialog(flow, { args: input.kind === 'command' ? input.args : '' });
      return;
    }
    const dc = await this.dialogs.createContext(context);
    if (input.kind === 'command' && input.command === 'cancel') {
      await dc.cancelAllDialogs();
      await context.sendActivity('Cancelled. Nothing was changed.');
      return;
    }
    await dc.continueDialog();
  }

  private async answer(context: TurnContext, input: ParsedInput): Promise<void> {
    switch (input.kind) {
      case 'command':
        return this.runCommand(context, input.command);
      case 'unknown':
        return this.sendHelp(context, { typed: input.text, suggestion: input.suggestion });
      case 'empty':
        return this.sendHelp(context);
    }
  }

  private async runCommand(context: TurnContext, command: CommandName): Promise<void> {
    switch (command) {
      case 'status':
        return this.sendStatus(context);
      case 'cancel':
        await context.sendActivity('There is nothing to cancel.');
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
    const user = getTurnUser(context);
    const status = this.deps.readStatus();
    await context.sendActivity({
      attachments: [
        statusCard({
          items: [
            {
              label: 'Microsoft CSP integration',
              done: status.integrationConfigured,
              detail: status.integrationConfigured
                ? 'Set up and authorized.'
                : 'Not set up yet. An MSP administrator sets it up and signs in with a partner admin account.',
            },
            {
              label: 'Where I am installed',
              done: status.installedConversations > 0,
              detail: `${status.installedConversations} chat${status.installedConversations === 1 ? '' : 's'} or channel${status.installedConversations === 1 ? '' : 's'} can receive alerts.`,
            },
          ],
          userName: user.name || 'You',
          role: user.isAdmin ? 'MSP administrator' : 'read-only',
          environment: this.deps.environment,
          buttons: [{ title: 'Help', command: 'help' }],
        }),
      ],
    });
  }
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
