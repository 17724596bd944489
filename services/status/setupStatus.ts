// Reads how far the MSP has got: integration, mappings, delegated access, where the bot is installed.
import type { StoreData } from '../store/storeData.js';

export interface SetupStatus {
  integrationConfigured: boolean;
  /** Who authorized it, while their sign-in is kept; empty after sign-out. */
  authorizedAs?: string;
  partnerTenant?: string;
  installedConversations: number;
}

export function readSetupStatus(data: Readonly<StoreData>): SetupStatus {
  const settings = data.settings;
  const account = settings?.authorizedAccount;
  return {
    integrationConfigured: Boolean(settings),
    authorizedAs: account?.homeAccountId ? `${account.displayName} (${account.upn})` : undefined,
    partnerTenant: settings?.partnerTenant.input,
    installedConversations: Object.keys(data.conversations).length,
  };
}
