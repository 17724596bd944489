// Benchmark: suggestion quality on the near-miss set (precision, coverage, top-3 rate) and the time per suggestion.
import { CustomerSearch } from '../services/customers/customerSearch.js';
import { suggestCustomers } from '../services/mappings/suggestions.js';
import { asCspCustomers } from '../test/fixtures/nearMissCustomers.js';
import { loadNearMissSet } from '../test/fixtures/nearMissFiles.js';
import type { NearMissItem } from '../test/fixtures/nearMissSet.js';
import type { Benchmark, BenchResult, Measurement } from './report.js';

// Quality rules from the issues (mapping, hardening at scale); the tests assert the same ones.
const MIN_PRECISION = 0.995;
const MIN_COVERAGE = 0.9;
const MIN_TOP3 = 0.95;
const ROUNDS = 3;

interface Tally {
  items: number;
  confident: number;
  wrong: number;
  top3: number;
}

export const suggestionsBenchmark: Benchmark = { name: 'suggestions', run };

async function run(): Promise<BenchResult> {
  const set = await loadNearMissSet();
  const search = new CustomerSearch(asCspCustomers(set.customers));
  const byKind = new Map<string, Tally>();
  const all: Tally = { items: 0, confident: 0, wrong: 0, top3: 0 };
  const matchable: Tally = { items: 0, confident: 0, wrong: 0, top3: 0 };
  // Coverage counts the organizations one customer fits; those another fits as well must be left to a person.
  const decidable: Tally = { items: 0, confident: 0, wrong: 0, top3: 0 };
  for (const item of set.items) {
    const tallies = [all, byKind.get(item.kind) ?? byKind.set(item.kind, blank()).get(item.kind) ?? blank()];
    if (item.expectedTenantId !== null) tallies.push(matchable);
    if (item.expectedTenantId !== null && !item.ambiguous) tallies.push(decidable);
    const outcome = judge(item, search);
    for (const tally of tallies) {
      tally.items++;
      tally.confident += outcome.confident ? 1 : 0;
      tally.wrong += outcome.wrong ? 1 : 0;
      tally.top3 += outcome.top3 ? 1 : 0;
    }
  }
  const precision = all.confident === 0 ? 1 : (all.confident - all.wrong) / all.confident;
  const coverage = (decidable.confident - decidable.wrong) / decidable.items;
  const top3 = matchable.top3 / matchable.items;
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  const pass = precision >= MIN_PRECISION && coverage >= MIN_COVERAGE && top3 >= MIN_TOP3;
  const kinds = [...byKind].map(
    ([kind, tally]) =>
      `${kind}: ${tally.items} items, confident ${percent(tally.confident, tally.items)}` +
      (kind === 'distractor' ? '' : `, top-3 ${percent(tally.top3, tally.items)}`) +
      (tally.wrong > 0 ? `, WRONG ${tally.wrong}` : ''),
  );
  return {
    title: 'customer suggestions on the near-miss set',
    setup:
      `${set.customers.length.toLocaleString('en')} customers, ${set.items.length.toLocaleString('en')} organizations ` +
      `(${matchable.items} that are customers, ${matchable.items - decidable.items} of them fitting another customer ` +
      `as well; ${all.items - matchable.items} that are none); ${ROUNDS} timed runs`,
    measurements: [timeSuggestions(set.items, search)],
    comparisons: [],
    notes: [
      `precision of confident suggestions: ${percent(all.confident - all.wrong, all.confident)} ` +
        `(${all.confident} confident, ${all.wrong} wrong; target ≥ ${MIN_PRECISION * 100}%: ${verdict(precision >= MIN_PRECISION)})`,
      `coverage (organizations only one customer fits that get it as a confident suggestion): ` +
        `${percent(decidable.confident - decidable.wrong, decidable.items)} (target ≥ ${MIN_COVERAGE * 100}%: ${verdict(coverage >= MIN_COVERAGE)})`,
      `coverage of all organizations that are customers, ambiguous ones included: ` +
        `${percent(matchable.confident - matchable.wrong, matchable.items)} (no target: a person decides the ambiguous)`,
      `right customer in the top 3 type-ahead results: ${percent(matchable.top3, matchable.items)} (target ≥ ${MIN_TOP3 * 100}%: ${verdict(top3 >= MIN_TOP3)})`,
      ...kinds,
      `verdict: ${verdict(pass)}`,
    ],
  };
}

function judge(
  item: NearMissItem,
  search: CustomerSearch,
): { confident: boolean; wrong: boolean; top3: boolean } {
  const { confident } = suggestCustomers(item.organization, search);
  const top3 =
    item.expectedTenantId !== null &&
    search
      .search(item.organization.name, 3)
      .some((match) => match.customer.tenantId === item.expectedTenantId);
  return {
    confident: confident !== undefined,
    wrong: confident !== undefined && confident.tenantId !== item.expectedTenantId,
    top3,
  };
}

/** How long one suggestion takes: what "map all confident suggestions" costs per organization. */
function timeSuggestions(items: readonly NearMissItem[], search: CustomerSearch): Measurement {
  const runs: { perSecond: number; times: number[]; cpuMs: number; wallMs: number }[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const times: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const item of items) {
      const before = performance.now();
      suggestCustomers(item.organization, search);
      times.push(performance.now() - before);
    }
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // The first round only warms up the JIT.
    if (round > 0)
      runs.push({
        perSecond: (items.length / wallMs) * 1000,
        times,
        cpuMs: (used.user + used.system) / 1000,
        wallMs,
      });
  }
  const median = [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
  const times = [...median.times].sort((a, b) => a - b);
  return {
    label: 'suggestion',
    unit: 'suggestions',
    perSecond: median.perSecond,
    p50Ms: times[Math.floor(times.length / 2)],
    p99Ms: times[Math.floor(times.length * 0.99)],
    runsPerSecond: runs.map((each) => each.perSecond),
    operations: (ROUNDS + 1) * items.length,
    failed: 0,
    lost: 0,
    targetCpu: median.cpuMs / median.wallMs,
    generatorCpu: Number.NaN,
    targetCpuMsPerOp: median.cpuMs / items.length,
  };
}

function blank(): Tally {
  return { items: 0, confident: 0, wrong: 0, top3: 0 };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}
