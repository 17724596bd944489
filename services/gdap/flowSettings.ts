// What the consent flow and the alert check run with, read from the saved settings: one rule for both.
import { AppError } from '../errors.js';
import type { IntegrationSettings } from '../settings/integrationSettings.js';
import { DEFAULT_CUSTOMER_SCOPES } from './consentClient.js';
import type { FlowSettings } from './flowStep.js';

/** The deployment's side of it: the bot's own app (absent without one) and where approval links point. */
export interface FlowDeployment {
  productAppClientId?: string;
  approvalLinkBase?: string;
}

/** The app consented in customer tenants: the MSP's own registration, or the product's. */
export function consentApplicationId(
  settings: IntegrationSettings | undefined,
  productAppClientId = '',
): string {
  const app = settings?.appRegistration;
  return app?.kind === 'own' ? app.clientId : productAppClientId;
}

/** The flow's settings; before setup there are none, and asking is a SETUP_REQUIRED error. */
export function flowSettingsOf(
  settings: IntegrationSettings | undefined,
  deployment: FlowDeployment,
): FlowSettings {
  if (!settings) throw new AppError('SETUP_REQUIRED', 'consent flow before setup');
  return {
    gdap: settings.gdap,
    applicationId: consentApplicationId(settings, deployment.productAppClientId),
    consentScopes: DEFAULT_CUSTOMER_SCOPES,
    approvalLinkBase: deployment.approvalLinkBase,
    ...(settings.authorizedAccount.oid ? { memberId: settings.authorizedAccount.oid } : {}),
  };
}
