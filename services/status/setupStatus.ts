// Reads how far the MSP has got: integration, mappings, delegated access, where the bot is installed.
import type { StoreData } from '../store/storeData.js';

export interface SetupStatus {
  integrationConfigured: boolean;
  installedConversations: number;
}

export function readSetupStatus(data: Readonly<StoreData>): SetupStatus {
  return {
    integrationConfigured: false,
    installedConversations: Object.keys(data.conversations).length,
  };
}
