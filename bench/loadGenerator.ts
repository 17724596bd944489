// Closed-loop load: N workers send one request each at a time; warm-up is run first and left out of the figures.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** A phase ends at whichever comes first: this many requests in total, or this much time. */
export interface LoadPhase {
  requests: number;
  ms: number;
}

export interface LoadOptions {
  concurrency: number;
  warmUp: LoadPhase;
  measure: LoadPhase;
  /** Sends one request for `worker`; resolves true when the target answered as expected. */
  send: (worker: number) => Promise<boolean>;
  /** Run just outside the measured window, e.g. to sample the target's CPU time. */
  beforeMeasure?: () => Promise<void>;
  afterMeasure?: () => Promise<void>;
}

export interface LoadResult {
  warmUpRequests: number;
  warmUpSucceeded: number;
  requests: number;
  succeeded: number;
  failed: number;
  durationMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of one core this process used while measuring; near 1 means the generator limits the figures. */
  generatorCpu: number;
}

interface PhaseOutcome {
  requests: number;
  succeeded: number;
  durationMs: number;
  latenciesMs: Float64Array;
}

export async function runClosedLoop(options: LoadOptions): Promise<LoadResult> {
  const warmUp = await runPhase(options, options.warmUp);
  await options.beforeMeasure?.();
  const cpuBefore = process.cpuUsage();
  const measured = await runPhase(options, options.measure);
  const cpu = process.cpuUsage(cpuBefore);
  await options.afterMeasure?.();
  const latencies = measured.latenciesMs.subarray(0, measured.succeeded).sort();
  return {
    warmUpRequests: warmUp.requests,
    warmUpSucceeded: warmUp.succeeded,
    requests: measured.requests,
    succeeded: measured.succeeded,
    failed: measured.requests - measured.succeeded,
    durationMs: measured.durationMs,
    perSecond: (measured.succeeded * 1000) / measured.durationMs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    generatorCpu: (cpu.user + cpu.system) / 1000 / measured.durationMs,
  };
}

async function runPhase(options: LoadOptions, phase: LoadPhase): Promise<PhaseOutcome> {
  // Preallocated so recording a latency never allocates inside the measured loop.
  const latenciesMs = new Float64Array(phase.requests);
  let started = 0;
  let succeeded = 0;
  const begin = performance.now();
  const deadline = begin + phase.ms;
  const worker = async (id: number) => {
    while (started < phase.requests && performance.now() < deadline) {
      started += 1;
      const sentAt = performance.now();
      const ok = await options.send(id).catch(() => false);
      if (ok) latenciesMs[succeeded++] = performance.now() - sentAt;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  return { requests: started, succeeded, durationMs: performance.now() - begin, latenciesMs };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export function percentile(sortedAscending: Float64Array, fraction: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1];
}

/** Keep-alive HTTP/1.1 client with exactly `connections` sockets, one request in flight per socket. */
export class KeepAliveClient {
  private readonly pool: Pool;

  constructor(origin: string, connections: number, timeoutMs = 10_000) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /** Posts a JSON body and resolves with the status once the response body has been read. */
  async postJson(path: string, body: string): Promise<number> {
    const response = await this.pool.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.body.dump();
    return response.statusCode;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
