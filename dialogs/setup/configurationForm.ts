// Step 2's rules: reads the configuration card's inputs into the draft and says what is wrong, field by field.
import type { ConfigurationField } from '../../cards/setupCards.js';
import type { Sealed } from '../../services/crypto/secretBox.js';
import { GDAP_ROLES, GLOBAL_ADMINISTRATOR } from '../../services/settings/gdapRoles.js';
import type { SetupDraft } from './setupDraft.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// Group display names: letters, digits, spaces and a few separators; no characters Entra refuses (@ " \ …).
const GROUP_PREFIX = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;
// The configuration card's signature field has the same maxLength.
const MAX_SIGNATURE_LENGTH = 100;

export interface FormContext {
  productAppAvailable: boolean;
  destinations: { id: string }[];
  sealSecret: (secret: string) => Sealed;
}

export type FormErrors = Partial<Record<ConfigurationField, string>>;

export function readConfigurationForm(
  submit: Record<string, unknown>,
  draft: SetupDraft,
  context: FormContext,
): { draft: SetupDraft; errors: FormErrors } {
  const errors: FormErrors = {};
  const text = (key: string) => (typeof submit[key] === 'string' ? (submit[key] as string).trim() : '');
  const next: SetupDraft = { ...draft };

  const appKind = text('appKind');
  if (appKind === 'product' && context.productAppAvailable) next.appKind = 'product';
  else if (appKind === 'own') next.appKind = 'own';
  else
    errors.appKind = context.productAppAvailable
      ? 'Choose an app registration.'
      : 'This installation has no product app registration: use your own.';

  if (next.appKind === 'own') {
    const clientId = text('clientId');
    if (!GUID.test(clientId))
      errors.clientId = 'Enter your app registration’s Application (client) ID: a GUID.';
    else next.clientId = clientId.toLowerCase();
    const secret = text('clientSecret');
    if (secret) next.clientSecret = context.sealSecret(secret);
    else if (!draft.clientSecret) errors.clientSecret = 'Paste a client secret of that app registration.';
  } else {
    next.clientId = '';
    next.clientSecret = undefined;
  }

  const tenant = text('partnerTenant');
  if (!GUID.test(tenant) && !DOMAIN.test(tenant)) {
    errors.partnerTenant =
      'Enter your partner tenant’s primary domain (like contoso.onmicrosoft.com) or its tenant id.';
  } else if (tenant.toLowerCase() !== draft.partnerTenantInput.toLowerCase()) {
    next.partnerTenantInput = tenant;
    next.partnerTenantId = '';
    // The name read at the last sign-in was the old tenant's.
    next.partnerTenantName = undefined;
  }

  // One line, as it ends a message pasted into mail or chat; runs of spaces and line breaks become one space.
  const signature = text('signature').replace(/\s+/g, ' ');
  if (signature.length > MAX_SIGNATURE_LENGTH)
    errors.signature = `Keep the signature to ${MAX_SIGNATURE_LENGTH} characters or fewer (it has ${signature.length}).`;
  else if (/\p{Cc}/u.test(signature)) errors.signature = 'Use only printable characters in the signature.';
  else next.signature = signature;

  const days = Number(text('durationDays'));
  if (!Number.isInteger(days) || days < 1 || days > 730)
    errors.duration = 'Enter a whole number of days from 1 to 730 (2 years).';
  else next.durationDays = days;

  const roleIds = text('roleIds')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const unknown = roleIds.filter((id) => !GDAP_ROLES.some((role) => role.id === id));
  if (roleIds.length === 0 || unknown.length > 0) errors.roleIds = 'Choose at least one role from the list.';
  else next.roleIds = GDAP_ROLES.map((role) => role.id).filter((id) => roleIds.includes(id));

  const autoExtend = text('autoExtend');
  if (autoExtend !== 'P180D' && autoExtend !== 'PT0S')
    errors.autoExtend = 'Choose whether relationships auto-extend.';
  else if (autoExtend === 'P180D' && next.roleIds.includes(GLOBAL_ADMINISTRATOR)) {
    errors.autoExtend =
      'Relationships that include Global Administrator cannot auto-extend: choose “Do not extend” or remove Global Administrator.';
  } else next.autoExtend = autoExtend;

  const prefix = text('groupPrefix');
  if (!GROUP_PREFIX.test(prefix))
    errors.groupPrefix =
      'Use 1 to 40 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.';
  else next.groupPrefix = prefix;

  const alert = text('alertConversation');
  if (!context.destinations.some((destination) => destination.id === alert))
    errors.alerts = 'Choose one of the chats or channels I am in.';
  else next.alertConversationId = alert;

  return { draft: next, errors };
}
