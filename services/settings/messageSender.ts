// Who the messages the bot writes for customers come from: the partner tenant's name, and how they are signed.
import type { IntegrationSettings } from './integrationSettings.js';

export interface MessageSender {
  /** The partner tenant's name in Entra: what the customer's admin center shows beside the request. */
  partner?: string;
  /** The configured signature, else the partner tenant's name. */
  signature?: string;
}

export function messageSender(settings: IntegrationSettings | undefined): MessageSender {
  const partner = settings?.partnerTenant.displayName?.trim() || undefined;
  const signature = settings?.signature?.trim() || partner;
  return { ...(partner ? { partner } : {}), ...(signature ? { signature } : {}) };
}
