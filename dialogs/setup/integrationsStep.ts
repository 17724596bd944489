// Step 1: which integrations of the Microsoft Cloud Integration Bundle to connect (CSP is required).
import type { TurnContext } from 'botbuilder';
import { setupIntegrationsCard } from '../../cards/setupCards.js';
import { INTEGRATIONS } from '../../services/settings/integrationCatalog.js';
import type { SetupCases } from '../../services/settings/setupCases.js';
import type { CardSubmit } from '../cardPrompt.js';
import { WizardStep, type StepDecision, type StepOptions } from './wizardStep.js';

export class IntegrationsStep extends WizardStep {
  constructor(private readonly cases: SetupCases) {
    super('integrations');
  }

  protected card(_context: TurnContext, options: StepOptions) {
    const selected =
      typeof options.entered?.integrations === 'string'
        ? options.entered.integrations
        : options.draft.integrations.join(',');
    return {
      attachments: [
        setupIntegrationsCard({
          wizardId: options.wizardId,
          integrations: INTEGRATIONS.map(({ id, name, adds, needs }) => ({
            id,
            name: id === 'csp' ? `${name} (required)` : name,
            adds,
            needs,
          })),
          selected,
          error: options.errors?.integrations,
        }),
      ],
    };
  }

  protected async decide(
    _context: TurnContext,
    submit: CardSubmit,
    options: StepOptions,
  ): Promise<StepDecision> {
    const outcome = this.cases.chooseIntegrations({
      draft: options.draft,
      chosen: String(submit.integrations ?? '').split(','),
    });
    if (outcome.kind === 'refused') {
      return {
        done: false,
        errors: { integrations: 'Microsoft CSP is required: this bot sets up CSP. Tick it to go on.' },
      };
    }
    return { done: true, draft: outcome.draft };
  }
}
