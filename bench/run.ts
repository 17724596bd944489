// `npm run bench`: runs every benchmark in turn (or those named on the command line) and prints each report.
import { detectorBenchmark } from './detector.js';
import { fanoutBenchmark } from './fanout.js';
import { helpTurnBenchmark } from './helpTurn.js';
import { pickerBenchmark } from './picker.js';
import { formatReport, type Benchmark } from './report.js';
import { searchBenchmark } from './search.js';
import { suggestionsBenchmark } from './suggestions.js';
import { syncBenchmark } from './sync.js';

const BENCHMARKS: readonly Benchmark[] = [
  helpTurnBenchmark,
  syncBenchmark,
  searchBenchmark,
  suggestionsBenchmark,
  detectorBenchmark,
  fanoutBenchmark,
  pickerBenchmark,
];

// A hung benchmark must end the run, not the patience of whoever started it: each gets this long.
const DEADLINE_MS = 180_000;

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
if (selected.length === 0) {
  console.error(`bench: no benchmark named ${wanted.join(', ')}; known: ${BENCHMARKS.map((b) => b.name)}`);
  process.exit(1);
}

for (const benchmark of selected) {
  const watchdog = setTimeout(() => {
    console.error(`bench: ${benchmark.name} gave up after ${DEADLINE_MS / 1000} s.`);
    process.exit(1);
  }, DEADLINE_MS);
  const started = performance.now();
  const result = await benchmark.run();
  console.log(formatReport(result));
  console.log(`(${benchmark.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  if (result.measurements.some((m) => m.lost > 0 || m.failed > 0)) process.exitCode = 1;
  clearTimeout(watchdog);
}
