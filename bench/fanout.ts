// Benchmark: 1,000 alerts to 1,000 conversations through the real notifier and sender, against a connector that enforces Teams' limits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Memory } from 'lowdb';
import { Outbox } from '../services/alerts/outbox.js';
import { DEFAULT_PACER_OPTIONS } from '../services/alerts/sendPacer.js';
import { AppStore } from '../services/store/appStore.js';
import type { StoreData } from '../services/store/storeData.js';
import { alertNotifier, openAlerts, seedConversations } from '../test/e2e/support/alertStack.js';
import { RateLimitedConnector } from '../test/fakes/rateLimitedConnector.js';
import type { Benchmark, BenchResult } from './report.js';

const CONVERSATIONS = 1000;
const APP_LIMIT = 30;
const BAD_GATEWAY_RATE = 0.02;
const THROTTLE_RATE = 0.01;
const TARGET = 0.9;

export const fanoutBenchmark: Benchmark = { name: 'fanout', run };

async function run(): Promise<BenchResult> {
  const connector = new RateLimitedConnector({
    appPerSecond: APP_LIMIT,
    badGatewayRate: BAD_GATEWAY_RATE,
    throttleRate: THROTTLE_RATE,
  });
  const serviceUrl = await connector.start();
  const dir = await mkdtemp(join(tmpdir(), 'bench-fanout-'));
  try {
    const store = await AppStore.open(new Memory<StoreData>());
    const ids = await seedConversations(store, serviceUrl, CONVERSATIONS);
    const outbox = await Outbox.openFile(join(dir, 'outbox.json'));
    const deliveredAt: number[] = [];
    let started = 0;
    const { notifier } = alertNotifier(store, outbox, {
      onDelivered: () => deliveredAt.push(performance.now() - started),
    });
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    await outbox.enqueue(openAlerts(ids));
    notifier.start();
    await notifier.drained();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    await notifier.stop();

    const posts = new Map<string, number>();
    for (const message of connector.accepted)
      posts.set(message.conversationId, (posts.get(message.conversationId) ?? 0) + 1);
    const lost = ids.filter((id) => !posts.has(id)).length;
    const duplicates = [...posts.values()].filter((count) => count > 1).length;
    const { stats } = connector;
    const requestsPerSecond = stats.requests / seconds;
    const deliveredPerSecond = connector.accepted.length / seconds;
    const sorted = [...deliveredAt].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const ratio = requestsPerSecond / APP_LIMIT;
    return {
      title: `Alert fan-out: ${CONVERSATIONS.toLocaleString('en-US')} alerts to ${CONVERSATIONS.toLocaleString('en-US')} conversations`,
      setup: `fake connector: ${APP_LIMIT} requests/s per app (any 1 s), Teams' per-conversation windows, ${BAD_GATEWAY_RATE * 100}% 502 and ${THROTTLE_RATE * 100}% 429 injected; notifier paced at ${DEFAULT_PACER_OPTIONS.appPerSecond}/s`,
      measurements: [
        {
          label: 'alerts delivered',
          unit: 'alerts',
          perSecond: deliveredPerSecond,
          p50Ms: at(0.5),
          p99Ms: at(0.99),
          runsPerSecond: [deliveredPerSecond],
          operations: connector.accepted.length,
          failed: duplicates,
          lost,
          targetCpu: cpuMs / 1000 / seconds,
          generatorCpu: 0,
          targetCpuMsPerOp: cpuMs / Math.max(1, connector.accepted.length),
        },
      ],
      comparisons: [],
      notes: [
        `requests sent ${stats.requests} in ${seconds.toFixed(1)} s = ${requestsPerSecond.toFixed(1)}/s against the limit of ${APP_LIMIT}/s: ${ratio.toFixed(2)}× (target ≥ ${TARGET.toFixed(2)}×)  ${ratio >= TARGET ? 'PASS' : 'BELOW'}`,
        `delivered ${deliveredPerSecond.toFixed(1)}/s = ${(deliveredPerSecond / APP_LIMIT).toFixed(2)}× the limit; the gap to requests/s is the injected failures and their retries`,
        `429s: ${stats.limitedByApp} for the app limit, ${stats.limitedByConversation} for a conversation window, ${stats.injected429} injected; 502s injected: ${stats.injected502}`,
        `lost ${lost}, duplicates ${duplicates} (counted under "failed"); p50/p99 ms: time from the start until an alert's post was recorded`,
        'CPU is the whole process: notifier, outbox writes and the fake connector share it.',
      ],
    };
  } finally {
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
