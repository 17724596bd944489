import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import type { Adapter } from 'lowdb';
import { isAppError } from '../../../../services/errors.js';
import { AppStore } from '../../../../services/store/appStore.js';
import { SCHEMA_VERSION, type StoreData } from '../../../../services/store/storeData.js';

describe('AppStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty at the current schema version when there is no file', async () => {
    const store = await AppStore.openFile(join(dir, 'nested', 'bot.json'));
    assert.equal(store.data.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(Object.keys(store.data.conversations), []);
  });

  it('persists updates and reads them back after a restart', async () => {
    const file = join(dir, 'bot.json');
    const store = await AppStore.openFile(file);
    await store.update((data) => {
      data.botState.k = { eTag: '1', item: { a: 1 } };
    });
    const reopened = await AppStore.openFile(file);
    assert.deepEqual(reopened.data.botState.k, { eTag: '1', item: { a: 1 } });
  });

  it('refuses a corrupt file with a clear error and leaves it untouched', async () => {
    const file = join(dir, 'bot.json');
    await writeFile(file, '{"schemaVersion":1, "conversa');
    await assert.rejects(AppStore.openFile(file), (error) => {
      assert.ok(isAppError(error, 'STORE_CORRUPT'));
      assert.match(error.message, /not valid JSON/);
      return true;
    });
    assert.equal(await readFile(file, 'utf8'), '{"schemaVersion":1, "conversa');
  });

  it('refuses a file that is not a JSON object', async () => {
    const file = join(dir, 'bot.json');
    await writeFile(file, '[1,2,3]');
    await assert.rejects(AppStore.openFile(file), /does not hold a JSON object/);
  });

  it('refuses an unreadable file', async function () {
    if (process.getuid?.() === 0) {
      // root reads any file; prove the same path with a directory where the file should be.
      await assert.rejects(AppStore.openFile(dir), (error) => isAppError(error, 'STORE_CORRUPT'));
      return;
    }
    const file = join(dir, 'bot.json');
    await writeFile(file, '{}');
    await chmod(file, 0o000);
    await assert.rejects(AppStore.openFile(file), (error) => isAppError(error, 'STORE_CORRUPT'));
  });

  it('refuses a file from a newer version of the bot', async () => {
    const file = join(dir, 'bot.json');
    await writeFile(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1 }));
    await assert.rejects(AppStore.openFile(file), /newer than this bot understands/);
  });

  it('migrates an unversioned file and keeps its data', async () => {
    const file = join(dir, 'bot.json');
    await writeFile(file, JSON.stringify({ conversations: { c1: { id: 'c1' } } }));
    const store = await AppStore.openFile(file);
    assert.equal(store.data.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(Object.keys(store.data.botState), []);
    assert.equal(store.data.conversations.c1.id, 'c1');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    assert.equal(onDisk.schemaVersion, SCHEMA_VERSION);
  });

  it('reads every record keyed by outside ids without a prototype, whether migrated or current', async () => {
    for (const schemaVersion of [0, 4, SCHEMA_VERSION]) {
      const file = join(dir, `bot-${schemaVersion}.json`);
      const records = (id: string) => `{"${id}": {"id": "${id}"}}`;
      await writeFile(
        file,
        `{"schemaVersion": ${schemaVersion}, "conversations": ${records('__proto__')}, "organizations": ${records('constructor')}, "mappings": {}, "alertSubscriptions": {}}`,
      );
      const store = await AppStore.openFile(file);
      const label = `version ${schemaVersion}`;
      assert.deepEqual(Object.keys(store.data.conversations), ['__proto__'], label);
      assert.equal(store.data.conversations['__proto__'].id, '__proto__', label);
      // Looked up by a string as an id from outside would be, not by a member name TypeScript knows.
      const [constructor, toString] = ['constructor', 'toString'];
      assert.equal(store.data.organizations[constructor].id, 'constructor', label);
      assert.equal(store.data.alertSubscriptions[constructor], undefined, label);
      assert.equal(store.data.mappings[toString], undefined, label);
      await store.update((data) => {
        data.alertSubscriptions['__proto__'] = { on: true, changedBy: 'a', changedAt: '' };
      });
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoreData;
      assert.deepEqual(Object.keys(onDisk.alertSubscriptions), ['__proto__'], label);
      assert.deepEqual(Object.keys(onDisk.conversations), ['__proto__'], label);
    }
  });

  it('keeps the newest audit entries only, as many as it is told, and trims a longer saved log on open', async () => {
    const file = join(dir, 'bot.json');
    const entry = (n: number) => ({
      at: `2026-12-04T10:00:${String(n % 60).padStart(2, '0')}Z`,
      by: 'u',
      action: `a${n}`,
      changes: [],
    });
    const store = await AppStore.openFile(file, { auditKept: 5 });
    for (let n = 1; n <= 4; n++) await store.update((data) => void data.audit.push(entry(n)));
    assert.equal(store.data.audit.length, 4, 'under the cap nothing is dropped');
    await store.update((data) => void data.audit.push(entry(5), entry(6), entry(7)));
    assert.deepEqual(
      store.data.audit.map((kept) => kept.action),
      ['a3', 'a4', 'a5', 'a6', 'a7'],
    );
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    assert.deepEqual(onDisk.audit, store.data.audit, 'the file holds what memory holds');

    const smaller = await AppStore.openFile(file, { auditKept: 2 });
    assert.deepEqual(
      smaller.data.audit.map((kept) => kept.action),
      ['a6', 'a7'],
    );
    await smaller.flush();
    const trimmed = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    assert.equal(trimmed.audit.length, 2);
  });

  it('runs updates one at a time, in order', async () => {
    const store = await AppStore.open(new Memory<StoreData>());
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        store.update((data) => {
          order.push(n);
          data.botState[`k${n}`] = { eTag: String(n), item: {} };
        }),
      ),
    );
    assert.deepEqual(order, [1, 2, 3, 4, 5]);
    assert.equal(Object.keys(store.data.botState).length, 5);
  });

  it('rolls a failed write back to what was saved, and keeps working afterwards', async () => {
    let saved: StoreData | null = null;
    let failNext = false;
    const adapter: Adapter<StoreData> = {
      read: async () => (saved ? structuredClone(saved) : null),
      write: async (data) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        saved = structuredClone(data);
      },
    };
    const store = await AppStore.open(adapter);
    await store.update((data) => {
      data.botState.good = { eTag: '1', item: {} };
    });
    failNext = true;
    await assert.rejects(
      store.update((data) => {
        data.botState.bad = { eTag: '2', item: {} };
      }),
      (error) => isAppError(error, 'STORE_WRITE_FAILED'),
    );
    assert.deepEqual(Object.keys(store.data.botState), ['good']);
    await store.update((data) => {
      data.botState.later = { eTag: '3', item: {} };
    });
    assert.deepEqual(Object.keys(saved!.botState).sort(), ['good', 'later']);
  });
});

describe('AppStore: a change that throws', () => {
  it('leaves nothing of what it did before throwing, in memory or on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csp-store-'));
    try {
      const file = join(dir, 'bot.json');
      const store = await AppStore.openFile(file);
      await store.update((data) => {
        data.botState.kept = { eTag: '1', item: {} };
      });
      await assert.rejects(
        store.update((data) => {
          data.botState.half = { eTag: '2', item: {} };
          throw new Error('refused halfway');
        }),
        /refused halfway/,
      );
      assert.deepEqual(Object.keys(store.data.botState), ['kept']);
      await store.update(() => undefined);
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoreData;
      assert.deepEqual(Object.keys(onDisk.botState), ['kept']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
