// What a benchmark returns, and how it is printed: one aligned table, then ratio verdicts and notes.

// Beyond this (max − min) / median of a target's runs, something else on the machine moved the figures.
const NOISY_SPREAD = 0.3;

export interface Measurement {
  label: string;
  /** What one operation is, for the column headings ("turns", "searches"). */
  unit: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Throughput of every run, in the order they ran; the figures above come from the median run. */
  runsPerSecond: number[];
  /** Totals over every run, warm-up included. */
  operations: number;
  failed: number;
  lost: number;
  /** Share of one core used by the system under test and by the load generator while measuring. */
  targetCpu: number;
  generatorCpu: number;
  /** CPU time the system under test spent per operation (median over runs); steadier than throughput on a busy host. */
  targetCpuMsPerOp: number;
}

export interface Comparison {
  subject: Measurement;
  baseline: Measurement;
  /** The least subject/baseline throughput ratio that passes. */
  target: number;
}

export interface BenchResult {
  title: string;
  setup: string;
  measurements: Measurement[];
  comparisons: Comparison[];
  notes: string[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

export function formatReport(result: BenchResult): string {
  const unit = result.measurements[0]?.unit ?? 'ops';
  const header = [
    '',
    `${unit}/s`,
    'p50 ms',
    'p99 ms',
    `runs (${unit}/s)`,
    unit,
    'failed',
    'lost',
    'bot CPU',
    `bot CPU ms/${singular(unit)}`,
    'load CPU',
  ];
  const rows = result.measurements.map((m) => [
    m.label,
    m.perSecond.toFixed(0),
    m.p50Ms.toFixed(2),
    m.p99Ms.toFixed(2),
    m.runsPerSecond.map((value) => value.toFixed(0)).join(' '),
    String(m.operations),
    String(m.failed),
    String(m.lost),
    percent(m.targetCpu),
    m.targetCpuMsPerOp.toFixed(3),
    percent(m.generatorCpu),
  ]);
  const lines = [`== ${result.title}`, `   ${result.setup}`, '', ...alignTable([header, ...rows]), ''];
  for (const { subject, baseline, target } of result.comparisons) {
    const ratio = subject.perSecond / baseline.perSecond;
    const verdict = ratio >= target ? 'PASS' : 'BELOW';
    const cpuRatio = baseline.targetCpuMsPerOp / subject.targetCpuMsPerOp;
    lines.push(
      `${subject.label} / ${baseline.label} ${subject.unit}/s: ${ratio.toFixed(2)}× (target ≥ ${target.toFixed(2)}×)  ${verdict}`,
      `  same ratio from bot CPU per ${singular(subject.unit)} (less sensitive to other load on the host): ${cpuRatio.toFixed(2)}×`,
    );
  }
  for (const m of result.measurements) {
    const spread = (Math.max(...m.runsPerSecond) - Math.min(...m.runsPerSecond)) / m.perSecond;
    if (spread > NOISY_SPREAD) {
      lines.push(
        `note: ${m.label} runs spread over ${percent(spread)} of the median: the host is busy, so the CPU-per-${singular(m.unit)} ratio is the steadier figure.`,
      );
    }
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

function alignTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}

function singular(unit: string): string {
  return unit.replace(/s$/, '');
}

function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : '-';
}
