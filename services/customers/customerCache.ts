// The last complete CSP customer list: in memory with a tenant-id index, in its own file beside the store.
import type { Adapter } from 'lowdb';
import { AppError } from '../errors.js';
import { ACTIVE_STATUSES } from '../gdap/gdapModel.js';
import type { CspCustomer, CustomerRelationship } from './cspCustomer.js';
import { CompactJsonFile, type SetAsideAdapter } from './customerCacheFile.js';

export const CUSTOMER_CACHE_SCHEMA_VERSION = 1;

export interface CustomerCacheData {
  schemaVersion: number;
  /** When the sync that produced this list finished (ISO 8601). */
  syncedAt: string;
  customers: CspCustomer[];
}

export class CustomerCache {
  readonly #adapter: SetAsideAdapter<CustomerCacheData>;
  #data: CustomerCacheData | undefined;
  #index = new Map<string, CspCustomer>();
  #writes: Promise<unknown> = Promise.resolve();
  /** The file write that will carry every relationship noted so far; one waits at most. */
  #saving: Promise<void> | undefined;
  /** Relationships noted since the list was last swapped in, and when (ms): a sync begun before keeps them. */
  readonly #noted = new Map<string, { at: number; relationships: CustomerRelationship[] }>();
  readonly #listeners: (() => void)[] = [];
  // Set when an unreadable file could not be moved aside: writing would destroy it, so replace() refuses.
  #blocked: AppError | undefined;

  /**
   * Why the saved list could not be loaded at start, for the caller to log. The bot still starts: the list
   * is only a copy of what Graph holds and the next sync rebuilds it, unlike the main store's settings.
   */
  readonly problem: AppError | undefined;

  private constructor(
    adapter: SetAsideAdapter<CustomerCacheData>,
    data: CustomerCacheData | undefined,
    problem: AppError | undefined,
    blocked: boolean,
  ) {
    this.#adapter = adapter;
    this.problem = problem;
    this.#blocked = blocked ? problem : undefined;
    if (data) this.#load(data);
  }

  /** Opens (or starts) the list file, e.g. data/customers.json next to the main data file. */
  static async openFile(file: string): Promise<CustomerCache> {
    const adapter = new CompactJsonFile<CustomerCacheData>(file);
    await adapter.prepare();
    return CustomerCache.open(adapter, file);
  }

  /** Any lowdb adapter: lowdb's Memory in tests. */
  static async open(
    adapter: Adapter<CustomerCacheData> | SetAsideAdapter<CustomerCacheData>,
    label = 'the customer list',
  ): Promise<CustomerCache> {
    let reason: string;
    let cause: unknown;
    try {
      const raw = await adapter.read();
      if (raw === null) return new CustomerCache(adapter, undefined, undefined, false);
      const invalid = shapeProblem(raw);
      if (!invalid) return new CustomerCache(adapter, raw, undefined, false);
      reason = invalid;
    } catch (error) {
      reason = error instanceof SyntaxError ? 'it is not valid JSON' : (error as Error).message;
      cause = error;
    }
    // Never overwrite what could not be read: move it aside first, or refuse to write over it at all.
    const setAside = 'setAside' in adapter ? adapter.setAside?.bind(adapter) : undefined;
    try {
      if (!setAside) throw new Error('this storage cannot set files aside');
      const movedTo = await setAside('unreadable');
      const problem = new AppError(
        'CUSTOMER_CACHE_CORRUPT',
        `Cannot read ${label}: ${reason}. It was moved to ${movedTo}; the next sync rebuilds the list.`,
        { cause },
      );
      return new CustomerCache(adapter, undefined, problem, false);
    } catch (moveError) {
      const problem = new AppError(
        'CUSTOMER_CACHE_CORRUPT',
        `Cannot read ${label}: ${reason}, and it could not be moved aside (${(moveError as Error).message}). Move it away by hand; until then no sync replaces it.`,
        {
          cause,
          userMessage:
            'The saved CSP customer list could not be read, and the bot will not overwrite it. An administrator needs to move the file away.',
        },
      );
      return new CustomerCache(adapter, undefined, problem, true);
    }
  }

  /** When the current list was synced; undefined before the first complete sync. */
  get syncedAt(): string | undefined {
    return this.#data?.syncedAt;
  }

  get size(): number {
    return this.#data?.customers.length ?? 0;
  }

  /** The whole list, in Graph's order. Callers must not mutate it. */
  list(): readonly CspCustomer[] {
    return this.#data?.customers ?? [];
  }

  get(tenantId: string): CspCustomer | undefined {
    return this.#index.get(tenantId.toLowerCase());
  }

