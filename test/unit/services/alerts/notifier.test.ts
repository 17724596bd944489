import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { Notifier, type NotifierOptions } from '../../../../services/alerts/notifier.js';
import { Outbox, type Delivery, type OutboxData } from '../../../../services/alerts/outbox.js';
import { FakeAlertSender } from '../../../fakes/fakeAlertSender.js';
import { VirtualClock } from '../../../fakes/virtualClock.js';

const CHAT = 'a:chat-1';
const open = (conversationId = CHAT, fingerprint = 'fp-1', alertKind = 'mapping-conflict'): Delivery => ({
  conversationId,
  alertKind,
  fingerprint,
  state: 'open',
});
const resolved = (conversationId = CHAT, fingerprint = 'fp-1'): Delivery => ({
  ...open(conversationId, fingerprint),
  state: 'resolved',
});

/** Counts sends of one kind in the busiest window of `ms`. */
function busiest(times: number[], ms: number): number {
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + ms).length));
}

describe('Notifier', () => {
  let clock: VirtualClock;
  let sender: FakeAlertSender;
  let outbox: Outbox;
  let logged: { level: string; message: string; details: object }[];
  let gone: string[];
  let notifier: Notifier;

  function build(options: Partial<NotifierOptions> = {}): Notifier {
    const log = (level: string) => (details: object, message: string) =>
      logged.push({ level, message, details });
    notifier = new Notifier({
      outbox,
      sender,
      render: (entry, previous) => ({
        type: 'message',
        text: `${entry.alertKind} ${entry.state} ${entry.fingerprint}${previous ? ` (was ${previous.fingerprint})` : ''}`,
      }),
      onGone: (conversationId) => void gone.push(conversationId),
      log: { info: log('info'), warn: log('warn'), error: log('error') },
      clock,
      random: () => 0.5,
      ...options,
    });
    return notifier;
  }

  async function deliver(...deliveries: Delivery[]): Promise<void> {
    await outbox.enqueue(deliveries);
    notifier.start();
    notifier.kick();
    await notifier.drained();
  }

  beforeEach(async () => {
    clock = new VirtualClock();
    sender = new FakeAlertSender(() => clock.now());
    outbox = await Outbox.open(undefined, 'test outbox', () => new Date(clock.now()));
    logged = [];
    gone = [];
    build();
  });
  afterEach(() => notifier.stop());

  it('posts an alert, edits that message when it changes and when it is resolved, and posts anew after', async () => {
    await deliver(open(CHAT, 'fp-1'));
    await deliver(open(CHAT, 'fp-2'));
    await deliver(resolved(CHAT, 'fp-2'));
    await deliver(open(CHAT, 'fp-3'));

    const [first, second, ...more] = sender.messagesIn(CHAT);
    assert.deepEqual(
      first.versions.map((v) => v.text),
      [
        'mapping-conflict open fp-1',
        'mapping-conflict open fp-2 (was fp-1)',
        'mapping-conflict resolved fp-2 (was fp-2)',
      ],
    );
    assert.equal(second.activity.text, 'mapping-conflict open fp-3 (was fp-2)');
    assert.deepEqual(more, []);
    assert.deepEqual(outbox.posted('mapping-conflict', CHAT), {
      activityId: second.activityId,
      fingerprint: 'fp-3',
      state: 'open',
      at: new Date(clock.now()).toISOString(),
    });
  });

  it('posts a card again when someone deleted it in Teams and the problem changed, and keeps the conversation', async () => {
    await deliver(open(CHAT, 'fp-1'));
    sender.deleteMessage(CHAT, sender.messagesIn(CHAT)[0].activityId);
    await deliver(open(CHAT, 'fp-2'));

    const [again, ...more] = sender.messagesIn(CHAT);
    assert.match(String(again.activity.text), /open fp-2/);
    assert.deepEqual(more, []);
    assert.deepEqual(gone, [], 'a deleted message is not a removed app');
    assert.equal(outbox.posted('mapping-conflict', CHAT)?.activityId, again.activityId);
  });

  it('sends nothing to resolve a card someone deleted', async () => {
    await deliver(open(CHAT, 'fp-1'));
    sender.deleteMessage(CHAT, sender.messagesIn(CHAT)[0].activityId);
    await deliver(resolved(CHAT, 'fp-1'));

    assert.deepEqual(sender.messagesIn(CHAT), []);
    assert.equal(outbox.posted('mapping-conflict', CHAT)?.state, 'resolved');
    assert.equal(outbox.pending().length, 0);
  });

  it('posts the next version anew when Teams gave the first post no id to edit', async () => {
    sender.postsWithoutId = 1;
    await deliver(open(CHAT, 'fp-1'));
    const [first] = sender.messagesIn(CHAT);
    await deliver(open(CHAT, 'fp-2'));

    const messages = sender.messagesIn(CHAT);
    assert.equal(messages.length, 2);
    assert.equal(first.versions.length, 1, 'nothing tried to edit a message without an id');
    assert.ok(sender.attempts.every((attempt) => attempt.kind === 'post'));
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    sender.failNext(CHAT, { statusCode: 429, retryAfterMs: 5000 });
    await deliver(open());
    const [throttled, retried] = sender.attempts;
    assert.equal(throttled.outcome, 429);
    assert.equal(retried.outcome, 'ok');
    assert.ok(retried.at - throttled.at >= 5000, `retried after ${retried.at - throttled.at} ms`);
  });

  it('backs off exponentially with jitter on 502, 504, 412 and network errors, and keeps the count in the outbox', async () => {
    build({ retry: { baseDelayMs: 1000 }, random: () => 0.5 });
    sender.failNext(CHAT, { statusCode: 502 }, { statusCode: 504 }, { statusCode: 412 }, 'network');
    await outbox.enqueue([open()]);
    notifier.start();
    await notifier.idle();
    assert.equal(outbox.pending()[0].attempts, 1, 'the failed attempt is recorded');
    assert.equal(Date.parse(outbox.pending()[0].notBefore!) - sender.attempts[0].at, 500);
    await notifier.drained();

    const gaps = sender.attempts.slice(1).map((attempt, i) => attempt.at - sender.attempts[i].at);
    // Half (the jitter) of 1, 2, 4 and 8 seconds.
    assert.deepEqual(gaps, [500, 1000, 2000, 4000]);
    assert.equal(sender.messagesIn(CHAT).length, 1);
  });

  it('gives up after the last attempt, logs it and drops the alert', async () => {
    build({ retry: { maxAttempts: 3 } });
    sender.failNext(CHAT, { statusCode: 502 }, { statusCode: 502 }, { statusCode: 502 });
    await deliver(open());
    assert.equal(sender.attempts.length, 3);
    assert.deepEqual(outbox.pending(), []);
    assert.deepEqual(sender.messagesIn(CHAT), []);
    assert.ok(logged.some((l) => l.level === 'error' && /last retry/.test(l.message)));
  });

  it('forgets a conversation the bot was removed from (403), with all its alerts', async () => {
    sender.remove(CHAT);
    await deliver(open(CHAT), open(CHAT, 'fp-1', 'customer-missing'), open('a:chat-2'));
    assert.deepEqual(gone, [CHAT]);
    assert.equal(sender.attempts.filter((a) => a.conversationId === CHAT).length, 1);
    assert.deepEqual(outbox.pending(), []);
    assert.equal(outbox.posted('mapping-conflict', CHAT), undefined);
    assert.equal(sender.messagesIn('a:chat-2').length, 1);
  });

  it('drops an alert the connector refuses (400) with a warning, and carries on with the rest', async () => {
    sender.failNext(CHAT, { statusCode: 400, code: 'BadArgument' });
    await deliver(open(CHAT), open('a:chat-2'));
    assert.equal(sender.attempts.filter((a) => a.conversationId === CHAT).length, 1);
    assert.ok(logged.some((l) => l.level === 'warn' && /refused/.test(l.message)));
    assert.equal(sender.messagesIn('a:chat-2').length, 1);
    assert.deepEqual(gone, []);
  });

  it('drops an alert that renders to nothing', async () => {
    build({ render: () => undefined });
    await deliver(open());
    assert.deepEqual(sender.attempts, []);
    assert.deepEqual(outbox.pending(), []);
  });

  it('keeps each conversation within 7/1 s, 8/2 s and 60/30 s, and the app within its pace', async () => {
    build({ pacing: { appPerSecond: 20, appBurst: 1 } });
    const kinds = Array.from({ length: 70 }, (_, i) => `kind-${i}`);
    await deliver(
      ...kinds.map((kind) => open(CHAT, 'fp', kind)),
      ...kinds.map((kind) => open('a:chat-2', 'fp', kind)),
    );

    for (const chat of [CHAT, 'a:chat-2']) {
      const times = sender.attempts.filter((a) => a.conversationId === chat).map((a) => a.at);
      assert.equal(times.length, 70);
      assert.ok(busiest(times, 1000) <= 7 && busiest(times, 2000) <= 8 && busiest(times, 30_000) <= 60);
    }
    assert.ok(
      busiest(
        sender.attempts.map((a) => a.at),
        1000,
      ) <= 20,
    );
  });

  it('does not let one conversation’s burst hold up the others', async () => {
    const kinds = Array.from({ length: 20 }, (_, i) => `kind-${i}`);
    await deliver(...kinds.map((kind) => open(CHAT, 'fp', kind)), open('a:chat-2'));
    const last = (chat: string) =>
      Math.max(...sender.attempts.filter((a) => a.conversationId === chat).map((a) => a.at));
    assert.ok(last('a:chat-2') < last(CHAT) - 1000, 'the second conversation waited for the first');
  });

  it('is idle while the only entry waits on a backoff; drained only once it is delivered', async () => {
    sender.failNext(CHAT, { statusCode: 503 });
    await outbox.enqueue([open()]);
    notifier.start();
    await notifier.idle();
    assert.equal(outbox.pending().length, 1);
    assert.equal(sender.messagesIn(CHAT).length, 0);
    await notifier.drained();
    assert.equal(sender.messagesIn(CHAT).length, 1);
  });

  it('keeps a backoff across a restart', async () => {
    const adapter = new Memory<OutboxData>();
    outbox = await Outbox.open(adapter);
    await outbox.enqueue([open()]);
    const notBefore = new Date(clock.now() + 30_000);
    await outbox.reschedule(outbox.pending()[0].id, notBefore, 3);

    outbox = await Outbox.open(adapter);
    build();
    await deliver();
    assert.equal(sender.attempts.length, 1);
    assert.ok(sender.attempts[0].at >= notBefore.getTime());
  });

  it('on stop, waits for the send under way and records it', async () => {
    let letGo = () => undefined as void;
    sender.gate = () => new Promise<void>((resolve) => (letGo = resolve));
    await outbox.enqueue([open()]);
    notifier.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = notifier.stop();
    letGo();
    await stopped;
    assert.equal(sender.messagesIn(CHAT).length, 1);
    assert.deepEqual(outbox.pending(), []);
    assert.equal(outbox.posted('mapping-conflict', CHAT)?.activityId, sender.messagesIn(CHAT)[0].activityId);
  });
});
