// Step 2's rules: the configuration answers checked field by field, normalized into the draft, the secret sealed.
import type { Sealed } from '../crypto/secretBox.js';
import type { AppError } from '../errors.js';
import { GDAP_ROLES, GLOBAL_ADMINISTRATOR } from './gdapRoles.js';
import type { SetupDraft } from './setupDraft.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
// Group display names: letters, digits, spaces and a few separators; no characters Entra refuses (@ " \ …).
const GROUP_PREFIX = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;
// The configuration card's signature field has the same maxLength.
export const MAX_SIGNATURE_LENGTH = 100;
// GDAP relationships last at most two years.
const MAX_DURATION_DAYS = 730;

/** Step 2's inputs as typed, one string each (roles as the chosen ids). */
export interface ConfigurationAnswers {
  appKind: string;
  clientId: string;
  clientSecret: string;
  partnerTenant: string;
  signature: string;
  durationDays: string;
  autoExtend: string;
  roleIds: readonly string[];
  groupPrefix: string;
  alertConversation: string;
}

/** At most one per field: the first rule the answer breaks. */
export type ConfigurationProblem =
  | { field: 'appKind'; code: 'unchosen' | 'no-product-app' }
  | { field: 'clientId'; code: 'not-a-guid' }
  | { field: 'clientSecret'; code: 'missing' }
  | { field: 'partnerTenant'; code: 'malformed' }
  | { field: 'partnerTenant'; code: 'unresolved'; error: AppError }
  | { field: 'signature'; code: 'too-long'; length: number }
  | { field: 'signature'; code: 'unprintable' }
  | { field: 'duration'; code: 'out-of-range' }
  | { field: 'roleIds'; code: 'none-or-unknown' }
  | { field: 'autoExtend'; code: 'unchosen' | 'global-administrator' }
  | { field: 'groupPrefix'; code: 'invalid' }
  | { field: 'alerts'; code: 'unknown-destination' };

export interface ConfigurationContext {
  productAppAvailable: boolean;
  destinations: readonly { id: string }[];
  sealSecret: (secret: string) => Sealed;
}

/** The tenant is only checked for form here: resolving it is the use case's, as it asks Entra. */
export function readConfiguration(
  answers: ConfigurationAnswers,
  draft: SetupDraft,
  context: ConfigurationContext,
): { draft: SetupDraft; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const next: SetupDraft = { ...draft };
  const text = (key: Exclude<keyof ConfigurationAnswers, 'roleIds'>) => answers[key].trim();

  const appKind = text('appKind');
  if (appKind === 'product' && context.productAppAvailable) next.appKind = 'product';
  else if (appKind === 'own') next.appKind = 'own';
  else problems.push({ field: 'appKind', code: context.productAppAvailable ? 'unchosen' : 'no-product-app' });

  if (next.appKind === 'own') {
    const clientId = text('clientId');
    if (!GUID.test(clientId)) problems.push({ field: 'clientId', code: 'not-a-guid' });
    else next.clientId = clientId.toLowerCase();
    // Sealed as soon as it is typed; left empty, the secret sealed before stays.
    const secret = text('clientSecret');
    if (secret) next.clientSecret = context.sealSecret(secret);
    else if (!draft.clientSecret) problems.push({ field: 'clientSecret', code: 'missing' });
  } else {
    next.clientId = '';
    next.clientSecret = undefined;
  }

  const tenant = text('partnerTenant');
  if (!GUID.test(tenant) && !DOMAIN.test(tenant))
    problems.push({ field: 'partnerTenant', code: 'malformed' });
  else if (tenant.toLowerCase() !== draft.partnerTenantInput.toLowerCase()) {
    next.partnerTenantInput = tenant;
    next.partnerTenantId = '';
    // The name read at the last sign-in was the old tenant's.
    next.partnerTenantName = undefined;
  }

  // One line, as it ends a message pasted into mail or chat; runs of spaces and line breaks become one space.
  const signature = text('signature').replace(/\s+/g, ' ');
  if (signature.length > MAX_SIGNATURE_LENGTH)
    problems.push({ field: 'signature', code: 'too-long', length: signature.length });
  else if (/\p{Cc}/u.test(signature)) problems.push({ field: 'signature', code: 'unprintable' });
  else next.signature = signature;

  const days = Number(text('durationDays'));
  if (!Number.isInteger(days) || days < 1 || days > MAX_DURATION_DAYS)
    problems.push({ field: 'duration', code: 'out-of-range' });
  else next.durationDays = days;

  const roleIds = answers.roleIds.map((id) => id.trim().toLowerCase()).filter(Boolean);
  const unknown = roleIds.filter((id) => !GDAP_ROLES.some((role) => role.id === id));
  if (roleIds.length === 0 || unknown.length > 0)
    problems.push({ field: 'roleIds', code: 'none-or-unknown' });
  else next.roleIds = GDAP_ROLES.map((role) => role.id).filter((id) => roleIds.includes(id));

  const autoExtend = text('autoExtend');
  if (autoExtend !== 'P180D' && autoExtend !== 'PT0S')
    problems.push({ field: 'autoExtend', code: 'unchosen' });
  else if (autoExtend === 'P180D' && next.roleIds.includes(GLOBAL_ADMINISTRATOR))
    problems.push({ field: 'autoExtend', code: 'global-administrator' });
  else next.autoExtend = autoExtend;

  const prefix = text('groupPrefix');
  if (!GROUP_PREFIX.test(prefix)) problems.push({ field: 'groupPrefix', code: 'invalid' });
  else next.groupPrefix = prefix;

  const alert = text('alertConversation');
  if (!context.destinations.some((destination) => destination.id === alert))
    problems.push({ field: 'alerts', code: 'unknown-destination' });
  else next.alertConversationId = alert;

  return { draft: next, problems };
}
