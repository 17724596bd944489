// What a valid organization is: the name, external id and domain rules, and the keys duplicates are found by.
import { domainToASCII } from 'node:url';

export const MAX_NAME_LENGTH = 200;
export const MAX_EXTERNAL_ID_LENGTH = 100;

export interface OrganizationFields {
  name: string;
  externalId?: string;
  domain?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(reason: string): Checked<T> => ({ ok: false, reason });
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Two names are the same organization when they differ only in case or spacing. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** PSA ids are compared without case so "C-001" and "c-001" cannot become two organizations. */
export function externalIdKey(externalId: string): string {
  return externalId.trim().toLowerCase();
}

export function checkName(raw: string): Checked<string> {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) return fail('The name is empty.');
  if ([...name].length > MAX_NAME_LENGTH)
    return fail(`The name is longer than ${MAX_NAME_LENGTH} characters.`);
  if (CONTROL.test(name)) return fail('The name contains control characters.');
  return ok(name);
}

export function checkExternalId(raw: string | undefined): Checked<string | undefined> {
  const externalId = raw?.trim();
  if (!externalId) return ok(undefined);
  if (externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    return fail(`The external id is longer than ${MAX_EXTERNAL_ID_LENGTH} characters.`);
  }
  if (CONTROL.test(externalId)) return fail('The external id contains control characters.');
  return ok(externalId);
}

/** A host name such as contoso.com or münchen.de; URLs, e-mail addresses and IP addresses are refused. */
export function checkDomain(raw: string | undefined): Checked<string | undefined> {
  const domain = raw?.trim().toLowerCase().replace(/\.$/, '');
  if (!domain) return ok(undefined);
  const ascii = /^[\p{L}\p{N}.-]+$/u.test(domain) ? domainToASCII(domain) : '';
  const labels = ascii.split('.');
  const valid =
    ascii.length > 0 &&
    ascii.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1]);
  return valid ? ok(domain) : fail(`"${raw?.trim()}" is not a domain name like contoso.com.`);
}

/** Cleans all three fields, or says what is wrong with the first bad one. */
export function checkOrganization(input: OrganizationFields): Checked<OrganizationFields> {
  const name = checkName(input.name);
  if (!name.ok) return name;
  const externalId = checkExternalId(input.externalId);
  if (!externalId.ok) return externalId;
  const domain = checkDomain(input.domain);
  if (!domain.ok) return domain;
  return ok({
    name: name.value,
    ...(externalId.value ? { externalId: externalId.value } : {}),
    ...(domain.value ? { domain: domain.value } : {}),
  });
}

/** Audit changes between two versions of an organization, one dotted field per difference. */
export function fieldChanges(
  id: string,
  before: OrganizationFields | undefined,
  after: OrganizationFields | undefined,
): { field: string; before: unknown; after: unknown }[] {
  return (['name', 'externalId', 'domain'] as const)
    .map((key) => ({
      field: `organizations.${id}.${key}`,
      before: before?.[key] ?? null,
      after: after?.[key] ?? null,
    }))
    .filter((change) => change.before !== change.after);
}
