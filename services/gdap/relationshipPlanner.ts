// The GDAP relationship to create for a customer, as Graph's create body, from the configured defaults.
import { AppError } from '../errors.js';
import type { CspCustomer } from '../customers/cspCustomer.js';
import { GLOBAL_ADMINISTRATOR } from '../settings/gdapRoles.js';
import type { GdapDefaults } from '../settings/integrationSettings.js';
import { transliterate } from '../text/transliterate.js';
import { USABLE_STATUSES, missingRoleIds, type GdapRelationship } from './gdapModel.js';
import { statusWords } from './statusWords.js';

/** Graph's POST /tenantRelationships/delegatedAdminRelationships body. */
export interface RelationshipPlan {
  displayName: string;
  duration: string;
  autoExtendDuration: 'PT0S' | 'P180D';
  customer: { tenantId: string; displayName: string };
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
}

export interface PlanOptions {
  /** Names of every relationship the partner has, for any customer: Graph wants them unique (without case). */
  takenNames: Iterable<string>;
  now: Date;
  /** An active relationship the new one replaces (missing roles, or about to expire): it alone does not block. */
  replacing?: string;
}

export type PlanCustomer = Pick<CspCustomer, 'tenantId' | 'displayName'> & {
  relationships: readonly GdapRelationship[];
};

export const MAX_RELATIONSHIP_NAME_LENGTH = 50;
// Keeps room for the customer's name however long a prefix someone configures.
const MAX_PREFIX_LENGTH = 20;

/**
 * Refuses (GDAP_RELATIONSHIP_EXISTS) while the customer has a relationship that is active or on its way to
 * active with every configured role: that, not the caller's care, is what keeps a second one from being made.
 */
export function planRelationship(
  customer: PlanCustomer,
  defaults: Pick<GdapDefaults, 'duration' | 'autoExtend' | 'roleIds' | 'groupPrefix'>,
  options: PlanOptions,
): RelationshipPlan {
  if (defaults.roleIds.length === 0) throw new AppError('CONFIG_INVALID', 'no GDAP roles are configured');
  const blocking = customer.relationships.find(
    (relationship) =>
      relationship.id !== options.replacing &&
      USABLE_STATUSES.includes(relationship.status) &&
      missingRoleIds(relationship, defaults.roleIds).length === 0,
  );
  if (blocking) {
    throw new AppError(
      'GDAP_RELATIONSHIP_EXISTS',
      `${customer.tenantId} already has '${blocking.displayName}' (${statusWords(blocking.status)})`,
    );
  }
  const roleIds = [...new Set(defaults.roleIds.map((id) => id.toLowerCase()))];
  return {
    displayName: relationshipName(defaults.groupPrefix, customer, options.now, options.takenNames),
    duration: defaults.duration,
    // Graph refuses auto-extension on a relationship that includes Global Administrator.
    autoExtendDuration: roleIds.includes(GLOBAL_ADMINISTRATOR) ? 'PT0S' : defaults.autoExtend,
    customer: { tenantId: customer.tenantId, displayName: customer.displayName },
    accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

/**
 * `<prefix>-<customer>-<yyyymmdd>`, at most 50 characters, with `-2`, `-3`… when the name is taken. The customer's
 * name is spelled in ASCII letters and digits (transliterated from any script), so the name reads the same in
 * every Microsoft portal; the tenant id stands in only when no letter or digit is left (an emoji-only name).
 */
export function relationshipName(
  prefix: string,
  customer: Pick<CspCustomer, 'tenantId' | 'displayName'>,
  now: Date,
  takenNames: Iterable<string>,
): string {
  const taken = new Set([...takenNames].map((name) => name.toLowerCase()));
  const head = asciiWords(prefix).slice(0, MAX_PREFIX_LENGTH).replace(/-+$/, '') || 'GDAP';
  const short = asciiWords(customer.displayName) || customer.tenantId.slice(0, 8);
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  for (let attempt = 1; attempt < 1000; attempt++) {
    const suffix = attempt === 1 ? '' : `-${attempt}`;
    const room = MAX_RELATIONSHIP_NAME_LENGTH - head.length - date.length - suffix.length - 2;
    const name = `${head}-${short.slice(0, room).replace(/-+$/, '')}-${date}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
  throw new AppError('GDAP_NAME_TAKEN', `no free relationship name for ${customer.tenantId}`);
}

function asciiWords(text: string): string {
  return transliterate(text)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
