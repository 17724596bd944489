// Benchmark: opening the map picker and its type-ahead at 10,000 organizations while three other users open pickers.
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { TestAdapter } from 'botbuilder';
import { BENCH_NOW, BENCH_OPTIONS, detectorBenchData } from './detectorData.js';
import { AlertDetector } from '../services/alerts/incrementalDetector.js';
import type { CspCustomer } from '../services/customers/cspCustomer.js';
import { MappingLinks } from '../services/mappings/mappingLinks.js';
import { compareNames } from '../services/organizations/organizationOrder.js';
import {
  emptyStoreData,
  type Mapping,
  type Organization,
  type StoreData,
} from '../services/store/storeData.js';
import { seededRandom } from '../test/fixtures/nearMissCustomers.js';
import { pickerAdmin, pickerChat, pickerPartner, turn, typeAheadInvoke } from './pickerChat.js';
import type { Benchmark, BenchResult, Measurement } from './report.js';
import { FileOrganizationStore } from '../services/store/file/organizations.js';

const ORGANIZATIONS = 10_000;
const CUSTOMERS = 50_000;
const DETECTOR_MAPPINGS = 100_000;
const IMPORT_ROWS = 10_000;
// /proc/stat counts in USER_HZ ticks, 100 per second on Linux.
const JIFFY_MS = 10;
const OTHER_USERS = 3;
const WARM_UP = 20;
const ROUNDS = 150;
const BASELINE_RUNS = 3;
// Organizations whose mappings the old open's scan is timed over, per run; the time is scaled to all of them.
const BASELINE_SAMPLE = 100;
const P99_TARGET_MS = 20;
const BLOCK_TARGET_MS = 50;

interface Phase {
  opens: number[];
  typeAheads: number[];
  cpuMs: number;
  wallMs: number;
  maxBlockMs: number;
  /** The longest garbage-collection pause in the phase: part of any block, and not the bot's code. */
  maxGcMs: number;
  otherOpens: number;
  /** How long the work beside the turns (a detection, an import) took, from the start of the phase. */
  backgroundMs: number;
  /**
   * The longest gap between two ticks of a 5 ms timer, counting only the CPU time this process got in it: a
   * block of the bot's own, without the time a shared host gave to other machines meanwhile.
   */
  maxRunBlockMs: number;
  /** CPU time the host gave to others while this machine wanted it (a virtual machine's steal), or NaN. */
  stealMs: number;
}

export const pickerBenchmark: Benchmark = { name: 'picker', run };

