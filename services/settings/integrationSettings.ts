// What the setup wizard configures, as saved in the store (secrets sealed, never in plain text).
import type { Sealed } from '../crypto/secretBox.js';
import type { IntegrationId } from './integrationCatalog.js';

export type AppRegistration = { kind: 'product' } | { kind: 'own'; clientId: string; clientSecret: Sealed };

export interface GdapDefaults {
  /** ISO 8601 days, P1D to P730D. */
  duration: string;
  autoExtend: 'P180D' | 'PT0S';
  roleIds: string[];
  groupPrefix: string;
}

export interface AlertDestination {
  conversationId: string;
  label: string;
}

export interface AuthorizedAccount {
  oid: string;
  upn: string;
  displayName: string;
  tenantId: string;
  authorizedAt: string;
  /** MSAL's home account id, to find the cached tokens again. */
  homeAccountId: string;
  /** The Graph scopes the sign-in granted, to show what is granted and what is missing. */
  grantedScopes?: string[];
  /** Which partner admin role the sign-in found; absent on sign-ins saved before it was recorded. */
  adminRole?: PartnerAdminRole;
}

export type PartnerAdminRole = 'Admin Agent' | 'Global Administrator';

export interface IntegrationSettings {
  integrations: IntegrationId[];
  appRegistration: AppRegistration;
  /** displayName: the tenant's name in Entra, read at sign-in; absent on sign-ins saved before it was read. */
  partnerTenant: { input: string; tenantId: string; displayName?: string };
  /** Signs the messages the bot writes for customers (approval requests) instead of the partner tenant's name. */
  signature?: string;
  gdap: GdapDefaults;
  alerts: AlertDestination;
  authorizedAccount: AuthorizedAccount;
  updatedAt: string;
  updatedBy: string;
}
