// The wizard's work in progress: kept in dialog state until the wizard finishes, then saved whole.
import type { Sealed } from '../../services/crypto/secretBox.js';
import { DEFAULT_GDAP_ROLE_IDS } from '../../services/settings/gdapRoles.js';
import type { IntegrationId } from '../../services/settings/integrationCatalog.js';
import type { AuthorizedAccount, IntegrationSettings } from '../../services/settings/integrationSettings.js';

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

export function settingsFrom(
  draft: SetupDraft,
  alertLabel: string,
  by: string,
  now: Date,
): IntegrationSettings {
  if (!draft.authorizedAccount) throw new Error('settingsFrom: the draft has no authorized account.');
  return {
    integrations: [...draft.integrations],
    appRegistration:
      draft.appKind === 'own' && draft.clientSecret
        ? { kind: 'own', clientId: draft.clientId, clientSecret: draft.clientSecret }
        : { kind: 'product' },
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
