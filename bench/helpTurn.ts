// Benchmark: a `help` turn through the real server against a bare echo bot, interleaved, both replying to one fake connector.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConnector, type CapturedActivity } from '../test/fakes/fakeConnector.js';
import { messageActivity } from '../test/fakes/teamsActivities.js';
import { BotProcess } from './botProcess.js';
import { KeepAliveClient, runClosedLoop, type LoadPhase, type LoadResult } from './loadGenerator.js';
import type { Benchmark, BenchResult, Measurement } from './report.js';
import { checkStateRewrites } from './stateRewriteCheck.js';

const TENANT_ID = '5f0c6a2e-1b7d-4c3a-9e2f-0a1b2c3d4e5f';
const ADMIN_ID = 'a7d1e9c4-2f3b-4d5e-8a6b-7c8d9e0f1a2b';
const CONCURRENCY = 10;
// botbuilder's code paths take seconds of traffic to reach V8's optimizing tier; short runs alone would
// mostly measure the JIT.
const PRIME: LoadPhase = { requests: 50_000, ms: 5_000 };
// Odd, so the median is one real run; the order alternates so drift on the host falls on both bots.
const ROUNDS = 5;
const WARM_UP: LoadPhase = { requests: 5_000, ms: 400 };
const MEASURE: LoadPhase = { requests: 100_000, ms: 2_500 };
const NO_PHASE: LoadPhase = { requests: 0, ms: 0 };
const TARGET_RATIO = 0.8;

interface Target {
  label: string;
  bot: BotProcess;
  /** Whether a captured reply is the one this bot should send for `help`. */
  isReply: (activity: CapturedActivity) => boolean;
  runs: Run[];
  tally: Tally;
}

interface Run {
  load: LoadResult;
  targetCpu: number;
  targetCpuMsPerTurn: number;
}

/** Every request a target got, priming included, so no failure or lost reply goes uncounted. */
interface Tally {
  operations: number;
  failed: number;
  lost: number;
}

export const helpTurnBenchmark: Benchmark = { name: 'help-turn', run };

async function run(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-help-turn-'));
  const dataFile = join(dir, 'bot.json');
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const started = await Promise.allSettled([
    BotProcess.start({ kind: 'echo' }),
    BotProcess.start({
      kind: 'app',
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATA_FILE: dataFile,
        ALLOWED_TENANT_IDS: TENANT_ID,
        ADMIN_USER_IDS: ADMIN_ID,
        // A throwaway key for this run only.
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    }),
  ]);
  try {
    const [echoBot, appBot] = started.map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value;
    });
    const stateNote = await checkStateRewrites({
      botUrl: appBot.url,
      dataFile,
      activity: (text) => messageActivity(who(serviceUrl, 'a:bench-state-check'), text),
    });
    connector.received.length = 0;

    const echo = target('echo bot', echoBot, (a) => a.body.text === 'help');
    const help = target(
      'help turn',
      appBot,
      (a) => a.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive',
    );
    for (const each of [echo, help]) await measure(each, connector, serviceUrl, PRIME, NO_PHASE);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const each of round % 2 === 0 ? [echo, help] : [help, echo]) {
        each.runs.push(await measure(each, connector, serviceUrl, WARM_UP, MEASURE));
      }
    }
    const echoFigures = summarize(echo);
    const helpFigures = summarize(help);
    return {
      title: 'help turn vs. bare echo bot',
      setup:
        `${CONCURRENCY} keep-alive connections, closed loop; each bot primed ${PRIME.ms / 1000} s, then ` +
        `${ROUNDS} interleaved runs of ${MEASURE.ms / 1000} s after ${WARM_UP.ms / 1000} s warm-up; figures from the median run`,
      measurements: [echoFigures, helpFigures],
      comparisons: [{ subject: helpFigures, baseline: echoFigures, target: TARGET_RATIO }],
      notes: [stateNote],
    };
  } finally {
    await Promise.all(
      started.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.stop() : undefined)),
    );
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(
  target: Target,
  connector: FakeConnector,
  serviceUrl: string,
  warmUp: LoadPhase,
  measured: LoadPhase,
): Promise<Run> {
  const client = new KeepAliveClient(target.bot.url, CONCURRENCY);
  // One conversation per worker, built once, so the generator spends no time on JSON in the loop.
  const bodies = Array.from({ length: CONCURRENCY }, (_, worker) =>
    JSON.stringify(messageActivity(who(serviceUrl, `a:bench-${worker}`), 'help')),
  );
  let cpuAtStart = 0;
  let targetCpuMicros = 0;
  try {
    const load = await runClosedLoop({
      concurrency: CONCURRENCY,
      warmUp,
      measure: measured,
      send: async (worker) => {
        const status = await client.postJson('/api/messages', bodies[worker]);
        return status >= 200 && status < 300;
      },
      beforeMeasure: async () => {
        cpuAtStart = await target.bot.cpuMicros();
      },
      afterMeasure: async () => {
        targetCpuMicros = (await target.bot.cpuMicros()) - cpuAtStart;
      },
    });
    // The bot answers the POST only after its reply was accepted, so every reply is in by now.
    const replies = connector.received.filter(target.isReply).length;
    const { tally } = target;
    tally.operations += load.warmUpRequests + load.requests;
    tally.failed += load.warmUpRequests - load.warmUpSucceeded + load.failed;
    tally.lost += load.warmUpSucceeded + load.succeeded - replies;
    return {
      load,
      targetCpu: targetCpuMicros / 1000 / load.durationMs,
      targetCpuMsPerTurn: targetCpuMicros / 1000 / load.succeeded,
    };
  } finally {
    connector.received.length = 0;
    await client.close();
  }
}

function target(label: string, bot: BotProcess, isReply: Target['isReply']): Target {
  return { label, bot, isReply, runs: [], tally: { operations: 0, failed: 0, lost: 0 } };
}

function summarize({ label, runs, tally }: Target): Measurement {
  const middle = <T>(values: T[], by: (value: T) => number) =>
    [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)];
  const median = middle(runs, (r) => r.load.perSecond);
  return {
    label,
    unit: 'turns',
    perSecond: median.load.perSecond,
    p50Ms: median.load.p50Ms,
    p99Ms: median.load.p99Ms,
    runsPerSecond: runs.map((r) => r.load.perSecond),
    ...tally,
    targetCpu: median.targetCpu,
    generatorCpu: median.load.generatorCpu,
    targetCpuMsPerOp: middle(runs, (r) => r.targetCpuMsPerTurn).targetCpuMsPerTurn,
  };
}

function who(serviceUrl: string, conversationId: string) {
  return { tenantId: TENANT_ID, userAadId: ADMIN_ID, conversationId, serviceUrl };
}
