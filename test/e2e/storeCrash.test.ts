import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreData } from '../../services/store/storeData.js';

const WRITER = fileURLToPath(new URL('./support/storeWriter.ts', import.meta.url));

/** Starts the writer, kills it with SIGKILL after `writes` acknowledged writes, returns the last one. */
function killAfterWrites(file: string, writes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let seen = 0;
    let firstAt = 0;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/wrote (\d+)/g)) {
        acknowledged = Number(match[1]);
        seen += 1;
        if (seen === 1) firstAt = performance.now();
      }
      if (seen === writes) {
        // Land the kill at a random point of the next write, not right after one finished.
        const perWrite = (performance.now() - firstAt) / Math.max(1, writes - 1);
        setTimeout(() => child.kill('SIGKILL'), Math.random() * perWrite);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`writer exited on its own: ${errors}`));
    });
  });
}

describe('Store under SIGKILL', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-crash-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves a readable file holding one whole write, never older than the last acknowledged one', async () => {
    const file = join(dir, 'bot.json');
    for (let round = 1; round <= 12; round++) {
      const acknowledged = await killAfterWrites(file, 3);
      const data = JSON.parse(await readFile(file, 'utf8')) as StoreData;
      const { eTag, item } = data.botState.counter;
      const { n, ballast } = item as { n: number; ballast: string };
      // Whole: the record is one write's content, not a mix. Durable: no acknowledged write is lost.
      assert.equal(eTag, String(n), `round ${round}: the record mixes two writes`);
      assert.equal(ballast.length, 2_000_000, `round ${round}: the record is cut short`);
      assert.ok(
        n >= acknowledged,
        `round ${round}: file holds write ${n}, but ${acknowledged} was acknowledged`,
      );
    }
  });
});
