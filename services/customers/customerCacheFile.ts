// The customer list's own file: compact JSON, replaced atomically (temp file, fsync, rename, fsync of the folder).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** A lowdb adapter that can also move unreadable contents out of the way instead of overwriting them. */
export interface SetAsideAdapter<T> extends Adapter<T> {
  /** Renames the current file aside and returns its new path. */
  setAside?(reason: string): Promise<string>;
}

export class CompactJsonFile<T> implements SetAsideAdapter<T> {
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** null when there is no file yet; a SyntaxError when it is not JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  // rename() is atomic on one file system, but without the fsyncs a power cut can leave an empty file behind it.
  async write(data: T): Promise<void> {
    const folder = dirname(this.file);
    await mkdir(folder, { recursive: true });
    // A unique name per write, so a crashed earlier write never collides with this one.
    const temp = join(folder, `.${basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(JSON.stringify(data), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(folder);
  }

  async setAside(reason: string): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const target = `${this.file}.${reason}-${stamp}`;
    await rename(this.file, target);
    return target;
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the rename itself has already happened.
  }
}
