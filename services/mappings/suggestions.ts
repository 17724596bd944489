// Suggests the CSP customer for an MSP organization, and which suggestions are safe to map in one go.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { CustomerMatch, CustomerSearch } from '../customers/customerSearch.js';
import { runAtOnce, type Steps } from '../sliced/slicedWork.js';
import { confidentMatch, type ConfidenceReason, type OrganizationLike } from './suggestConfidence.js';

// The picker card shows three suggestions above the search box.
export const SUGGESTION_COUNT = 3;

export interface CustomerSuggestion {
  /** The likeliest customers, best first; the confident one (if any) is first. */
  candidates: CustomerMatch[];
  /** Set only when mapping without a human is safe; see `confidentMatch` for the rules. */
  confident: CspCustomer | undefined;
  reason?: ConfidenceReason;
}

export interface SuggestedMapping<O> {
  organization: O;
  customer: CspCustomer;
  reason: ConfidenceReason;
}

export interface AllSuggestions<O> {
  suggestions: { organization: O; suggestion: CustomerSuggestion }[];
  /** What "map all confident suggestions" would do, in the organizations' order, for the preview. */
  preview: SuggestedMapping<O>[];
}

export function suggestCustomers(organization: OrganizationLike, search: CustomerSearch): CustomerSuggestion {
  const confident = confidentMatch(organization, search);
  const candidates: CustomerMatch[] = [];
  const add = (match: CustomerMatch) => {
    if (!candidates.some((known) => known.customer.tenantId === match.customer.tenantId))
      candidates.push(match);
  };
  if (confident) add({ customer: confident.customer, score: 1 });
  if (organization.domain) {
    for (const customer of search.withDefaultDomain(organization.domain)) add({ customer, score: 1 });
  }
  for (const match of search.search(organization.name, SUGGESTION_COUNT)) add(match);
  return {
    candidates: candidates.slice(0, SUGGESTION_COUNT),
    confident: confident?.customer,
    ...(confident ? { reason: confident.reason } : {}),
  };
}

/** Suggestions for many organizations (typically the unmapped ones) and the preview of the confident ones. */
export function suggestAll<O extends OrganizationLike>(
  organizations: readonly O[],
  search: CustomerSearch,
): AllSuggestions<O> {
  return runAtOnce(suggestAllSteps(organizations, (organization) => suggestCustomers(organization, search)));
}

/** The same, pausing after each organization (`suggest` ranks one in a few milliseconds at 50,000 customers). */
export function* suggestAllSteps<O extends OrganizationLike>(
  organizations: readonly O[],
  suggest: (organization: O) => CustomerSuggestion,
): Steps<AllSuggestions<O>> {
  const suggestions: AllSuggestions<O>['suggestions'] = [];
  for (const organization of organizations) {
    suggestions.push({ organization, suggestion: suggest(organization) });
    yield;
  }
  const preview = suggestions.flatMap(({ organization, suggestion: { confident, reason } }) =>
    confident && reason ? [{ organization, customer: confident, reason }] : [],
  );
  return { suggestions, preview };
}
