import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Memory } from 'lowdb';
import { Outbox, type OutboxData } from '../../services/alerts/outbox.js';
import { AppStore } from '../../services/store/appStore.js';
import type { StoreData } from '../../services/store/storeData.js';
import { RateLimitedConnector } from '../fakes/rateLimitedConnector.js';
import { VirtualClock } from '../fakes/virtualClock.js';
import { alertNotifier, openAlerts, seedConversations } from './support/alertStack.js';

const CHILD = fileURLToPath(new URL('./support/alertDeliveryChild.ts', import.meta.url));

/** Every conversation got exactly `count` new messages; names the first that did not. */
function assertPostsPerConversation(connector: RateLimitedConnector, ids: readonly string[], count: number) {
  const posts = new Map<string, number>();
  for (const message of connector.accepted) {
    if (message.method === 'POST')
      posts.set(message.conversationId, (posts.get(message.conversationId) ?? 0) + 1);
  }
  for (const id of ids) assert.equal(posts.get(id) ?? 0, count, `${id} got ${posts.get(id) ?? 0} posts`);
}

// As many alerts as conversations, one each: the fan-out the issue asks to survive.
const ALERTS = 1000;
// Sends a second in the crash test.
const KILL_TEST_PACE = 280;

describe('Alert delivery to Teams', function () {
  this.timeout(120_000);
  let dir: string;
  let connector: RateLimitedConnector;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-alerts-'));
  });
  afterEach(async () => {
    await connector?.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it('delivers 1,000 alerts to 1,000 conversations exactly once through 429s and 502s, and edits them when resolved', async () => {
    const clock = new VirtualClock();
    connector = new RateLimitedConnector({
      badGatewayRate: 0.03,
      throttleRate: 0.02,
      now: () => clock.now(),
    });
    const serviceUrl = await connector.start();
    const store = await AppStore.open(new Memory<StoreData>());
    const ids = await seedConversations(store, serviceUrl, ALERTS);
    const removed = ids.slice(0, 5);
    for (const id of removed) connector.uninstall(id);
    const reached = ids.slice(5);
    const outbox = await Outbox.openFile(join(dir, 'outbox.json'));
    const { notifier, conversations } = alertNotifier(store, outbox, {}, clock);
    notifier.start();

    const started = clock.now();
    assert.equal(await outbox.enqueue(openAlerts(ids)), ALERTS);
    notifier.kick();
    await notifier.drained();

    assertPostsPerConversation(connector, reached, 1);
    assertPostsPerConversation(connector, removed, 0);
    assert.equal(
      connector.stats.limitedByApp + connector.stats.limitedByConversation,
      0,
      'the pacing kept the limits',
    );
    // At 28 sends a second, 1,000 sends and the retries of about 5 % take 36 s of the clock and a few more.
    const took = clock.now() - started;
    assert.ok(took >= 35_000 && took < 60_000, `the fan-out took ${took} ms of the clock`);
    assert.ok(connector.stats.injected502 > 0 && connector.stats.injected429 > 0, 'failures were injected');
    for (const id of removed) assert.equal(conversations.get(id), undefined, `${id} is still remembered`);
    // The same alerts again are already delivered: nothing is queued, nothing is sent.
    assert.equal(await outbox.enqueue(openAlerts(reached)), 0);

    const resolving = reached.slice(0, 20);
    await outbox.enqueue(
      resolving.map((conversationId) => ({ ...openAlerts([conversationId])[0], state: 'resolved' })),
    );
    notifier.kick();
    await notifier.drained();
    await notifier.stop();
    for (const id of resolving) {
      const [post, edit, ...more] = connector.messagesIn(id);
      assert.equal(edit?.method, 'PUT', `${id} was not edited`);
      assert.equal(edit.activityId, post.activityId, `${id}: the edit went to another message`);
      assert.match(edit.body.text ?? '', /resolved/);
      assert.deepEqual(more, []);
    }
    assertPostsPerConversation(connector, reached, 1);
  });

  it('keeps one conversation under its 7/1 s and 8/2 s windows: 20 alerts, none throttled', async () => {
    const clock = new VirtualClock();
    connector = new RateLimitedConnector({ now: () => clock.now() });
    const serviceUrl = await connector.start();
    const store = await AppStore.open(new Memory<StoreData>());
    const [id] = await seedConversations(store, serviceUrl, 1);
    const outbox = await Outbox.open();
    const { notifier } = alertNotifier(store, outbox, {}, clock);
    const kinds = Array.from({ length: 20 }, (_, i) => `kind-${i}`);
    await outbox.enqueue(kinds.flatMap((kind) => openAlerts([id], kind)));
    notifier.start();
    await notifier.drained();
    await notifier.stop();

    assert.equal(connector.messagesIn(id).length, 20);
    assert.equal(connector.stats.limitedByConversation, 0);
  });

  it('survives a SIGKILL in the middle of a 1,000-alert fan-out: after a restart the rest arrives, nothing twice', async () => {
    // Two processes share no virtual clock, so this one runs on real time at ten times Teams' pace on both sides:
    // what it tests is the outbox across a kill, and the pacing is tested on the virtual clock above.
    connector = new RateLimitedConnector({
      badGatewayRate: 0.03,
      throttleRate: 0.02,
      appPerSecond: KILL_TEST_PACE + 20,
    });
    const serviceUrl = await connector.start();
    const store = await AppStore.openFile(join(dir, 'bot.json'));
    const ids = await seedConversations(store, serviceUrl, ALERTS);
    await store.flush();
    const outboxFile = join(dir, 'outbox.json');
    const outbox = await Outbox.openFile(outboxFile);
    await outbox.enqueue(openAlerts(ids));

    const first = startChild(dir);
    await connector.waitForAccepted(400);
    // Hold new requests so that every message Teams accepted has been answered and can be recorded.
    connector.stall();
    await connector.waitForHeld(1);
    await first.recorded(connector.accepted.map((message) => message.activityId));
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');
    // The requests held when the child died were never answered: they must not count once the connector resumes.
    await connector.waitForHeldClosed();
    connector.resume();

    const afterKill = JSON.parse(await readFile(outboxFile, 'utf8')) as OutboxData;
    const posted = Object.keys(afterKill.posts);
    assert.equal(posted.length, connector.accepted.length, 'every accepted message is recorded as posted');
    assert.equal(posted.length + afterKill.pending.length, ALERTS, 'every alert is either posted or pending');
    assert.ok(afterKill.pending.length > 0, 'the kill came before the end of the fan-out');

    const second = startChild(dir);
    assert.equal(await second.exited, 'drained');
    assertPostsPerConversation(connector, ids, 1);
    const final = JSON.parse(await readFile(outboxFile, 'utf8')) as OutboxData;
    assert.deepEqual(final.pending, []);
    assert.equal(Object.keys(final.posts).length, ALERTS);
  });
});

/** Runs the delivery child on the data folder; it prints each recorded post and "drained" at the end. */
function startChild(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(KILL_TEST_PACE)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recorded = new Set<string>();
  let lineStart = '';
  let errors = '';
  let drained = false;
  let check = () => undefined as void;
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (lineStart + chunk.toString()).split('\n');
    lineStart = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('recorded ')) recorded.add(line.slice('recorded '.length));
      if (line === 'drained') drained = true;
    }
    check();
  });
  const exited = new Promise<string>((resolve, reject) =>
    child.on('exit', (code, signal) => {
      if (signal) resolve(signal);
      else if (code === 0 && drained) resolve('drained');
      else reject(new Error(`delivery child exited with ${code}: ${errors}`));
    }),
  );
  return {
    child,
    exited,
    /** Resolves once the child reported every one of these activity ids as recorded. */
    recorded: (activityIds: string[]) =>
      new Promise<void>((resolve) => {
        check = () => activityIds.every((id) => recorded.has(id)) && resolve();
        check();
      }),
  };
}
