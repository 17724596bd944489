// The setup wizard: runs the steps in order with Back and Cancel, and saves everything only at the end.
import { randomUUID } from 'node:crypto';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogEvent,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { SetupStepId } from '../../cards/cardActions.js';
import { setupSummaryCard } from '../../cards/setupCards.js';
import { gdapRole } from '../../services/settings/gdapRoles.js';
import { INTEGRATIONS } from '../../services/settings/integrationCatalog.js';
import type { IntegrationSettings } from '../../services/settings/integrationSettings.js';
import { messageSender } from '../../services/settings/messageSender.js';
import { SetupCases } from '../../services/settings/setupCases.js';
import type { SetupDraft } from '../../services/settings/setupDraft.js';
import { autoExtendWords, durationWords } from '../../services/text/durationWords.js';
import { SHOW_CURRENT_STEP } from '../showCurrentStep.js';
import { getTurnUser } from '../../bot/turnUser.js';
import { AuthorizeStep } from './authorizeStep.js';
import { ConfigurationStep } from './configurationStep.js';
import { IntegrationsStep } from './integrationsStep.js';
import { PermissionsStep } from './permissionsStep.js';
import type { SetupServices } from './setupServices.js';
import type { StepOptions, StepResult } from './wizardStep.js';

const LOOP = 'setupLoop';
const STEPS = ['integrations', 'configuration', 'permissions', 'authorize'] as const;

interface LoopState {
  wizardId: string;
  draft: SetupDraft;
  index: number;
  /** The step whose card was answered to get to this one. */
  answered?: SetupStepId;
}

/** What this dialog keeps on its own instance, beside its inner dialog stack. */
interface WizardState {
  current?: LoopState;
}

export class SetupDialog extends ComponentDialog {
  private readonly cases: SetupCases;

  constructor(private readonly services: SetupServices) {
    super('setup');
    this.cases = new SetupCases(services);
    this.addDialog(new IntegrationsStep(this.cases));
    this.addDialog(new ConfigurationStep(services, this.cases));
    this.addDialog(new PermissionsStep());
    this.addDialog(new AuthorizeStep(services, this.cases));
    this.addDialog(new WaterfallDialog(LOOP, [this.runStepStep.bind(this), this.moveStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async runStepStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    let state = step.options as Partial<LoopState>;
    if (!state.wizardId) {
      const { draft, saved } = this.cases.start({ conversationId: step.context.activity.conversation.id });
      if (saved) {
        await step.context.sendActivity(
          'Setup is already done. The cards show the saved values: change what you need.',
        );
      }
      state = { wizardId: randomUUID(), draft, index: 0 };
    }
    const { wizardId, draft, index, answered } = state as LoopState;
    (step.values as { loop?: Partial<LoopState> }).loop = state;
    // Also on the wizard's own instance, where a request to show the current step again can find it.
    const instance = step.parent?.activeDialog;
    if (instance?.id === this.id) (instance.state as WizardState).current = state as LoopState;
    return step.beginDialog(STEPS[index], { wizardId, draft, answered } satisfies StepOptions);
  }

  /** Shows the current step again as a new card: its links and buttons are fresh, the draft is kept. */
  protected override async onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    if (event.name !== SHOW_CURRENT_STEP) return false;
    const current = (dc.activeDialog?.state as WizardState | undefined)?.current;
    const inner = dc.child;
    if (!current || !inner) return false;
    await inner.cancelAllDialogs();
    await inner.beginDialog(LOOP, current);
    return true;
  }

  private async moveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const loop = (step.values as { loop: LoopState }).loop;
    const result = step.result as StepResult | undefined;
    if (!result || result.nav === 'cancel') {
      await step.context.sendActivity('Setup cancelled. Nothing was saved.');
      return step.endDialog();
    }
    const answered = STEPS[loop.index];
    if (result.nav === 'back') {
      const index = Math.max(0, loop.index - 1);
      return step.replaceDialog(LOOP, { ...loop, draft: result.draft, index, answered } satisfies LoopState);
    }
    if (loop.index < STEPS.length - 1) {
      const index = loop.index + 1;
      return step.replaceDialog(LOOP, { ...loop, draft: result.draft, index, answered } satisfies LoopState);
    }
    const settings = await this.cases.finish({
      draft: result.draft,
      by: getTurnUser(step.context).aadObjectId,
      unnamed: 'this chat',
    });
    await step.context.sendActivity({ attachments: [setupSummaryCard({ facts: summaryFacts(settings) })] });
    await this.services.afterSetup(step.context);
    return step.endDialog(settings);
  }
}

function summaryFacts(settings: IntegrationSettings): { title: string; value: string }[] {
  const names = settings.integrations.map((id) => INTEGRATIONS.find((item) => item.id === id)?.name ?? id);
  const app = settings.appRegistration;
  return [
    { title: 'Integrations', value: names.join(', ') },
    {
      title: 'App registration',
      value: app.kind === 'own' ? `Your own (${app.clientId})` : 'CSP Integration Bot’s app',
    },
    {
      title: 'Partner tenant',
      value: [
        settings.partnerTenant.displayName,
        `${settings.partnerTenant.input} (${settings.partnerTenant.tenantId})`,
      ]
        .filter(Boolean)
        .join(', '),
    },
    {
      // What signs the messages for customers: the configured signature, else the partner tenant's name.
      title: 'Signature',
      value: messageSender(settings).signature ?? 'unsigned: set a signature in step 2',
    },
    {
      title: 'Authorized by',
      value: `${settings.authorizedAccount.displayName} (${settings.authorizedAccount.upn})`,
    },
    {
      title: 'GDAP defaults',
      value: `${durationWords(settings.gdap.duration)}, ${autoExtendWords(settings.gdap.autoExtend)}`,
    },
    { title: 'Roles', value: settings.gdap.roleIds.map((id) => gdapRole(id)?.name ?? id).join(', ') },
    { title: 'Security groups', value: groupNames(settings) },
    { title: 'Alerts go to', value: settings.alerts.label },
  ];
}

// Says the naming rule with a real name: Teams' markdown would swallow a placeholder like "<role>".
function groupNames(settings: IntegrationSettings): string {
  const first = gdapRole(settings.gdap.roleIds[0] ?? '')?.name ?? 'Global Reader';
  return `One per role, like “${settings.gdap.groupPrefix} - ${first}”`;
}
