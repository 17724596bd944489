// Reads how far the MSP has got: integration, mappings, delegated access, where the bot is installed.
import { alertSubscribers } from '../alerts/alertSubscriptions.js';
import type { AppStore } from '../store/appStore.js';
import type { StoreData } from '../store/storeData.js';

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

export function readSetupStatus(data: Readonly<StoreData>): SetupStatus {
  const settings = data.settings;
  const account = settings?.authorizedAccount;
  return {
    integrationConfigured: Boolean(settings),
    authorizedAs: account?.homeAccountId ? `${account.displayName} (${account.upn})` : undefined,
    partnerTenant: settings?.partnerTenant.input,
    installedConversations: Object.keys(data.conversations).length,
    openAlerts: Object.values(data.alerts).filter((record) => !record.resolvedAt).length,
    alertConversations: alertSubscribers(data).length,
  };
}

/** The status as the store holds it now. */
export function storeSetupStatus(store: Pick<AppStore, 'data'>): SetupStatus {
  return readSetupStatus(store.data);
}