async function run(): Promise<BenchResult> {
  // For the phase with a cold alert detection over 100,000 mappings, made and indexed at the start as the bot
  // does with its store: what a load leaves behind is not the detection's to clear up.
  const detectorData = JSON.parse(JSON.stringify(detectorBenchData(DETECTOR_MAPPINGS))) as ReturnType<
    typeof detectorBenchData
  >;
  const detectorStore: StoreData = { ...emptyStoreData(), ...detectorData, mappingRevision: 1 };
  const detectorCustomers = detectorData.customers as CspCustomer[];
  const detectorLinks = new MappingLinks();
  detectorLinks.ids(detectorStore);
  const partner = pickerPartner(ORGANIZATIONS, CUSTOMERS);
  const mappings = Object.keys(partner.data.mappings).length;
  // The baseline reads the same data the bot starts from, before any turn changes the store.
  const baseline = timeBaseline(partner.data);
  const { store, users, dispose } = await pickerChat(partner, 1 + OTHER_USERS);
  const [measured, ...others] = users;
  const random = seededRandom(42);
  const names = Object.values(partner.data.organizations).map((organization) => organization.name);
  const ids = Object.keys(partner.data.organizations);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];

  const [firstPicker] = await turn(measured, 'map');
  const same = sameChoices(firstPicker, baseline.choices);
  await measure(WARM_UP);
  const quiet = await measure(ROUNDS);
  let detectionMs = 0;
  const withDetection = await measure(ROUNDS, () =>
    new AlertDetector({ mappingIds: (data) => detectorLinks.ids(data) })
      .detectInSlices(detectorStore, detectorCustomers, BENCH_OPTIONS, BENCH_NOW)
      .then(() => undefined),
  ).then((phase) => ((detectionMs = phase.backgroundMs), phase));
  // An admin imports a CSV of 10,000 new organizations, half of them mapped, into the bot's own store, through
  // the calls the import card makes; the turns that follow find the organizations sorted and indexed anew.
  const importFile = importCsv(partner.customers, IMPORT_ROWS);
  const importer = new FileOrganizationStore(store);
  const byTenant = new Map(partner.customers.map((customer) => [customer.tenantId, customer]));
  let imported = { added: 0, mapped: 0 };
  const withImport = await measure(ROUNDS, async () => {
    const preview = await importer.previewImportInSlices(importFile, {
      customer: (tenantId) => byTenant.get(tenantId),
      linksOf: () => [],
    });
    imported = await importer.applyImport(preview, { by: pickerAdmin });
  });
  const wholeStarted = performance.now();
  new AlertDetector({ mappingIds: (data) => detectorLinks.ids(data) }).detect(
    detectorStore,
    detectorCustomers,
    BENCH_OPTIONS,
    BENCH_NOW,
  );
  const wholeDetectionMs = performance.now() - wholeStarted;
  await dispose();

  const opened = summarize('picker open', quiet.opens, quiet);
  const typed = summarize('type-ahead', quiet.typeAheads, quiet);
  const openedDetecting = summarize('picker open, detecting', withDetection.opens, withDetection);
  const typedDetecting = summarize('type-ahead, detecting', withDetection.typeAheads, withDetection);
  const openedImporting = summarize('picker open, importing', withImport.opens, withImport);
  const typedImporting = summarize('type-ahead, importing', withImport.typeAheads, withImport);
  const old = summarize('old picker choices (baseline)', baseline.timesMs, {
    cpuMs: baseline.cpuMs,
    wallMs: baseline.timesMs.reduce((a, b) => a + b, 0),
  });
  // The p99 targets are for turns beside other users' turns; beside a cold detection (once at start, or after a
  // rollback) or an import, the turns share the event loop with it, and only the longest block is held to its
  // target.
  const judged = [opened, typed];
  const maxBlock = Math.max(quiet.maxBlockMs, withDetection.maxBlockMs, withImport.maxBlockMs);
  const pass = judged.every((m) => m.p99Ms <= P99_TARGET_MS) && maxBlock <= BLOCK_TARGET_MS;
  return {
    title: `map picker, ${ORGANIZATIONS.toLocaleString('en')} organizations, ${mappings.toLocaleString('en')} mappings, ${CUSTOMERS.toLocaleString('en')} customers`,
    setup:
      `one bot (createBot, access control, state in the store) and ${1 + OTHER_USERS} users on one event loop; ` +
      `the measured user opens the picker ('map'), then types ahead for an organization and a customer, ` +
      `${ROUNDS} rounds after ${WARM_UP} warm-up, while ${OTHER_USERS} others open pickers ('map', 'map <name>', ` +
      `a row's Map button) back to back; then again with a cold alert detection over ` +
      `${DETECTOR_MAPPINGS.toLocaleString('en')} mappings running in slices; then again while an admin imports a ` +
      `CSV of ${IMPORT_ROWS.toLocaleString('en')} new organizations (preview, then apply) into the bot's store`,
    measurements: [opened, typed, openedDetecting, typedDetecting, openedImporting, typedImporting, old],
    comparisons: [],
    notes: [
      `p99 ms: ${judged.map((m) => `${m.label} ${m.p99Ms.toFixed(1)}`).join(', ')} (target ≤ ${P99_TARGET_MS}); ` +
        `beside the cold detection ${[openedDetecting, typedDetecting].map((m) => `${m.label} ${m.p99Ms.toFixed(1)}`).join(', ')}; ` +
        `beside the import ${[openedImporting, typedImporting].map((m) => `${m.label} ${m.p99Ms.toFixed(1)}`).join(', ')}`,
      `longest event-loop block (monitorEventLoopDelay, 10 ms resolution): ${quiet.maxBlockMs.toFixed(1)} ms ` +
        `without detection, ${withDetection.maxBlockMs.toFixed(1)} ms with it, ${withImport.maxBlockMs.toFixed(1)} ms ` +
        `with the import (target ≤ ${BLOCK_TARGET_MS}); the longest garbage-collection pause in each: ` +
        `${quiet.maxGcMs.toFixed(1)}, ${withDetection.maxGcMs.toFixed(1)} and ${withImport.maxGcMs.toFixed(1)} ms`,
      `CPU time the host took away (steal, from /proc/stat) in each phase: ` +
        `${[quiet, withDetection, withImport].map((phase) => (Number.isNaN(phase.stealMs) ? 'not known' : `${phase.stealMs.toFixed(0)} ms`)).join(', ')}; ` +
        `on a shared virtual machine the longest block and the p99 move with it; the longest block counting only ` +
        `the CPU time this process got in it (a 5 ms timer's longest gap, capped by process.cpuUsage over it; ` +
        `it includes helper threads, so it is an upper bound): ` +
        `${[quiet, withDetection, withImport].map((phase) => `${phase.maxRunBlockMs.toFixed(1)} ms`).join(', ')}`,
      `the other users opened ${quiet.otherOpens}, ${withDetection.otherOpens} and ${withImport.otherOpens} pickers meanwhile`,
      `the import added ${imported.added.toLocaleString('en')} organizations and ${imported.mapped.toLocaleString('en')} ` +
        `mappings; its preview and apply took ${withImport.backgroundMs.toFixed(0)} ms of wall time beside the turns`,
      `cold detection in slices took ${detectionMs.toFixed(0)} ms of wall time beside the turns; run at once ` +
        `(as before, blocking every turn for that long) it takes ${wholeDetectionMs.toFixed(0)} ms ` +
        `(${Object.keys(detectorStore.organizations).length.toLocaleString('en')} organizations)`,
      `old cost, for comparison: the picker's organization choices as the old code found them (sort every ` +
        `organization, then scan and sort every mapping for each one) ${percentile(baseline.timesMs, 0.5).toFixed(0)} ms ` +
        `per open (${BASELINE_RUNS} runs, each timing the scan over ${BASELINE_SAMPLE} organizations and scaling to all); three users opening at once kept a type-ahead waiting about three times ` +
        `that; the old organization type-ahead (sort all, fold every name) ${baseline.typeAheadMs.toFixed(1)} ms`,
      `the picker's first page is the old code's: ${same ? 'yes' : 'NO'}`,
      `verdict: ${pass ? 'PASS' : 'BELOW'}`,
    ],
  };

  async function measure(rounds: number, background?: () => Promise<void>): Promise<Phase> {
    const phase: Phase = {
      opens: [],
      typeAheads: [],
      cpuMs: 0,
      wallMs: 0,
      maxBlockMs: 0,
      maxGcMs: 0,
      otherOpens: 0,
      backgroundMs: 0,
      stealMs: Number.NaN,
      maxRunBlockMs: 0,
    };
    let done = false;
    const other = async (user: TestAdapter) => {
      while (!done) {
        const choice = random();
        if (choice < 0.4) await turn(user, 'map');
        else if (choice < 0.7) await turn(user, `map ${pick(names)}`);
        else await turn(user, { type: 'message', value: { action: 'map.open', organizationId: pick(ids) } });
        phase.otherOpens++;
      }
    };
    const monitor = monitorEventLoopDelay({ resolution: 10 });
    monitor.enable();
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) phase.maxGcMs = Math.max(phase.maxGcMs, entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    const cpuBefore = process.cpuUsage();
    const stealBefore = await stealJiffies();
    let tickAt = performance.now();
    let tickCpu = process.cpuUsage();
    const probe = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage(tickCpu);
      const ranMs = (cpu.user + cpu.system) / 1000;
      phase.maxRunBlockMs = Math.max(phase.maxRunBlockMs, Math.min(now - tickAt, ranMs));
      tickAt = now;
      tickCpu = process.cpuUsage();
    }, 5);
    const started = performance.now();
    const loops = others.map(other);
    const work = background?.().then(() => (phase.backgroundMs = performance.now() - started));
    for (let i = 0; i < rounds; i++) {
      let before = performance.now();
      await turn(measured, 'map');
      phase.opens.push(performance.now() - before);
      const name = pick(names);
      before = performance.now();
      await turn(measured, typeAheadInvoke('organizations', name.slice(0, 3 + Math.floor(random() * 4))));
      phase.typeAheads.push(performance.now() - before);
      const customer = pick(partner.customers);
      before = performance.now();
      await turn(measured, typeAheadInvoke('customers', customer.displayName.slice(0, 4)));
      phase.typeAheads.push(performance.now() - before);
    }
    await work;
    done = true;
    await Promise.all(loops);
    phase.wallMs = performance.now() - started;
    clearInterval(probe);
    phase.stealMs = ((await stealJiffies()) - stealBefore) * JIFFY_MS;
    const cpu = process.cpuUsage(cpuBefore);
    phase.cpuMs = (cpu.user + cpu.system) / 1000;
    monitor.disable();
    gc.disconnect();
    phase.maxBlockMs = monitor.max / 1e6;
    return phase;
  }
}

