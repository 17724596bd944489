// Step 2: app registration, partner tenant, GDAP defaults and where alerts go.
import type { TurnContext } from 'botbuilder';
import { setupConfigurationCard } from '../../cards/setupCards.js';
import { GDAP_ROLES } from '../../services/settings/gdapRoles.js';
import type { SetupCases } from '../../services/settings/setupCases.js';
import type { CardSubmit } from '../cardPrompt.js';
import { configurationAnswers, formErrors } from './configurationForm.js';
import type { SetupServices } from './setupServices.js';
import { WizardStep, type StepDecision, type StepOptions } from './wizardStep.js';

export class ConfigurationStep extends WizardStep {
  constructor(
    private readonly services: SetupServices,
    private readonly cases: SetupCases,
  ) {
    super('configuration');
  }

  protected async card(context: TurnContext, { wizardId, draft, errors = {}, entered = {} }: StepOptions) {
    // The wizard pre-selects the chat it runs in for alerts; a chat whose install event never came is valid too.
    await this.services.rememberConversation(context);
    // After an invalid submit the card comes back with what the user typed, never with the secret.
    const value = (key: string, fallback: string) =>
      typeof entered[key] === 'string' ? (entered[key] as string) : fallback;
    return {
      attachments: [
        setupConfigurationCard({
          wizardId,
          appChoices: [
            ...(this.services.productAppAvailable
              ? [{ title: 'CSP Integration Bot’s app (recommended)', value: 'product' as const }]
              : []),
            { title: 'My own app registration', value: 'own' as const },
          ],
          appKind: value('appKind', draft.appKind),
          clientId: value('clientId', draft.clientId),
          secretSaved: Boolean(draft.clientSecret),
          partnerTenant: value(
            'partnerTenant',
            draft.partnerTenantInput || (this.services.partnerTenantHint ?? ''),
          ),
          signature: value('signature', draft.signature),
          signaturePlaceholder: draft.partnerTenantName
            ? `Empty: signed “${draft.partnerTenantName}”`
            : 'Empty: signed with your partner tenant’s name',
          durationDays: value('durationDays', String(draft.durationDays)),
          autoExtend: value('autoExtend', draft.autoExtend),
          roles: GDAP_ROLES.map(({ id, name }) => ({ id, name })),
          selectedRoles: value('roleIds', draft.roleIds.join(',')),
          groupPrefix: value('groupPrefix', draft.groupPrefix),
          alertChoices: this.services
            .alertDestinations()
            .map(({ id, label }) => ({ title: label, value: id })),
          alertConversation: value('alertConversation', draft.alertConversationId),
          errors,
        }),
      ],
    };
  }

  protected async decide(
    _context: TurnContext,
    submit: CardSubmit,
    options: StepOptions,
  ): Promise<StepDecision> {
    const outcome = await this.cases.configure({
      draft: options.draft,
      answers: configurationAnswers(submit),
    });
    return outcome.kind === 'configured'
      ? { done: true, draft: outcome.draft }
      : { done: false, errors: formErrors(outcome.problems) };
  }
}
