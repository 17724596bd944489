// The durable outbox of alert deliveries and the posts they produced, in its own file beside the store.
import { randomUUID } from 'node:crypto';
import { Memory, type Adapter } from 'lowdb';
import { AppError } from '../errors.js';
import { CompactJsonFile } from '../customers/customerCacheFile.js';
import { keyedRecord, withoutPrototype } from '../store/keyedRecord.js';

export interface Delivery {
  conversationId: string;
  alertKind: string;
  fingerprint: string;
  state: 'open' | 'resolved';
}

export interface OutboxEntry extends Delivery {
  id: string;
  /** Failed sends so far. */
  attempts: number;
  /** ISO 8601; no send before then (backoff), kept across restarts. */
  notBefore?: string;
  createdAt: string;
}

export interface DeliveredPost {
  activityId: string;
  fingerprint: string;
  state: 'open' | 'resolved';
  at: string;
}

export const OUTBOX_SCHEMA_VERSION = 1;

export interface OutboxData {
  schemaVersion: number;
  /** In the order they were queued. */
  pending: OutboxEntry[];
  /** The last post per conversation id, then per alert kind. */
  posts: Record<string, Record<string, DeliveredPost>>;
}

interface Change {
  apply(data: OutboxData): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Every change is written whole (temp file, fsync, rename) before memory and callers see it. Changes that
 * arrive while a write is under way go out together in the next one, so a fan-out of hundreds of sends
 * costs far fewer file writes than sends; each change is still all-or-nothing.
 */
export class Outbox {
  #data: OutboxData;
  readonly #adapter: Adapter<OutboxData>;
  readonly #now: () => Date;
  #queued: Change[] = [];
  #writing: Promise<void> | undefined;
  // Entries a sender is working on: a newer delivery for the same key waits beside one, never replaces it.
  readonly #claimed = new Set<string>();

  private constructor(adapter: Adapter<OutboxData>, data: OutboxData, now: () => Date) {
    this.#adapter = adapter;
    this.#data = data;
    this.#now = now;
  }

  /** Opens (or starts) the outbox file, e.g. data/outbox.json next to the main data file. */
  static async openFile(file: string, now?: () => Date): Promise<Outbox> {
    const adapter = new CompactJsonFile<OutboxData>(file);
    await adapter.prepare();
    return Outbox.open(adapter, file, now);
  }

  /** Any lowdb adapter; with none, an outbox held in memory only (for tests). */
  static async open(
    adapter: Adapter<OutboxData> = new Memory<OutboxData>(),
    label = 'the alert outbox',
    now: () => Date = () => new Date(),
  ): Promise<Outbox> {
    let raw: unknown;
    try {
      raw = await adapter.read();
    } catch (cause) {
      const reason = cause instanceof SyntaxError ? 'it is not valid JSON' : (cause as Error).message;
      throw new AppError('STORE_CORRUPT', `Cannot read ${label}: ${reason}. The file was left as it is.`, {
        cause,
      });
    }
    if (raw !== null && (raw as Partial<OutboxData>).schemaVersion !== OUTBOX_SCHEMA_VERSION) {
      throw new AppError('STORE_CORRUPT', `Cannot read ${label}: it is not an outbox of this version.`);
    }
    const data = withoutPrototypes(
      (raw as OutboxData | null) ?? { schemaVersion: OUTBOX_SCHEMA_VERSION, pending: [], posts: {} },
    );
    const outbox = new Outbox(adapter, data, now);
    // A crash can leave an entry that was being sent beside its successor: keep one per key.
    const settled = withoutPrototypes(structuredClone(data));
    outbox.#settleAll(settled);
    if (JSON.stringify(settled) !== JSON.stringify(data))
      await outbox.#change((draft) => outbox.#settleAll(draft));
    return outbox;
  }

  /** Deliveries waiting to go, oldest first (including those being sent). Callers must not mutate them. */
  pending(): readonly OutboxEntry[] {
    return this.#data.pending;
  }