/**
 * The baseline: the old picker's organization choices and the old organization type-ahead, copied faithfully.
 * The old open scans every mapping for each organization; at this size that is tens of seconds per open, so the
 * scan is timed over a sample of organizations and scaled to all of them. The choices themselves are found with
 * the same rule from mappings grouped once, so the first page can still be compared with the bot's.
 */
function timeBaseline(data: Readonly<StoreData>) {
  const byCreation = (a: Mapping, b: Mapping) => a.createdAt.localeCompare(b.createdAt);
  const mappingsOf = (organizationId: string) =>
    Object.values(data.mappings)
      .filter((mapping) => mapping.organizationId === organizationId)
      .sort(byCreation);
  const list = () => Object.values(data.organizations).sort((a, b) => compareNames(a.name, b.name));
  const mapped = new Set(Object.values(data.mappings).map((mapping) => mapping.organizationId));
  const organizations = list();
  const unmapped = organizations.filter((organization) => !mapped.has(organization.id));
  const seen = new Set<string>();
  const choices = [...unmapped, ...organizations]
    .filter((organization) => !seen.has(organization.id) && seen.add(organization.id))
    .slice(0, 15)
    .map((organization: Organization) => organization.id);

  const timesMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let run = 0; run < BASELINE_RUNS; run++) {
    const before = performance.now();
    const sorted = list();
    const sample = sorted.slice(run * BASELINE_SAMPLE, (run + 1) * BASELINE_SAMPLE);
    for (const organization of sample) mappingsOf(organization.id).map((mapping) => ({ ...mapping }));
    const sampledMs = performance.now() - before;
    timesMs.push(sampledMs * (sorted.length / sample.length));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const typeAhead = (query: string) =>
    list()
      .filter((organization) => fold(organization.name).includes(fold(query)))
      .slice(0, 15);
  const typeStarted = performance.now();
  for (let i = 0; i < 10; i++) typeAhead('cont');
  return {
    choices,
    timesMs,
    cpuMs: ((cpu.user + cpu.system) / 1000) * (organizations.length / BASELINE_SAMPLE),
    typeAheadMs: (performance.now() - typeStarted) / 10,
  };
}

