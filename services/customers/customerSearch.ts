// Ranked type-ahead search over the CSP customer list by name, default domain or tenant id; rebuilt after each sync.
import { domainLabel, looksLikeDomain, normalizeDomain, onMicrosoftPrefix } from '../text/domainName.js';
import { nameSpellings, normalizeName, type NormalizedName } from '../text/normalizeName.js';
import { runAtOnce, runInSlices, STEP_ITEMS, type Steps } from '../sliced/slicedWork.js';
import { mapInSteps, sortInSteps } from '../sliced/sortInSteps.js';
import type { CspCustomer } from './cspCustomer.js';
import { indexNames } from './search/indexedNames.js';
import { MIN_KEY_PREFIX, offerKeyMatches, wholeNameKeys } from './search/keyMatches.js';
import { NameMatcher, nextEpoch } from './search/nameMatcher.js';
import { compare, SortedKeys } from './search/sortedKeys.js';
import { roundScore, topMatches } from './search/topMatches.js';

export interface CustomerMatch {
  customer: CspCustomer;
  /** 1 for an exact name, domain or tenant id; lower for prefixes, typos and partial names. */
  score: number;
}

// Teams shows 15 choices in a drop-down.
export const DEFAULT_LIMIT = 15;
// Fewer hex digits than this would match tenant ids by chance while someone types a name like "cafe".
const MIN_TENANT_PREFIX = 8;
// Rankings kept for repeated questions: a suggestion's three, a few drop-downs' keystrokes.
const RECENT_QUERIES = 32;

interface SearchParts {
  customers: readonly CspCustomer[];
  names: NormalizedName[];
  rank: Int32Array;
  tenantIds: SortedKeys;
  domains: SortedKeys;
  keys: SortedKeys;
  matcher: NameMatcher;
}

export class CustomerSearch {
  readonly size: number;
  private readonly customers: readonly CspCustomer[];
  private readonly names: NormalizedName[];
  private readonly rank: Int32Array;
  private readonly tenantIds: SortedKeys;
  private readonly domains: SortedKeys;
  private readonly keys: SortedKeys;
  private readonly matcher: NameMatcher;
  private readonly best: Float64Array;
  private readonly bestSeen: Uint32Array;
  private readonly touched: Int32Array;
  private epoch = 0;
  /** The last few rankings by query text, oldest first; the index never changes, so they stay right. */
  private readonly recent = new Map<string, { limit: number; matches: readonly CustomerMatch[] }>();

  /** Built at once: fine for a few thousand customers; the bot builds large lists with `inSlices`. */
  constructor(customers: readonly CspCustomer[], parts: SearchParts = runAtOnce(buildParts(customers))) {
    ({
      customers: this.customers,
      names: this.names,
      rank: this.rank,
      tenantIds: this.tenantIds,
      domains: this.domains,
      keys: this.keys,
      matcher: this.matcher,
    } = parts);
    this.size = this.customers.length;
    this.best = new Float64Array(this.size);
    this.bestSeen = new Uint32Array(this.size);
    this.touched = new Int32Array(this.size);
  }

  /** Built a slice at a time, so that turns, timers and I/O go on while 50,000 names are indexed. */
  static async inSlices(customers: readonly CspCustomer[]): Promise<CustomerSearch> {
    return new CustomerSearch(customers, await runInSlices(buildParts(customers)));
  }

  /** Up to `limit` customers, best first, for what someone typed: part of a name, a domain or a tenant id. */
  search(query: string, limit = DEFAULT_LIMIT): CustomerMatch[] {
    const text = query.trim();
    if (text === '' || limit <= 0) return [];
    // One suggestion asks about the same name up to three times (best match, neighbours, candidates), and the
    // top k of a ranking are the first k of any longer top list: rank once, at least a drop-down's worth.
    const recent = this.recent.get(text);
    if (recent && recent.limit >= limit) return recent.matches.slice(0, limit);
    const wanted = Math.max(limit, DEFAULT_LIMIT);
    const matches = this.rankFor(text, wanted);
    this.recent.delete(text);
    this.recent.set(text, { limit: wanted, matches });
    if (this.recent.size > RECENT_QUERIES) this.recent.delete(this.recent.keys().next().value as string);
    return matches.slice(0, limit);
  }

