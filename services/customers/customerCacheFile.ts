// A data file of ours: compact JSON, replaced atomically (temp file, fsync, rename, fsync of the folder), owner-only.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { stringifyChunksInSlices } from '../sliced/jsonInSteps.js';

/** A lowdb adapter that can also move unreadable contents out of the way instead of overwriting them. */
export interface SetAsideAdapter<T> extends Adapter<T> {
  /** Renames the current file aside and returns its new path. */
  setAside?(reason: string): Promise<string>;
}

// Tokens, client secrets (sealed) and customer names: nobody but the bot's own account reads them.
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

export class CompactJsonFile<T> implements SetAsideAdapter<T> {
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Start-up housekeeping: makes the folder (owner-only) if missing, removes temp files that writes cut short by
   * a crash left behind (ours only: `.<name>.<hex>.tmp`, and steno's `.<name>.tmp`), and makes an existing file
   * owner-only. Run before the first read, while nothing writes.
   */
  async prepare(): Promise<void> {
    const folder = dirname(this.file);
    await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
    const leftover = tempFilePattern(basename(this.file));
    for (const name of await readdir(folder)) {
      if (leftover.test(name)) await rm(join(folder, name), { force: true });
    }
    // Best effort, for files older versions wrote world-readable: the next write replaces the file with an owner-only one anyway.
    const existing = await stat(this.file).catch(() => undefined);
    if (existing?.isFile() && (existing.mode & 0o077) !== 0)
      await chmod(this.file, FILE_MODE).catch(() => undefined);
  }

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
    // Megabytes of text at 10,000 clients: made a slice at a time, so other turns go on meanwhile.
    const chunks = await stringifyChunksInSlices(data);
    const folder = dirname(this.file);
    await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
    // A unique name per write, so a crashed earlier write never collides with this one.
    const temp = join(folder, `.${basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // 'wx': a fresh file, so the mode applies (it only does on creation) and the rename carries it over.
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        for (const chunk of chunks) await writeAll(handle, chunk);
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

function tempFilePattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.(?:[0-9a-f]+\\.)?tmp$`);
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

/** One chunk, turned into bytes apart from the others (a fraction of a millisecond each), written in full. */
async function writeAll(handle: FileHandle, chunk: string): Promise<void> {
  const bytes = Buffer.from(chunk, 'utf8');
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}