function sameChoices(picker: Partial<{ attachments?: { content?: unknown }[] }>, ids: readonly string[]) {
  const card = JSON.stringify(picker.attachments?.[0]?.content ?? {});
  const shown = [...card.matchAll(/"value":"(org-\d+)"/g)].map((match) => match[1]);
  return shown.length === ids.length && shown.every((id, i) => id === ids[i]);
}

function summarize(
  label: string,
  timesMs: readonly number[],
  phase: { cpuMs: number; wallMs: number },
): Measurement {
  const wallMs = timesMs.reduce((sum, ms) => sum + ms, 0);
  return {
    label,
    unit: 'opens',
    perSecond: (timesMs.length / wallMs) * 1000,
    p50Ms: percentile(timesMs, 0.5),
    p99Ms: percentile(timesMs, 0.99),
    runsPerSecond: [(timesMs.length / wallMs) * 1000],
    operations: timesMs.length,
    failed: 0,
    lost: 0,
    targetCpu: phase.cpuMs / phase.wallMs,
    // Everything runs in this process; there is no separate load generator.
    generatorCpu: Number.NaN,
    targetCpuMsPerOp: phase.cpuMs / Math.max(1, timesMs.length),
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** A CSV of `rows` new organizations with domains, every second one mapped to a customer, as an MSP's export. */
function importCsv(customers: readonly CspCustomer[], rows: number): string {
  const lines = ['Name;External ID;Domain;Customer tenant id'];
  for (let i = 0; i < rows; i++) {
    const customer = customers[(i * 7 + 3) % customers.length];
    lines.push(`Imported client ${i};IMP-${i};imported${i}.example;${i % 2 ? customer.tenantId : ''}`);
  }
  return lines.join('\n');
}

/** The machine's steal time so far in ticks (Linux), or NaN where /proc/stat is not there. */
async function stealJiffies(): Promise<number> {
  try {
    const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
    // cpu user nice system idle iowait irq softirq steal …
    return Number(cpu.trim().split(/\s+/)[8]);
  } catch {
    return Number.NaN;
  }
}
