// When a suggestion is safe to apply without a human: evidence that names exactly one customer.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { CustomerSearch } from '../customers/customerSearch.js';
import { domainLabel, looksLikeDomain, onMicrosoftPrefix } from '../text/domainName.js';
import { editDistance } from '../text/editDistance.js';
import { isUnsegmented } from '../text/foldText.js';
import { normalizeName, type NormalizedName } from '../text/normalizeName.js';

export type ConfidenceReason = 'domain' | 'name' | 'typo';

export interface Confident {
  customer: CspCustomer;
  reason: ConfidenceReason;
}

export interface OrganizationLike {
  name: string;
  domain?: string;
}

// Another customer this close to the organization's name makes a name match a guess.
const CLOSE_DISTANCE = 2;
// How many neighbours to look at for closeness; the closest ones come first anyway.
const NEIGHBOURS = 10;
const EXTENSIONS_CHECKED = 200;
// Shorter names, and typos in shorter words, are too often another company's name.
const MIN_KEY_LENGTH = 3;
const MIN_TYPO_WORD = 5;

/**
 * The one customer an organization certainly is, or undefined:
 * - domain: its domain (or its name, when that is a domain) is exactly one customer's default domain; or its
 *   label is one customer's ".onmicrosoft.com" prefix and no other customer has the organization's name;
 * - name: its name, folded and without legal form, is one customer's and no other customer is close (within two
 *   edits, or the same words and more); when several customers share it, the legal form picks exactly one
 *   ("Contoso Ltd" among Contoso Ltd / Contoso GmbH);
 * - typo: as for name, but one long word has two neighbouring letters swapped ("Mülelr").
 * Customers with the same display name also share name and legal form, so no name rule can pick one of them;
 * and domain evidence that contradicts the name is not used at all.
 */
export function confidentMatch(
  organization: OrganizationLike,
  search: CustomerSearch,
): Confident | undefined {
  const nameText = looksLikeDomain(organization.name) ? domainLabel(organization.name) : organization.name;
  const name = normalizeName(nameText);
  const sameName = search.withNameKey(name.key);
  const byDomain = domainMatch(organization, search, sameName);
  if (byDomain !== 'none') return byDomain && { customer: byDomain, reason: 'domain' };
  if (!longEnough(name.key)) return undefined;
  if (sameName.length > 0) {
    const chosen = pickByForm(name, sameName);
    return chosen && isolated(name, nameText, sameName, search)
      ? { customer: chosen, reason: 'name' }
      : undefined;
  }
  const [best] = search.search(nameText, 1);
  const target = best && normalizeName(best.customer.displayName);
  if (!target || !oneSwapApart(name, target)) return undefined;
  const family = search.withNameKey(target.key);
  const chosen = pickByForm({ ...name, key: target.key }, family);
  return chosen && isolated(name, nameText, family, search)
    ? { customer: chosen, reason: 'typo' }
    : undefined;
}

/** The customer the domain evidence names; undefined when it is contradictory, 'none' when there is none. */
function domainMatch(
  organization: OrganizationLike,
  search: CustomerSearch,
  sameName: readonly CspCustomer[],
): CspCustomer | undefined | 'none' {
  const domains = [organization.domain, looksLikeDomain(organization.name) ? organization.name : undefined];
  const exact = unique(domains.flatMap((domain) => (domain ? search.withDefaultDomain(domain) : [])));
  const byPrefix = unique(
    domains.flatMap((domain) =>
      domain && onMicrosoftPrefix(domain) === undefined
        ? search.withDefaultDomain(`${domainLabel(domain)}.onmicrosoft.com`)
        : [],
    ),
  );
  const agrees = (customer: CspCustomer) =>
    sameName.length === 0 || sameName.some((other) => other.tenantId === customer.tenantId);
  if (exact.length > 1) return undefined;
  if (exact.length === 1) return agrees(exact[0]) ? exact[0] : undefined;
  if (byPrefix.length === 0) return 'none';
  // "contoso.de" only suggests "contoso.onmicrosoft.com": not enough when "contoso" is the name of several
  // customers, or the organization's name belongs to another one.
  const [owner] = byPrefix;
  const labels = domains.flatMap((domain) => (domain ? [domainLabel(domain)] : []));
  const shared = labels.some((label) => search.withNameKey(normalizeName(label).key).length > 1);
  return byPrefix.length === 1 && !shared && agrees(owner) ? owner : undefined;
}

