// The embedded store: one lowdb document, migrated on open, changed only through serialized, atomic updates.
import { Low, type Adapter } from 'lowdb';
import { AppError } from '../errors.js';
import { CompactJsonFile } from '../customers/customerCacheFile.js';
import { withoutPrototypes } from './keyedRecord.js';
import { MIGRATIONS, SCHEMA_VERSION, emptyStoreData, type StoreData } from './storeData.js';

/** Degraded from a failed write until a later write succeeds: what is in memory may not be on disk. */
export type StoreHealth = { status: 'ok' } | { status: 'degraded'; since: string };

export interface AppStoreOptions {
  /** Audit entries kept: the newest this many; older ones are dropped as each change is saved. */
  auditKept?: number;
}

/** About a year of a busy team's changes, at well under a megabyte of the file. */
export const DEFAULT_AUDIT_KEPT = 10_000;

export class AppStore {
  readonly #db: Low<StoreData>;
  readonly #auditKept: number;
  #health: StoreHealth = { status: 'ok' };
  readonly #adapter: Adapter<StoreData>;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(data: Readonly<StoreData>) => void>();

  private constructor(adapter: Adapter<StoreData>, data: StoreData, options: AppStoreOptions) {
    this.#adapter = adapter;
    this.#auditKept = Math.max(1, Math.floor(options.auditKept ?? DEFAULT_AUDIT_KEPT));
    this.#db = new Low(adapter, data);
  }

  /** Opens a JSON data file; a file that cannot be read or parsed stops start-up and is left untouched. */
  static async openFile(file: string, options: AppStoreOptions = {}): Promise<AppStore> {
    const adapter = new CompactJsonFile<StoreData>(file);
    await adapter.prepare();
    return AppStore.open(adapter, file, options);
  }

  static async open(
    adapter: Adapter<StoreData>,
    label = 'the store',
    options: AppStoreOptions = {},
  ): Promise<AppStore> {
    let raw: unknown;
    try {
      raw = await adapter.read();
    } catch (cause) {
      const reason = cause instanceof SyntaxError ? 'it is not valid JSON' : (cause as Error).message;
      throw new AppError(
        'STORE_CORRUPT',
        `Cannot read ${label}: ${reason}. The file was left as it is; restore it from a backup or move it away to start empty.`,
        { cause },
      );
    }
    const { data, migrated } = migrate(raw, label);
    const store = new AppStore(adapter, data, options);
    // Also trims an audit log that grew past the cap before it was set, or under a larger one.
    if (migrated || (data.audit?.length ?? 0) > store.#auditKept) await store.update(() => undefined);
    return store;
  }

  /** A read-only view of the current data. Callers must not mutate it; use update(). */
  get data(): Readonly<StoreData> {
    return this.#db.data;
  }

  /**
   * Applies one change and persists it. Updates run one at a time; if the change throws or
   * persisting fails, the in-memory data is rolled back to what the adapter holds (the file on
   * disk) and the error is raised.
   */
  update<T>(change: (data: StoreData) => T): Promise<T> {
    const run = this.#queue.then(async () => {
      let result: T;
      try {
        result = change(this.#db.data);
        const audit = this.#db.data.audit;
        if (audit?.length > this.#auditKept) audit.splice(0, audit.length - this.#auditKept);
      } catch (error) {
        // A change that threw may have mutated some data first: go back to what is saved.
        await this.#rollback();
        throw error;
      }
      try {
        await this.#db.write();
      } catch (cause) {
        if (this.#health.status === 'ok')
          this.#health = { status: 'degraded', since: new Date().toISOString() };
        await this.#rollback();
        throw new AppError('STORE_WRITE_FAILED', (cause as Error).message, { cause });
      }
      this.#health = { status: 'ok' };
      for (const listener of this.#listeners) {
        try {
          listener(this.#db.data);
        } catch {
          // A listener's failure is its own; the change is saved.
        }
      }
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  get health(): StoreHealth {
    return this.#health;
  }

  /** Calls `listener` after every saved change, synchronously: it must only note what changed. Returns unsubscribe. */
  onChange(listener: (data: Readonly<StoreData>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every update started so far has been written. */
  async flush(): Promise<void> {
    await this.#queue;
  }

  async #rollback(): Promise<void> {
    try {
      const saved = await this.#adapter.read();
      this.#db.data = saved ? migrate(saved, 'the store').data : emptyStoreData();
    } catch {
      // The previous file stays on disk untouched; memory keeps the change until restart.
    }
  }
}

function migrate(raw: unknown, label: string): { data: StoreData; migrated: boolean } {
  if (raw === null || raw === undefined) return { data: emptyStoreData(), migrated: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AppError(
      'STORE_CORRUPT',
      `Cannot read ${label}: it does not hold a JSON object. The file was left as it is.`,
    );
  }
  let data = raw as Record<string, unknown>;
  let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  if (version > SCHEMA_VERSION) {
    throw new AppError(
      'STORE_CORRUPT',
      `${label} has schema version ${version}, newer than this bot understands (${SCHEMA_VERSION}). Upgrade the bot; the file was left as it is.`,
    );
  }
  const migrated = version < SCHEMA_VERSION;
  while (version < SCHEMA_VERSION) {
    data = MIGRATIONS[version](data);
    version += 1;
  }
  return { data: withoutPrototypes(data as unknown as StoreData), migrated };
}
