// Step 1: which integrations of the Microsoft Cloud Integration Bundle to connect (CSP is required).
import type { TurnContext } from 'botbuilder';
import { setupIntegrationsCard } from '../../cards/setupCards.js';
import {
  INTEGRATIONS,
  INTEGRATION_IDS,
  type IntegrationId,
} from '../../services/settings/integrationCatalog.js';
import type { CardSubmit } from '../cardPrompt.js';
import { WizardStep, type StepDecision, type StepOptions } from './wizardStep.js';

export class IntegrationsStep extends WizardStep {
  constructor() {
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
    const chosen = String(submit.integrations ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id): id is IntegrationId => (INTEGRATION_IDS as readonly string[]).includes(id));
    if (!chosen.includes('csp')) {
      return {
        done: false,
        errors: { integrations: 'Microsoft CSP is required: this bot sets up CSP. Tick it to go on.' },
      };
    }
    return {
      done: true,
      draft: { ...options.draft, integrations: INTEGRATION_IDS.filter((id) => chosen.includes(id)) },
    };
  }
}
