// The bot's data files on disk: owner-only modes, crash leftovers cleared at start, health after a failed write.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '../../../../services/errors.js';
import { Outbox } from '../../../../services/alerts/outbox.js';
import { CustomerCache } from '../../../../services/customers/customerCache.js';
import { AppStore } from '../../../../services/store/appStore.js';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('Data files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes megabytes in chunks to exactly the text JSON.stringify gives, every character intact', async () => {
    const file = join(dir, 'bot.json');
    const store = await AppStore.openFile(file);
    const names = [
      'Zürich Dental 🦷',
      'Łódź Plumbing',
      '東京ロジスティクス',
      'Ærø Fisk',
      'Straße \u2028 "quoted"',
    ];
    await store.update((data) => {
      for (let n = 0; n < 20_000; n++) {
        const id = `org-${n}`;
        data.organizations[id] = {
          id,
          name: `${names[n % names.length]} ${n}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
      }
    });
    const text = await readFile(file, 'utf8');
    assert.ok(text.length > 2_000_000, `${text.length} characters`);
    assert.equal(text, JSON.stringify(store.data));
    const reopened = await AppStore.openFile(file);
    assert.equal(reopened.data.organizations['org-2'].name, '東京ロジスティクス 2');
    assert.equal(reopened.data.organizations['org-19995'].name, 'Zürich Dental 🦷 19995');
  });

  // Modes hold for root too: they are what another account on the machine gets, whoever runs the bot.
  it('creates the data folder 700 and every data file 600', async () => {
    const folder = join(dir, 'data');
    const store = await AppStore.openFile(join(folder, 'bot.json'));
    await store.update((data) => {
      data.botState.k = { eTag: '1', item: {} };
    });
    const cache = await CustomerCache.openFile(join(folder, 'customers.json'));
    await cache.replace([], '2026-11-26T08:00:00.000Z');
    const outbox = await Outbox.openFile(join(folder, 'outbox.json'));
    await outbox.enqueue([{ conversationId: 'a:1', alertKind: 'conflict', fingerprint: 'f', state: 'open' }]);

    assert.equal(await modeOf(folder), 0o700);
    assert.deepEqual((await readdir(folder)).sort(), ['bot.json', 'customers.json', 'outbox.json']);
    for (const name of ['bot.json', 'customers.json', 'outbox.json'])
      assert.equal(await modeOf(join(folder, name)), 0o600, name);
  });

  it('makes a world-readable data file from an older version owner-only at start', async () => {
    const file = join(dir, 'bot.json');
    await writeFile(file, '{}', { mode: 0o644 });
    await AppStore.openFile(file);
    assert.equal(await modeOf(file), 0o600);
  });

  it('removes temp files that crashed writes left behind, and nothing else', async () => {
    const leftovers = [
      '.bot.json.3f9a1c0b7d2e.tmp',
      '.bot.json.tmp',
      '.outbox.json.a1b2c3d4e5f6.tmp',
      '.customers.json.0123456789ab.tmp',
    ];
    const others = [
      'notes.txt',
      '.bot.json.bak',
      'bot.json.corrupt-2026-11-26',
      '.other.json.a1b2c3d4e5f6.tmp',
    ];
    for (const name of [...leftovers, ...others]) await writeFile(join(dir, name), 'x');
    await writeFile(join(dir, 'bot.json'), '{}');

    await AppStore.openFile(join(dir, 'bot.json'));
    await Outbox.openFile(join(dir, 'outbox.json'));
    await CustomerCache.openFile(join(dir, 'customers.json'));

    assert.deepEqual((await readdir(dir)).sort(), ['bot.json', ...others].sort());
    assert.equal(await readFile(join(dir, 'notes.txt'), 'utf8'), 'x');
  });
});

describe('AppStore health', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-health-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A folder where the file should be makes the rename fail for root as well.
  it('is degraded after a failed write and ok again after the next good one', async () => {
    const file = join(dir, 'bot.json');
    const store = await AppStore.openFile(file);
    await store.update((data) => {
      data.botState.first = { eTag: '1', item: {} };
    });
    assert.deepEqual(store.health, { status: 'ok' });

    await rm(file);
    await mkdir(join(file, 'blocker'), { recursive: true });
    await assert.rejects(
      store.update((data) => {
        data.botState.lost = { eTag: '2', item: {} };
      }),
      (error) => isAppError(error, 'STORE_WRITE_FAILED'),
    );
    assert.equal(store.health.status, 'degraded');
    const since = store.health.status === 'degraded' ? store.health.since : '';
    await assert.rejects(store.update(() => undefined));
    assert.deepEqual(store.health, { status: 'degraded', since }, 'the first failure dates it');

    await rm(file, { recursive: true });
    await store.update((data) => {
      data.botState.later = { eTag: '3', item: {} };
    });
    assert.deepEqual(store.health, { status: 'ok' });
    assert.ok(JSON.parse(await readFile(file, 'utf8')).botState.later);
  });
});