  posted(alertKind: string, conversationId: string): DeliveredPost | undefined {
    return this.#data.posts[conversationId]?.[alertKind];
  }

  /**
   * Queues the deliveries in one write and returns how many it queued. At most one entry waits per
   * (alert kind, conversation): a newer delivery takes the waiting one's place and keeps its backoff.
   * Skipped: what equals the post (or the send under way); a `resolved` with nothing open to resolve,
   * which also cancels an `open` that never went out.
   */
  enqueue(deliveries: readonly Delivery[]): Promise<number> {
    // Most checks find every conversation's card current: then there is nothing to write.
    if (deliveries.every((delivery) => this.#plan(this.#data, delivery).action === 'none'))
      return Promise.resolve(0);
    return this.#change((data) => {
      let queued = 0;
      for (const delivery of deliveries) {
        const { action, waiting } = this.#plan(data, delivery);
        if (action === 'none') continue;
        if (action === 'cancel') {
          removeEntry(data, waiting!.id);
          continue;
        }
        const entry: OutboxEntry = {
          ...pick(delivery),
          id: randomUUID(),
          attempts: waiting?.attempts ?? 0,
          ...(waiting?.notBefore ? { notBefore: waiting.notBefore } : {}),
          createdAt: this.#now().toISOString(),
        };
        if (waiting) data.pending[data.pending.indexOf(waiting)] = entry;
        else data.pending.push(entry);
        queued += 1;
      }
      return queued;
    }) as Promise<number>;
  }

