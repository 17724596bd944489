// The root dialog: turns typed commands and card buttons into the flow that handles them.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CommandName } from '../cards/cardActions.js';
import { helpCard } from '../cards/helpCard.js';
import { statusCard } from '../cards/statusCard.js';
import type { SetupStatus } from '../services/status/setupStatus.js';
import { COMMANDS, isCommandName, parseCommandText, type ParsedInput } from './commands.js';
import { getTurnUser } from './turnUser.js';

const ROUTE = 'route';

export interface MainDialogDeps {
  readStatus: () => SetupStatus;
  environment: string;
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super('main');
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeCommandStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  async run(context: TurnContext, dialogState: StatePropertyAccessor): Promise<void> {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeCommandStep(step: WaterfallStepContext) {
    const input = readInput(step.context);
    switch (input.kind) {
      case 'command':
        await this.runCommand(step.context, input.command);
        break;
      case 'unknown':
        await this.sendHelp(
          step.context,
          input.suggestion ? `Did you mean **${input.suggestion}**?` : undefined,
          input.text,
        );
        break;
      case 'empty':
        await this.sendHelp(step.context);
        break;
    }
    return step.endDialog();
  }

  private async runCommand(context: TurnContext, command: CommandName): Promise<void> {
    switch (command) {
      case 'help':
        return this.sendHelp(context);
      case 'status':
        return this.sendStatus(context);
    }
  }

  private async sendHelp(context: TurnContext, suggestion?: string, typed?: string): Promise<void> {
    const user = getTurnUser(context);
    const intro = typed
      ? `I don't know "${typed.slice(0, 60)}". Here is what I can do:`
      : 'I set up Microsoft CSP for your MSP, map your clients to their customer tenants and keep delegated access working. Type a command or use a button.';
    await context.sendActivity({
      attachments: [
        helpCard({
          title: 'CSP Integration Bot',
          intro,
          suggestion,
          commands: COMMANDS.map(({ name, description, adminOnly }) => ({
            name,
            description: adminOnly && !user.isAdmin ? `${description} (administrators only)` : description,
          })),
          buttons: [{ title: 'Status', command: 'status' }],
          footer: user.isAdmin
            ? 'You are an MSP administrator: you can change settings.'
            : 'You can look at everything; an MSP administrator can make changes.',
        }),
      ],
    });
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