  private rankFor(text: string, limit: number): CustomerMatch[] {
    const { best, bestSeen, touched } = this;
    let found = 0;
    const epoch = (this.epoch = nextEpoch(this.epoch, bestSeen));
    const offer = (customer: number, score: number) => {
      if (bestSeen[customer] !== epoch) {
        bestSeen[customer] = epoch;
        best[customer] = score;
        touched[found++] = customer;
      } else if (score > best[customer]) best[customer] = score;
    };
    this.matchTenantId(text, offer);
    const domain = looksLikeDomain(text);
    if (domain) this.matchDomain(normalizeDomain(text), offer);
    const name = normalizeName(domain ? domainLabel(text) : text);
    if (name.tokens.length > 0) {
      this.matcher.match(name, offer);
      this.matchKey(name, offer);
      if (!domain && name.tokens.length === 1 && /^[a-z0-9-]+$/.test(text.toLowerCase())) {
        this.matchDomain(text.toLowerCase(), offer);
      }
    }
    return topMatches(touched, found, best, this.rank, limit).map((customer) =>
      Object.freeze({ customer: this.customers[customer], score: roundScore(best[customer]) }),
    );
  }

  /** Customers whose name is the same as this one once folded and without legal forms ("Müller GmbH" = "MULLER AG"). */
  withNameKey(key: string): CspCustomer[] {
    return key === '' ? [] : this.inOrder(this.keys.exact(key));
  }

  /** Customers whose name key starts with `prefix`, at most `max` of them: names that extend another name. */
  withNameKeyPrefix(prefix: string, max: number): CspCustomer[] {
    const [from, to] = this.keys.prefixRange(prefix);
    const found: number[] = [];
    for (let at = from; at < to && found.length < max; at++) found.push(this.keys.idAt(at));
    return this.inOrder(found);
  }

  /** Customers whose default domain is exactly `domain` (any case, with or without "https://www."). */
  withDefaultDomain(domain: string): CspCustomer[] {
    const normalized = normalizeDomain(domain);
    return normalized === '' ? [] : this.domains.exact(normalized).map((i) => this.customers[i]);
  }

  /** Distinct customers in tie-break order. */
  private inOrder(indices: readonly number[]): CspCustomer[] {
    return [...new Set(indices)].sort((a, b) => this.rank[a] - this.rank[b]).map((i) => this.customers[i]);
  }

  private matchTenantId(text: string, offer: (customer: number, score: number) => void): void {
    const typed = text.toLowerCase().replace(/^\{|\}$/g, '');
    if (!/^[0-9a-f-]+$/.test(typed) || typed.replace(/-/g, '').length < MIN_TENANT_PREFIX) return;
    const [from, to] = this.tenantIds.prefixRange(typed);
    for (let at = from; at < to; at++)
      offer(this.tenantIds.idAt(at), this.tenantIds.keyAt(at) === typed ? 1 : 0.97);
  }

  /** Default domains starting with what was typed; the fuller the domain, the higher. */
  private matchDomain(typed: string, offer: (customer: number, score: number) => void): void {
    if (typed.length < MIN_KEY_PREFIX) return;
    const [from, to] = this.domains.prefixRange(typed);
    for (let at = from; at < to; at++) {
      const domain = this.domains.keyAt(at);
      const label = onMicrosoftPrefix(domain) ?? domain;
      const score =
        domain === typed
          ? 1
          : typed.length >= label.length
            ? 0.95
            : 0.6 + (0.3 * typed.length) / label.length;
      offer(this.domains.idAt(at), score);
    }
  }

  /** The whole name, however spaced and with whatever legal form: "mullerbackerei", "Muller-Backerei AG". */
  private matchKey(name: NormalizedName, offer: (customer: number, score: number) => void): void {
    offerKeyMatches(this.keys, (customer) => this.names[customer].form, name, offer);
  }
}

function* buildParts(list: readonly CspCustomer[]): Steps<SearchParts> {
  const customers = [...list];
  const spellings = yield* mapInSteps(customers, (customer) => nameSpellings(customer.displayName));
  const names = yield* mapInSteps(spellings, ([written]) => written);
  // Ties are broken by name, then tenant id, so equal scores always come out in the same order. NUL sorts
  // before every other character, so the joined strings sort like (folded, displayName, tenantId, index).
  const joined = yield* mapInSteps(
    customers,
    (customer, i) => `${names[i].folded}\0${customer.displayName}\0${customer.tenantId}\0${i}`,
  );
  yield* sortInSteps(joined, compare);
  const rank = new Int32Array(customers.length);
  for (let position = 0; position < joined.length; position++) {
    const entry = joined[position];
    rank[Number(entry.slice(entry.lastIndexOf('\0') + 1))] = position;
    if (position % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const tenantIds = yield* SortedKeys.build(
    yield* mapInSteps(customers, (customer, i) => [customer.tenantId.toLowerCase(), i] as const),
  );
  const domainKeys = yield* mapInSteps(
    customers,
    (customer, i) => [normalizeDomain(customer.defaultDomainName), i] as const,
  );
  const domains = yield* SortedKeys.build(domainKeys);
  const keys = yield* wholeNameKeys(spellings);
  const { words, ngrams, names: indexed } = yield* indexNames(spellings);
  return {
    customers,
    names,
    rank,
    tenantIds,
    domains,
    keys,
    matcher: new NameMatcher(words, ngrams, indexed),
  };
}