  /** What a delivery asks of the outbox as it stands: nothing, dropping the entry waiting for it, or queueing it. */
  #plan(
    data: OutboxData,
    delivery: Delivery,
  ): { action: 'none' | 'cancel' | 'queue'; waiting?: OutboxEntry } {
    const waiting = data.pending.find((entry) => sameKey(entry, delivery) && !this.#claimed.has(entry.id));
    const sending = data.pending.find((entry) => sameKey(entry, delivery) && this.#claimed.has(entry.id));
    const expected = sending ?? data.posts[delivery.conversationId]?.[delivery.alertKind];
    const needed =
      !(expected && sameContent(expected, delivery)) &&
      !(delivery.state === 'resolved' && expected?.state !== 'open');
    if (waiting && (!needed || sameContent(waiting, delivery)))
      return { action: needed ? 'none' : 'cancel', waiting };
    return needed ? { action: 'queue', waiting } : { action: 'none' };
  }

  /** Marks an entry as being sent (in memory only); false when it is gone or already claimed. */
  claim(id: string): boolean {
    if (this.#claimed.has(id) || !this.#data.pending.some((entry) => entry.id === id)) return false;
    this.#claimed.add(id);
    return true;
  }

  /** Ends a claim without changing the entry, e.g. when sending stopped before it began. */
  release(id: string): void {
    this.#claimed.delete(id);
  }

  /**
   * In one write: the entry leaves the outbox and its post is recorded; a successor that waited beside it
   * is judged again. The claim on the entry ends.
   */
  markDelivered(entry: OutboxEntry, activityId: string): Promise<void> {
    this.#claimed.delete(entry.id);
    return this.#change((data) => {
      if (!data.pending.some((e) => e.id === entry.id)) return; // its conversation was forgotten meanwhile
      removeEntry(data, entry.id);
      (data.posts[entry.conversationId] ??= keyedRecord())[entry.alertKind] = {
        activityId,
        fingerprint: entry.fingerprint,
        state: entry.state,
        at: this.#now().toISOString(),
      };
      this.#settleKey(data, entry);
    }) as Promise<void>;
  }

  /** Records a failed attempt and when to try again; the claim on the entry ends. */
  reschedule(id: string, notBefore: Date, attempts: number): Promise<void> {
    this.#claimed.delete(id);
    return this.#change((data) => {
      const entry = data.pending.find((e) => e.id === id);
      if (!entry) return;
      entry.attempts = attempts;
      entry.notBefore = notBefore.toISOString();
      this.#settleKey(data, entry);
    }) as Promise<void>;
  }

  /** Removes an entry that will not be sent (the caller logs why); the claim on it ends. */
  drop(id: string): Promise<void> {
    this.#claimed.delete(id);
    return this.#change((data) => {
      const entry = data.pending.find((e) => e.id === id);
      if (!entry) return;
      removeEntry(data, id);
      this.#settleKey(data, entry);
    }) as Promise<void>;
  }

  /** The bot was removed from the conversation: nothing more goes there, and its posts are no use. */
  forgetConversation(conversationId: string): Promise<void> {
    return this.#change((data) => {
      data.pending = data.pending.filter((entry) => entry.conversationId !== conversationId);
      delete data.posts[conversationId];
    }) as Promise<void>;
  }

  /** Resolves once every change asked for so far is written. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /**
   * Settles a key once no send is under way for it: of several entries the newest stays, with the
   * oldest's backoff; it goes too if it equals the post or has nothing open to resolve.
   */
  #settleKey(data: OutboxData, key: Delivery): void {
    const same = data.pending.filter((e) => sameKey(e, key));
    if (same.length === 0 || same.some((e) => this.#claimed.has(e.id))) return;
    const post = data.posts[key.conversationId]?.[key.alertKind];
    const newest = same[same.length - 1];
    const current = post && sameContent(post, newest);
    const pointless = newest.state === 'resolved' && post?.state !== 'open';
    if (same.length === 1 && !current && !pointless) return;
    const index = data.pending.indexOf(same[0]);
    data.pending = data.pending.filter((e) => !sameKey(e, key));
    if (current || pointless) return;
    const kept: OutboxEntry = { ...newest, attempts: same[0].attempts };
    if (same[0].notBefore) kept.notBefore = same[0].notBefore;
    data.pending.splice(index, 0, kept);
  }

  #settleAll(data: OutboxData): void {
    const keys = new Map(data.pending.map((e) => [`${e.alertKind}\u0000${e.conversationId}`, pick(e)]));
    for (const key of keys.values()) this.#settleKey(data, key);
  }

  #change(apply: (data: OutboxData) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queued.push({ apply, resolve, reject });
      this.#writing ??= this.#writeQueued();
    });
  }

  async #writeQueued(): Promise<void> {
    while (this.#queued.length > 0) {
      const batch = this.#queued;
      this.#queued = [];
      const draft = withoutPrototypes(structuredClone(this.#data));
      const results = batch.map(({ apply, reject }) => {
        try {
          return { ok: true, value: apply(draft) };
        } catch (error) {
          reject(error);
          return { ok: false, value: undefined };
        }
      });
      try {
        await this.#adapter.write(draft);
      } catch (cause) {
        const error = new AppError('STORE_WRITE_FAILED', `alert outbox: ${(cause as Error).message}`, {
          cause,
        });
        for (const change of batch) change.reject(error);
        continue;
      }
      this.#data = draft;
      batch.forEach((change, i) => results[i].ok && change.resolve(results[i].value));
    }
    this.#writing = undefined;
  }
}

function sameKey(a: Delivery, b: Delivery): boolean {
  return a.alertKind === b.alertKind && a.conversationId === b.conversationId;
}

function sameContent(
  a: Pick<Delivery, 'fingerprint' | 'state'>,
  b: Pick<Delivery, 'fingerprint' | 'state'>,
): boolean {
  return a.fingerprint === b.fingerprint && a.state === b.state;
}

function pick({ conversationId, alertKind, fingerprint, state }: Delivery): Delivery {
  return { conversationId, alertKind, fingerprint, state };
}

function removeEntry(data: OutboxData, id: string): void {
  data.pending = data.pending.filter((entry) => entry.id !== id);
}

/** The posts are keyed by conversation id, an id from outside: no prototype for one to reach (see keyedRecord). */
function withoutPrototypes(data: OutboxData): OutboxData {
  withoutPrototype(data.posts);
  for (const byKind of Object.values(data.posts)) withoutPrototype(byKind);
  return data;
}
