// Step 3: every permission and GDAP role the integration asks for; after a sign-in, which were granted.
import type { TurnContext } from 'botbuilder';
import { setupPermissionsCard } from '../../cards/setupCards.js';
import { gdapRole } from '../../services/settings/gdapRoles.js';
import { REQUIRED_PERMISSIONS } from '../../services/settings/permissionCatalog.js';
import type { CardSubmit } from '../cardPrompt.js';
import type { SetupDraft } from '../../services/settings/setupDraft.js';
import { WizardStep, type StepDecision, type StepOptions } from './wizardStep.js';

export class PermissionsStep extends WizardStep {
  constructor() {
    super('permissions');
  }

  protected card(_context: TurnContext, { wizardId, draft }: StepOptions) {
    return { attachments: [permissionsCard(wizardId, draft)] };
  }

  protected async decide(
    _context: TurnContext,
    _submit: CardSubmit,
    options: StepOptions,
  ): Promise<StepDecision> {
    return { done: true, draft: options.draft };
  }
}

export function permissionsCard(wizardId: string, draft: SetupDraft) {
  const granted = draft.grantedScopes?.map((scope) => scope.toLowerCase());
  return setupPermissionsCard({
    wizardId,
    checked: Boolean(granted),
    permissions: REQUIRED_PERMISSIONS.map(({ scope, kind, resource, why }) => ({
      scope,
      kind,
      resource,
      why,
      // Partner Center consent is per customer, later; a Graph sign-in cannot show it.
      mark:
        !granted || resource !== 'Microsoft Graph'
          ? '•'
          : granted.includes(scope.toLowerCase())
            ? '✅'
            : '⚠️',
    })),
    roles: draft.roleIds.map((id) => ({ id, name: gdapRole(id)?.name ?? id })),
  });
}