  /**
   * Swaps in the list of a complete sync. The file is written first: if that fails, both the file and
   * memory keep the previous list and the error is raised. Calls run one at a time. `readSince`, when the sync
   * began reading: relationships the bot noted after that are kept, since the sync may have read them before.
   */
  replace(
    customers: readonly CspCustomer[],
    syncedAt: Date | string,
    options: { readSince?: Date } = {},
  ): Promise<void> {
    const run = this.#writes.then(async () => {
      if (this.#blocked) throw this.#blocked;
      const since = options.readSince?.getTime();
      const taken = Date.now();
      const data: CustomerCacheData = {
        schemaVersion: CUSTOMER_CACHE_SCHEMA_VERSION,
        syncedAt: typeof syncedAt === 'string' ? syncedAt : syncedAt.toISOString(),
        customers: customers.map((customer) => {
          const note = since === undefined ? undefined : this.#noted.get(customer.tenantId.toLowerCase());
          return note && note.at >= since! ? withRelationships(customer, note.relationships) : customer;
        }),
      };
      try {
        await this.#adapter.write(data);
      } catch (cause) {
        throw new AppError('STORE_WRITE_FAILED', `customer list: ${(cause as Error).message}`, { cause });
      }
      this.#load(data);
      // Notes made while the file was written landed in the list just replaced: put them in this one.
      let later = false;
      for (const [key, note] of this.#noted) {
        if (note.at <= taken) this.#noted.delete(key);
        else later = this.#swap(key, note.relationships) || later;
      }
      if (later) this.#save().catch(() => undefined);
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Puts the relationships the bot has just read live for one customer in place of the synced ones, so the alert
   * check sees a relationship the bot created or an activation it saw without waiting for the next sync. Memory
   * changes at once; `saved` settles when the file holds it (writes of many notes are gathered into one). A
   * customer not in the list, or relationships as already known, change nothing.
   */
  noteRelationships(
    tenantId: string,
    relationships: readonly CustomerRelationship[],
  ): { changed: boolean; saved: Promise<void> } {
    const key = tenantId.toLowerCase();
    const next = relationships.map(plainRelationship);
    if (!this.#swap(key, next)) return { changed: false, saved: Promise.resolve() };
    this.#noted.set(key, { at: Date.now(), relationships: next });
    return { changed: true, saved: this.#save() };
  }

  /** In memory: the customer with these relationships, in a new list (the alert detector compares lists by identity). */
  #swap(key: string, relationships: CustomerRelationship[]): boolean {
    const current = this.#index.get(key);
    if (!this.#data || !current || sameRelationships(current.relationships, relationships)) return false;
    const updated = withRelationships(current, relationships);
    const customers = this.#data.customers.map((customer) => (customer === current ? updated : customer));
    this.#data = { ...this.#data, customers };
    this.#index.set(key, updated);
    return true;
  }

  #save(): Promise<void> {
    if (this.#saving) return this.#saving;
    const run = this.#writes.then(async () => {
      // From here on a new note needs a write of its own: this one may already have read the data.
      this.#saving = undefined;
      if (this.#blocked) throw this.#blocked;
      if (!this.#data) return;
      try {
        await this.#adapter.write(this.#data);
      } catch (cause) {
        throw new AppError('STORE_WRITE_FAILED', `customer list: ${(cause as Error).message}`, { cause });
      }
    });
    this.#saving = run;
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Calls `listener` after each list a sync swaps in. */
  onReplaced(listener: () => void): void {
    this.#listeners.push(listener);
  }

  #load(data: CustomerCacheData): void {
    const index = new Map<string, CspCustomer>();
    for (const customer of data.customers) index.set(customer.tenantId.toLowerCase(), customer);
    this.#data = data;
    this.#index = index;
    for (const listener of this.#listeners) listener();
  }
}

function withRelationships(customer: CspCustomer, relationships: CustomerRelationship[]): CspCustomer {
  return {
    ...customer,
    relationships,
    hasActiveGdap: relationships.some((relationship) => ACTIVE_STATUSES.includes(relationship.status)),
  };
}

// Only the fields a sync keeps: a live read also brings the etag, which changes without the relationship changing.
function plainRelationship(relationship: CustomerRelationship): CustomerRelationship {
  const { id, displayName, status, createdDateTime, endDateTime, autoExtendDuration, roleIds } = relationship;
  return {
    id,
    displayName,
    status,
    ...(createdDateTime ? { createdDateTime } : {}),
    ...(endDateTime ? { endDateTime } : {}),
    ...(autoExtendDuration ? { autoExtendDuration } : {}),
    roleIds: [...roleIds],
  };
}

function sameRelationships(a: readonly CustomerRelationship[], b: readonly CustomerRelationship[]): boolean {
  const same = (x: CustomerRelationship, y: CustomerRelationship) =>
    x.id === y.id &&
    x.displayName === y.displayName &&
    x.status === y.status &&
    x.createdDateTime === y.createdDateTime &&
    x.endDateTime === y.endDateTime &&
    x.autoExtendDuration === y.autoExtendDuration &&
    x.roleIds.length === y.roleIds.length &&
    x.roleIds.every((roleId, i) => roleId === y.roleIds[i]);
  return a.length === b.length && a.every((relationship, i) => same(relationship, b[i]));
}

// A light check: enough to refuse a file that is not ours, without walking 50,000 entries field by field.
function shapeProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'it does not hold a JSON object';
  const data = raw as Partial<CustomerCacheData>;
  if (data.schemaVersion !== CUSTOMER_CACHE_SCHEMA_VERSION) {
    return `it has schema version ${String(data.schemaVersion)}, not ${CUSTOMER_CACHE_SCHEMA_VERSION}`;
  }
  if (typeof data.syncedAt !== 'string' || !Array.isArray(data.customers)) return 'it is not a customer list';
  if (data.customers.some((customer) => typeof customer?.tenantId !== 'string'))
    return 'a customer has no tenant id';
  return undefined;
}
