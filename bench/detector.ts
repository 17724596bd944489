// Benchmark: the alert detector over 100,000 mappings, from raw store data and from kept indexes, against a bare walk.
import type { Problem } from '../services/alerts/alertModel.js';
import { indexCustomers } from '../services/alerts/customerIndex.js';
import { detectIndexedProblems, detectProblems, type DetectorInput } from '../services/alerts/detector.js';
import { indexMappings } from '../services/alerts/mappingIndex.js';
import { BENCH_NOW, BENCH_OPTIONS, detectorBenchData } from './detectorData.js';
import type { Benchmark, BenchResult, Measurement } from './report.js';

const MAPPINGS = 100_000;
const WARM_UP = 5;
// Odd, so the median is one real round; the order alternates so drift on the host falls on every target.
const ROUNDS = 5;
const RUNS_PER_ROUND = 5;
const TARGET_MS = 50;

interface Target {
  label: string;
  run: () => unknown;
}

interface Round {
  timesMs: number[];
  cpuMs: number;
  wallMs: number;
}

export const detectorBenchmark: Benchmark = { name: 'detector', run };

async function run(): Promise<BenchResult> {
  // Through JSON, as the store file and the customer cache hold it: the strings and objects V8 really meets.
  const data = JSON.parse(JSON.stringify(detectorBenchData(MAPPINGS))) as DetectorInput;
  const kept = {
    mappings: indexMappings(data.organizations, data.mappings),
    customers: indexCustomers(data.customers ?? []),
    consents: data.consents,
    accessTests: data.accessTests,
  };
  let problems: Problem[] = [];
  const targets: Target[] = [
    { label: 'detectProblems', run: () => (problems = detectProblems(data, BENCH_OPTIONS, BENCH_NOW)) },
    { label: 'kept indexes', run: () => detectIndexedProblems(kept, BENCH_OPTIONS, BENCH_NOW) },
    { label: 'bare walk', run: () => bareWalk(data) },
    { label: 'indexMappings', run: () => indexMappings(data.organizations, data.mappings) },
  ];
  for (const target of targets) for (let i = 0; i < WARM_UP; i++) target.run();
  const rounds = new Map<string, Round[]>(targets.map((target) => [target.label, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      rounds.get(target.label)?.push(measure(target));
    }
  }
  const measurements = targets.map((target) => summarize(target.label, rounds.get(target.label) ?? []));
  const [full, indexed, walk] = measurements;
  const p95 = (label: string) => percentile(allTimes(rounds.get(label) ?? []), 0.95);
  const counts = problems.map((problem) => `${problem.kind} ${problem.items.length}`).join(', ');
  return {
    title: `alert detector, ${MAPPINGS.toLocaleString('en')} mappings`,
    setup:
      `${Object.keys(data.organizations).length.toLocaleString('en')} organizations, ` +
      `${(data.customers ?? []).length.toLocaleString('en')} customers with 1–2 relationships, ` +
      `${BENCH_OPTIONS.roleIds.length} configured roles; ${WARM_UP} warm-up runs, then ${ROUNDS} interleaved rounds ` +
      `of ${RUNS_PER_ROUND}; one operation is one whole detector run`,
    measurements,
    comparisons: [],
    notes: [
      `problems found: ${counts}`,
      `median / p95 ms: detectProblems ${full.p50Ms.toFixed(1)} / ${p95(full.label).toFixed(1)}, ` +
        `kept indexes ${indexed.p50Ms.toFixed(1)} / ${p95(indexed.label).toFixed(1)}, ` +
        `bare walk ${walk.p50Ms.toFixed(1)} / ${p95(walk.label).toFixed(1)}`,
      'bare walk: Object.values over the mappings building the organization → tenants map and nothing else, ' +
        'the least any detector must do from raw store data',
      'kept indexes: indexMappings (per mappingRevision) and indexCustomers (per customer list) built once, ' +
        'as a caller that keeps them would; indexMappings alone is measured on its own row',
      `verdict (median ≤ ${TARGET_MS} ms): detectProblems ${full.p50Ms <= TARGET_MS ? 'PASS' : 'BELOW'}, ` +
        `kept indexes ${indexed.p50Ms <= TARGET_MS ? 'PASS' : 'BELOW'}`,
    ],
  };
}

/** The baseline: one pass over the mappings that only groups tenants by organization, as conflicts need. */
function bareWalk(data: DetectorInput): number {
  const tenantsOf = new Map<string, string[]>();
  for (const mapping of Object.values(data.mappings)) {
    const tenants = tenantsOf.get(mapping.organizationId);
    if (tenants) tenants.push(mapping.customerTenantId.toLowerCase());
    else tenantsOf.set(mapping.organizationId, [mapping.customerTenantId.toLowerCase()]);
  }
  return tenantsOf.size;
}

function measure(target: Target): Round {
  const timesMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < RUNS_PER_ROUND; i++) {
    const before = performance.now();
    target.run();
    timesMs.push(performance.now() - before);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { timesMs, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

function summarize(label: string, rounds: readonly Round[]): Measurement {
  const perSecond = (round: Round) => (RUNS_PER_ROUND / round.wallMs) * 1000;
  const middle = [...rounds].sort((a, b) => perSecond(a) - perSecond(b))[Math.floor(rounds.length / 2)];
  const times = allTimes(rounds);
  return {
    label,
    unit: 'runs',
    perSecond: perSecond(middle),
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    runsPerSecond: rounds.map(perSecond),
    operations: WARM_UP + rounds.length * RUNS_PER_ROUND,
    failed: 0,
    lost: 0,
    targetCpu: middle.cpuMs / middle.wallMs,
    // Everything runs in this process; there is no separate load generator.
    generatorCpu: Number.NaN,
    targetCpuMsPerOp: percentile(
      rounds.map((round) => round.cpuMs / RUNS_PER_ROUND),
      0.5,
    ),
  };
}

function allTimes(rounds: readonly Round[]): number[] {
  return rounds.flatMap((round) => round.timesMs).sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], fraction: number): number {
  const values = [...sorted].sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(values.length * fraction))];
}
