// Ranked type-ahead over the MSP's organizations by name, with the customer search's word, typo and key matching.
import { indexNames } from '../customers/search/indexedNames.js';
import { offerKeyMatches, wholeNameKeys } from '../customers/search/keyMatches.js';
import { NameMatcher, nextEpoch } from '../customers/search/nameMatcher.js';
import { compare, SortedKeys } from '../customers/search/sortedKeys.js';
import { roundScore, topMatches } from '../customers/search/topMatches.js';
import { nameSpellings, normalizeName } from '../text/normalizeName.js';
import type { Organization } from '../store/storeData.js';
import { runAtOnce, runInSlices, type Steps } from '../sliced/slicedWork.js';
import { mapInSteps, sortInSteps } from '../sliced/sortInSteps.js';
import { compareNames } from './organizationOrder.js';

export interface RankedOrganization {
  organization: Organization;
  score: number;
}

interface IndexParts {
  organizations: readonly Organization[];
  forms: readonly string[];
  keys: SortedKeys;
  matcher: NameMatcher;
}

export class OrganizationNameIndex {
  readonly size: number;
  /** In reading order ("Client 2" before "Client 10"), which is also the tie-break between equal scores. */
  private readonly organizations: readonly Organization[];
  private readonly forms: readonly string[];
  private readonly rank: Int32Array;
  private readonly keys: SortedKeys;
  private readonly matcher: NameMatcher;
  private readonly best: Float64Array;
  private readonly bestSeen: Uint32Array;
  private readonly touched: Int32Array;
  private epoch = 0;

  /** Built at once: fine for the few organizations changed since the last full build. */
  constructor(
    organizations: readonly Organization[],
    parts: IndexParts = runAtOnce(buildParts(organizations)),
  ) {
    ({
      organizations: this.organizations,
      forms: this.forms,
      keys: this.keys,
      matcher: this.matcher,
    } = parts);
    this.size = this.organizations.length;
    this.rank = Int32Array.from(this.organizations, (_, at) => at);
    this.best = new Float64Array(this.size);
    this.bestSeen = new Uint32Array(this.size);
    this.touched = new Int32Array(this.size);
  }

  /** Built a slice at a time, so that turns go on while 10,000 names are indexed. */
  static async inSlices(organizations: readonly Organization[]): Promise<OrganizationNameIndex> {
    return new OrganizationNameIndex(organizations, await runInSlices(buildParts(organizations)));
  }

  /**
   * Results `skip` to `skip + limit` of the ranking for what someone typed, best first; an empty query lists
   * every organization in reading order, as the drop-down shows before anything is typed.
   */
  search(query: string, limit: number, skip = 0): Organization[] {
    return this.ranked(query, skip + limit)
      .slice(skip)
      .map((ranked) => ranked.organization);
  }

  /** The `count` best for the query with their scores (0 for everyone when nothing was typed). */
  ranked(query: string, count: number): RankedOrganization[] {
    const text = query.trim();
    if (count <= 0) return [];
    if (text === '')
      return this.organizations.slice(0, count).map((organization) => ({ organization, score: 0 }));
    const name = normalizeName(text);
    if (name.tokens.length === 0) return [];
    const { best, bestSeen, touched } = this;
    let found = 0;
    const epoch = (this.epoch = nextEpoch(this.epoch, bestSeen));
    const offer = (organization: number, score: number) => {
      if (bestSeen[organization] !== epoch) {
        bestSeen[organization] = epoch;
        best[organization] = score;
        touched[found++] = organization;
      } else if (score > best[organization]) best[organization] = score;
    };
    this.matcher.match(name, offer);
    offerKeyMatches(this.keys, (organization) => this.forms[organization], name, offer);
    return topMatches(touched, found, best, this.rank, count).map((organization) => ({
      organization: this.organizations[organization],
      score: roundScore(best[organization]),
    }));
  }
}

function* buildParts(list: readonly Organization[]): Steps<IndexParts> {
  const ranked = list.map((organization) => ({ organization, score: 0 }));
  yield* sortInSteps(ranked, compareRanked);
  const organizations = ranked.map(({ organization }) => organization);
  const spellings = yield* mapInSteps(organizations, (organization) => nameSpellings(organization.name));
  const keys = yield* wholeNameKeys(spellings);
  const { words, ngrams, names } = yield* indexNames(spellings);
  return {
    organizations,
    forms: spellings.map(([written]) => written.form),
    keys,
    matcher: new NameMatcher(words, ngrams, names),
  };
}

/** The order of results: score first, then the reading order the index breaks ties by. */
export function compareRanked(a: RankedOrganization, b: RankedOrganization): number {
  return (
    b.score - a.score ||
    compareNames(a.organization.name, b.organization.name) ||
    compare(a.organization.name, b.organization.name) ||
    compare(a.organization.id, b.organization.id)
  );
}
