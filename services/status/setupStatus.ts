// Reads how far the MSP has got: integration, mappings, delegated access, where the bot is installed.
import type { IntegrationSettings } from '../settings/integrationSettings.js';

export interface SetupStatus {
  integrationConfigured: boolean;
  /** Who authorized it, while their sign-in is kept; empty after sign-out. */
  authorizedAs?: string;
  partnerTenant?: string;
  installedConversations: number;
  /** The alert kinds open now, as the last alert check left them. */
  openAlerts: number;
  /** Conversations alerts go to. */
  alertConversations: number;
}

/** What the status reads, each from the store slice that owns it. */
export interface SetupStatusPorts {
  settings(): IntegrationSettings | undefined;
  conversationCount(): number;
  openAlertCount(): number;
  alertSubscriberCount(): number;
}

export function readSetupStatus(ports: SetupStatusPorts): SetupStatus {
  const settings = ports.settings();
  const account = settings?.authorizedAccount;
  return {
    integrationConfigured: Boolean(settings),
    authorizedAs: account?.homeAccountId ? `${account.displayName} (${account.upn})` : undefined,
    partnerTenant: settings?.partnerTenant.input,
    installedConversations: ports.conversationCount(),
    openAlerts: ports.openAlertCount(),
    alertConversations: ports.alertSubscriberCount(),
  };
}
