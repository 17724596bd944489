// The alert check over the store and the synced customer list, with the roles and app the consent flow uses.
import type { CspCustomer } from '../customers/cspCustomer.js';
import { DEFAULT_CUSTOMER_SCOPES } from '../gdap/consentClient.js';
import { consentApplicationId } from '../gdap/flowSettings.js';
import type { StoreData } from '../store/storeData.js';
import type { AlertDetector } from './incrementalDetector.js';

export interface DetectionSources {
  detector: Pick<AlertDetector, 'detectInSlices'>;
  customers: { readonly syncedAt?: string; list(): readonly CspCustomer[] };
  productAppClientId?: string;
  expiringSoonDays?: number;
  approvalPendingDays?: number;
}

/** AlertCenter's `detect`. Access is judged only once setup and a sync have said who the customers are. */
export function storeDetection(sources: DetectionSources) {
  return (data: Readonly<StoreData>, now: Date) => {
    const settings = data.settings;
    return sources.detector.detectInSlices(
      data,
      settings && sources.customers.syncedAt ? sources.customers.list() : undefined,
      {
        roleIds: settings?.gdap.roleIds ?? [],
        applicationId: consentApplicationId(settings, sources.productAppClientId),
        consentScopes: DEFAULT_CUSTOMER_SCOPES,
        expiringSoonDays: sources.expiringSoonDays,
        approvalPendingDays: sources.approvalPendingDays,
      },
      now,
    );
  };
}
