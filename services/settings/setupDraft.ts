// The setup wizard's work in progress: what it starts from, and the settings it becomes when saved whole.
import type { Sealed } from '../crypto/secretBox.js';
import { DEFAULT_GDAP_ROLE_IDS } from './gdapRoles.js';
import type { IntegrationId } from './integrationCatalog.js';
import type { AppRegistration, AuthorizedAccount, IntegrationSettings } from './integrationSettings.js';

/** Kept in dialog state until the wizard finishes; nothing is saved before. */
export interface SetupDraft {
  integrations: IntegrationId[];
  appKind: 'product' | 'own';
  clientId: string;
  /** Sealed as soon as it is typed; dialog state never holds it in plain text. */
  clientSecret?: Sealed;
  partnerTenantInput: string;
  partnerTenantId: string;
  /** Read at sign-in; cleared when the partner tenant changes. */
  partnerTenantName?: string;
  /** Empty: messages for customers are signed with the partner tenant's name. */
  signature: string;
  durationDays: number;
  autoExtend: 'P180D' | 'PT0S';
  roleIds: string[];
  groupPrefix: string;
  alertConversationId: string;
  authorizedAccount?: AuthorizedAccount;
  grantedScopes?: string[];
}

/** A first setup starts from the defaults, alerts going to the chat it runs in; a later one from what was saved. */
export function draftFrom(
  saved: IntegrationSettings | undefined,
  conversationId: string,
  productApp: boolean,
): SetupDraft {
  if (!saved) {
    return {
      integrations: ['csp'],
      appKind: productApp ? 'product' : 'own',
      clientId: '',
      partnerTenantInput: '',
      partnerTenantId: '',
      signature: '',
      durationDays: 730,
      autoExtend: 'P180D',
      roleIds: [...DEFAULT_GDAP_ROLE_IDS],
      groupPrefix: 'GDAP',
      alertConversationId: conversationId,
    };
  }
  const app = saved.appRegistration;
  return {
    integrations: [...saved.integrations],
    appKind: app.kind,
    clientId: app.kind === 'own' ? app.clientId : '',
    clientSecret: app.kind === 'own' ? app.clientSecret : undefined,
    partnerTenantInput: saved.partnerTenant.input,
    partnerTenantId: saved.partnerTenant.tenantId,
    partnerTenantName: saved.partnerTenant.displayName,
    signature: saved.signature ?? '',
    durationDays: Number(/^P(\d+)D$/.exec(saved.gdap.duration)?.[1] ?? 730),
    autoExtend: saved.gdap.autoExtend,
    roleIds: [...saved.gdap.roleIds],
    groupPrefix: saved.gdap.groupPrefix,
    alertConversationId: saved.alerts.conversationId,
    authorizedAccount: saved.authorizedAccount,
    grantedScopes: saved.authorizedAccount.grantedScopes,
  };
}

/** What signs in and what is saved: the own app only once its secret is sealed, else the product's. */
export function appRegistrationOf(draft: SetupDraft): AppRegistration {
  return draft.appKind === 'own' && draft.clientSecret
    ? { kind: 'own', clientId: draft.clientId, clientSecret: draft.clientSecret }
    : { kind: 'product' };
}

export function settingsFrom(
  draft: SetupDraft,
  alertLabel: string,
  by: string,
  now: Date,
): IntegrationSettings {
  if (!draft.authorizedAccount) throw new Error('settingsFrom: the draft has no authorized account.');
  return {
    integrations: [...draft.integrations],
    appRegistration: appRegistrationOf(draft),
    partnerTenant: {
      input: draft.partnerTenantInput,
      tenantId: draft.partnerTenantId,
      ...(draft.partnerTenantName ? { displayName: draft.partnerTenantName } : {}),
    },
    ...(draft.signature ? { signature: draft.signature } : {}),
    gdap: {
      duration: `P${draft.durationDays}D`,
      autoExtend: draft.autoExtend,
      roleIds: [...draft.roleIds],
      groupPrefix: draft.groupPrefix,
    },
    alerts: { conversationId: draft.alertConversationId, label: alertLabel },
    authorizedAccount: { ...draft.authorizedAccount, grantedScopes: draft.grantedScopes },
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
}