/** The only customer of a same-name family, or the only one with the organization's legal form. */
function pickByForm(name: NormalizedName, family: readonly CspCustomer[]): CspCustomer | undefined {
  if (family.length === 1) return family[0];
  if (name.form === '') return undefined;
  const sameForm = family.filter((customer) => normalizeName(customer.displayName).form === name.form);
  return sameForm.length === 1 ? sameForm[0] : undefined;
}

/** Whether no customer outside `family` is close to the organization's name. */
function isolated(
  name: NormalizedName,
  nameText: string,
  family: readonly CspCustomer[],
  search: CustomerSearch,
): boolean {
  const outside = (customer: CspCustomer) => !family.some((member) => member.tenantId === customer.tenantId);
  const numbers = numbersOf(name);
  // "Contoso 2" and "Contoso 3" are one edit apart but two names: a number is not mistyped like a letter.
  const sameNumbers = (other: NormalizedName) => numbersOf(other) === numbers;
  const near = search
    .search(nameText, NEIGHBOURS)
    .map((match) => match.customer)
    .filter(outside)
    .some((customer) => {
      const theirs = normalizeName(customer.displayName);
      return sameNumbers(theirs) && editDistance(theirs.key, name.key, CLOSE_DISTANCE) <= CLOSE_DISTANCE;
    });
  if (near) return false;
  const longer = search.withNameKeyPrefix(name.key, EXTENSIONS_CHECKED + 1).filter(outside);
  if (longer.length > EXTENSIONS_CHECKED) return false;
  const words = significant(name);
  return !longer.some((customer) => {
    const theirs = normalizeName(customer.displayName);
    const their = significant(theirs);
    return (
      sameNumbers(theirs) && their.length > words.length && words.every((word, at) => their[at] === word)
    );
  });
}

/** Same words but one, and that one is a long word with two neighbouring letters swapped ("Mülelr"). */
function oneSwapApart(typed: NormalizedName, target: NormalizedName): boolean {
  const a = significant(typed);
  const b = significant(target);
  if (a.length !== b.length) return false;
  const differing = a.flatMap((word, at) => (word === b[at] ? [] : [at]));
  if (differing.length !== 1) return false;
  const [x, y] = [a[differing[0]], b[differing[0]]];
  if (x.length !== y.length || x.length < MIN_TYPO_WORD || !/^\p{L}+$/u.test(x) || isUnsegmented(x))
    return false;
  const at = [...x].findIndex((char, i) => char !== y[i]);
  return x[at] === y[at + 1] && x[at + 1] === y[at] && x.slice(at + 2) === y.slice(at + 2);
}

/** The numbers in a name, in order and without leading zeros: "Fabrikam 2020 Branch 07" → "2020 7". */
function numbersOf(name: NormalizedName): string {
  return (name.key.match(/\p{Nd}+/gu) ?? []).map((digits) => digits.replace(/^0+(?=\d)/, '')).join(' ');
}

function significant(name: NormalizedName): string[] {
  return name.core.filter((word) => word !== 'and');
}

function longEnough(key: string): boolean {
  return isUnsegmented(key) ? Array.from(key).length >= 2 : key.length >= MIN_KEY_LENGTH;
}

function unique(customers: readonly CspCustomer[]): CspCustomer[] {
  return [...new Map(customers.map((customer) => [customer.tenantId, customer])).values()];
}
