// The setup wizard's cards: one typed builder per step template.
import configurationTemplate from './templates/setupConfiguration.json' with { type: 'json' };
import integrationsTemplate from './templates/setupIntegrations.json' with { type: 'json' };
import permissionsTemplate from './templates/setupPermissions.json' with { type: 'json' };
import signInTemplate from './templates/setupSignIn.json' with { type: 'json' };
import signInProblemTemplate from './templates/setupSignInProblem.json' with { type: 'json' };
import summaryTemplate from './templates/setupSummary.json' with { type: 'json' };
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface IntegrationsCardData {
  wizardId: string;
  integrations: { id: string; name: string; adds: string; needs: string }[];
  /** Comma-separated ids, as Input.ChoiceSet expects. */
  selected: string;
  error?: string;
}

export function setupIntegrationsCard(data: IntegrationsCardData): CardAttachment {
  return expandCard(integrationsTemplate, { ...data, error: data.error ?? '' });
}

export type ConfigurationField =
  | 'appKind'
  | 'clientId'
  | 'clientSecret'
  | 'partnerTenant'
  | 'signature'
  | 'duration'
  | 'autoExtend'
  | 'roleIds'
  | 'groupPrefix'
  | 'alerts';

export interface ConfigurationCardData {
  wizardId: string;
  appChoices: { title: string; value: 'product' | 'own' }[];
  appKind: string;
  clientId: string;
  /** Whether a secret is already stored: it is never sent back, only said to exist. */
  secretSaved: boolean;
  partnerTenant: string;
  /** What signs messages for customers; the placeholder says what is used when it is empty. */
  signature: string;
  signaturePlaceholder: string;
  durationDays: string;
  autoExtend: string;
  roles: { id: string; name: string }[];
  selectedRoles: string;
  groupPrefix: string;
  alertChoices: { title: string; value: string }[];
  alertConversation: string;
  errors: Partial<Record<ConfigurationField, string>>;
}

const CONFIGURATION_FIELDS: ConfigurationField[] = [
  'appKind',
  'clientId',
  'clientSecret',
  'partnerTenant',
  'signature',
  'duration',
  'autoExtend',
  'roleIds',
  'groupPrefix',
  'alerts',
];

export function setupConfigurationCard(data: ConfigurationCardData): CardAttachment {
  const errors = Object.fromEntries(CONFIGURATION_FIELDS.map((field) => [field, data.errors[field] ?? '']));
  const invalid = Object.values(data.errors).some(Boolean);
  // Input.Number reads only a number; what the user typed that is not one starts the field empty.
  const days = Number(data.durationDays);
  return expandCard(configurationTemplate, {
    ...data,
    durationDays: Number.isFinite(days) && data.durationDays !== '' ? days : null,
    errors,
    intro: invalid
      ? 'Some values need a change; see the notes under the fields. Everything else is kept as you entered it.'
      : 'Which app signs in, which tenant is yours, the defaults for new GDAP relationships, and where alerts go.',
    introColor: invalid ? 'Attention' : 'Default',
    secretPlaceholder: data.secretSaved
      ? 'A secret is saved; leave empty to keep it'
      : 'Paste the client secret',
  });
}

export interface PermissionsCardData {
  wizardId: string;
  permissions: { scope: string; kind: string; resource: string; why: string; mark: string }[];
  roles: { id: string; name: string }[];
  /** Set after a sign-in: the marks then say granted or missing. */
  checked: boolean;
}

export function setupPermissionsCard(data: PermissionsCardData): CardAttachment {
  return expandCard(permissionsTemplate, {
    ...data,
    roleCount: data.roles.length,
    // Names are what an admin reads; the ids are there for checking against Entra, one click away.
    roleNames: data.roles.map((role) => role.name).join(', '),
    intro: data.checked
      ? 'What your last sign-in granted, and what is still missing.'
      : 'Review what the integration will be allowed to do. You consent to these when you sign in on the next step.',
    legend: data.checked
      ? '✅ granted · ⚠️ missing'
      : 'Roles are given to your security groups per client, through GDAP.',
  });
}

export interface SignInCardData {
  wizardId: string;
  tenantLabel: string;
  signInUrl: string;
}

export function setupSignInCard(data: SignInCardData): CardAttachment {
  return expandCard(signInTemplate, data);
}

export interface SignInProblemCardData {
  wizardId: string;
  title: string;
  summary: string;
  problems: { title: string; detail: string; fix: string }[];
}

export function setupSignInProblemCard(data: SignInProblemCardData): CardAttachment {
  return expandCard(signInProblemTemplate, data);
}

export interface SummaryCardData {
  facts: { title: string; value: string }[];
}

export function setupSummaryCard(data: SummaryCardData): CardAttachment {
  return expandCard(summaryTemplate, data);
}
