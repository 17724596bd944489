import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { Outbox, type Delivery, type OutboxData } from '../../../../services/alerts/outbox.js';

const CHAT = 'a:chat-1';
const open = (fingerprint = 'fp-1', conversationId = CHAT, alertKind = 'mapping-conflict'): Delivery => ({
  conversationId,
  alertKind,
  fingerprint,
  state: 'open',
});
const resolved = (fingerprint = 'fp-1'): Delivery => ({ ...open(fingerprint), state: 'resolved' });

/** A Memory adapter that counts writes and can be made to fail. */
class CountingMemory extends Memory<OutboxData> {
  writes = 0;
  failing = false;
  override async write(data: OutboxData): Promise<void> {
    if (this.failing) throw new Error('disk full');
    this.writes += 1;
    await super.write(structuredClone(data));
  }
}

describe('Alert outbox', () => {
  let adapter: CountingMemory;
  let outbox: Outbox;
  beforeEach(async () => {
    adapter = new CountingMemory();
    outbox = await Outbox.open(adapter);
  });

  async function deliverFirst(activityId = 'm-1') {
    const entry = outbox.pending()[0];
    assert.ok(outbox.claim(entry.id));
    await outbox.markDelivered(entry, activityId);
  }

  it('queues a batch in one write and counts what it queued', async () => {
    const queued = await outbox.enqueue([open('a', 'c1'), open('a', 'c2'), open('a', 'c3')]);
    assert.equal(queued, 3);
    assert.equal(adapter.writes, 1);
    assert.equal((await adapter.read())?.pending.length, 3);
  });

  it('is idempotent per alert kind and conversation; a newer delivery replaces the waiting one and keeps its backoff', async () => {
    await outbox.enqueue([open('fp-1')]);
    assert.equal(await outbox.enqueue([open('fp-1')]), 0);
    await outbox.reschedule(outbox.pending()[0].id, new Date('2026-03-02T10:00:00Z'), 2);
    assert.equal(await outbox.enqueue([open('fp-2')]), 1);
    const [entry, ...more] = outbox.pending();
    assert.deepEqual(more, []);
    assert.equal(entry.fingerprint, 'fp-2');
    assert.equal(entry.attempts, 2);
    assert.equal(entry.notBefore, '2026-03-02T10:00:00.000Z');
  });

  it('removes the entry and records its post in one write', async () => {
    await outbox.enqueue([open()]);
    const before = adapter.writes;
    await deliverFirst('m-7');
    assert.equal(adapter.writes, before + 1);
    const saved = (await adapter.read())!;
    assert.deepEqual(saved.pending, []);
    assert.equal(saved.posts[CHAT]['mapping-conflict'].activityId, 'm-7');
  });

  it('skips what equals the delivered post, and a newer delivery equal to it cancels a waiting change', async () => {
    await outbox.enqueue([open('fp-1')]);
    await deliverFirst();
    const writes = adapter.writes;
    assert.equal(await outbox.enqueue([open('fp-1')]), 0);
    assert.equal(adapter.writes, writes, 'nothing to queue, nothing written');
    await outbox.enqueue([open('fp-2')]);
    assert.equal(await outbox.enqueue([open('fp-1')]), 0);
    assert.deepEqual(outbox.pending(), []);
  });

  it('skips a resolve with nothing open to resolve, cancelling an open that never went out', async () => {
    await outbox.enqueue([open()]);
    assert.equal(await outbox.enqueue([resolved()]), 0);
    assert.deepEqual(outbox.pending(), []);
    await outbox.enqueue([open()]);
    await deliverFirst();
    assert.equal(await outbox.enqueue([resolved()]), 1);
  });

  it('keeps a newer delivery beside one being sent, and judges it once that send is recorded', async () => {
    await outbox.enqueue([open('fp-1')]);
    const sending = outbox.pending()[0];
    assert.ok(outbox.claim(sending.id));
    assert.equal(await outbox.enqueue([resolved('fp-1')]), 1, 'a resolve for the open being sent is kept');
    assert.equal(outbox.pending().length, 2);
    await outbox.markDelivered(sending, 'm-1');
    assert.deepEqual(
      outbox.pending().map((e) => e.state),
      ['resolved'],
    );
  });

  it('merges a failed send with the delivery that waited beside it, keeping the backoff', async () => {
    await outbox.enqueue([open('fp-1')]);
    const sending = outbox.pending()[0];
    outbox.claim(sending.id);
    await outbox.enqueue([open('fp-2')]);
    await outbox.reschedule(sending.id, new Date('2026-03-02T10:00:00Z'), 1);
    const [entry, ...more] = outbox.pending();
    assert.deepEqual(more, []);
    assert.equal(entry.fingerprint, 'fp-2');
    assert.equal(entry.attempts, 1);
  });

  it('forgets a conversation: its waiting entries and its posts', async () => {
    await outbox.enqueue([open('fp-1'), open('fp-1', CHAT, 'customer-missing'), open('fp-1', 'a:other')]);
    await deliverFirst();
    await outbox.forgetConversation(CHAT);
    assert.deepEqual(
      outbox.pending().map((e) => e.conversationId),
      ['a:other'],
    );
    assert.equal(outbox.posted('mapping-conflict', CHAT), undefined);
  });

  it('keeps memory as it was when a write fails', async () => {
    await outbox.enqueue([open()]);
    adapter.failing = true;
    await assert.rejects(outbox.enqueue([open('fp-1', 'a:other')]), (e: unknown) =>
      isAppError(e, 'STORE_WRITE_FAILED'),
    );
    assert.equal(outbox.pending().length, 1);
  });

  describe('in its own file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'csp-outbox-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('reads back what was written, and after a crash keeps one entry per key', async () => {
      const file = join(dir, 'outbox.json');
      const first = await Outbox.openFile(file);
      await first.enqueue([open('fp-1')]);
      const sending = first.pending()[0];
      first.claim(sending.id);
      await first.enqueue([open('fp-2')]);
      // The process dies here, with the send under way and its successor beside it.
      const reopened = await Outbox.openFile(file);
      assert.deepEqual(
        reopened.pending().map((e) => e.fingerprint),
        ['fp-2'],
      );
      assert.equal((JSON.parse(await readFile(file, 'utf8')) as OutboxData).pending.length, 1);
    });

    it('keeps posts to conversations named “__proto__” or “constructor” as plain keys, across a reopen', async () => {
      const file = join(dir, 'outbox.json');
      const ids = ['__proto__', 'constructor'];
      const first = await Outbox.openFile(file);
      assert.equal(first.posted('mapping-conflict', 'constructor'), undefined);
      assert.equal(first.posted('toString', 'constructor'), undefined);
      await first.enqueue(ids.map((id) => open('fp-1', id)));
      for (const [i, entry] of first.pending().entries()) {
        assert.ok(first.claim(entry.id));
        await first.markDelivered(entry, `m-${i}`);
      }
      assert.equal((Object.prototype as Record<string, unknown>)['mapping-conflict'], undefined);
      assert.equal((Object as unknown as Record<string, unknown>)['mapping-conflict'], undefined);
      const reopened = await Outbox.openFile(file);
      assert.deepEqual(
        ids.map((id) => reopened.posted('mapping-conflict', id)?.activityId),
        ['m-0', 'm-1'],
      );
      assert.deepEqual(Object.keys((JSON.parse(await readFile(file, 'utf8')) as OutboxData).posts), ids);
    });

    it('refuses a file it cannot read and leaves it as it is', async () => {
      const file = join(dir, 'outbox.json');
      await writeFile(file, '{"pending": [');
      await assert.rejects(Outbox.openFile(file), (e: unknown) => isAppError(e, 'STORE_CORRUPT'));
      assert.equal(await readFile(file, 'utf8'), '{"pending": [');
    });
  });
});
