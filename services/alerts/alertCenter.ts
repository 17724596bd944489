// Keeps the alert records in step with the problems detected, and queues each subscribed conversation's card.
import type { AlertRecord } from '../store/storeData.js';
import { ALERT_KINDS, type AlertKind, type Problem } from './alertModel.js';
import type { AlertInputs, AlertRecords } from './alertRecords.js';
import type { AlertSubscriptions } from './alertSubscriptions.js';

export interface Delivery {
  conversationId: string;
  alertKind: string;
  fingerprint: string;
  state: 'open' | 'resolved';
}

/** The durable outbox: idempotent per (alert kind, conversation), so queueing the whole picture again is harmless. */
export interface DeliveryQueue {
  enqueue(deliveries: readonly Delivery[]): Promise<number>;
}

export interface AlertCenterDeps {
  records: AlertRecords;
  /** What watch() follows. */
  inputs: AlertInputs;
  /** The detector over the store as it is now (and the customer list the wiring adds); in slices, so turns go on. */
  detect: (now: Date) => readonly Problem[] | Promise<readonly Problem[]>;
  subscriptions: AlertSubscriptions;
  queue: DeliveryQueue;
  /** Told after deliveries were queued: the notifier's kick. */
  onQueued?: () => void;
  onError?: (error: unknown) => void;
  now?: () => Date;
  /** How long a requested check waits for more changes to gather (a CSV import is many changes at once). */
  debounceMs?: number;
}

export interface CheckResult {
  opened: AlertKind[];
  changed: AlertKind[];
  resolved: AlertKind[];
  queued: number;
}

export class AlertCenter {
  readonly #deps: AlertCenterDeps;
  readonly #now: () => Date;
  #running: Promise<CheckResult> | undefined;
  #next: Promise<CheckResult> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Settles when the requested check has started; idle() waits for it too. */
  #soon: Promise<void> | undefined;
  #cancelSoon: () => void = () => undefined;
  #schedule: NodeJS.Timeout | undefined;

  constructor(deps: AlertCenterDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The latest record of a kind, open or resolved; undefined for a kind never raised (or not a kind). */
  record(kind: string): AlertRecord | undefined {
    return this.#deps.records.get(kind);
  }

  /** Open problems, in the order the kinds are listed. */
  open(): AlertRecord[] {
    const { records } = this.#deps;
    return ALERT_KINDS.flatMap((kind) => {
      const record = records.get(kind);
      return record && !record.resolvedAt ? [record] : [];
    });
  }

  /**
   * Detects now and brings records and outbox up to date. Checks never overlap: one asked for while another runs
   * starts right after it, so a change made during a check is never missed.
   */
  check(): Promise<CheckResult> {
    if (!this.#running) return this.#start();
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.#start();
      });
    return this.#next;
  }

  #start(): Promise<CheckResult> {
    const run = this.#checkOnce().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /** A check soon, gathering the changes made meanwhile into one. */
  requestCheck(): void {
    if (this.#timer) return;
    this.#soon = new Promise<void>((resolve) => {
      this.#cancelSoon = resolve;
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#soon = undefined;
        this.check().catch((error: unknown) => this.#deps.onError?.(error));
        resolve();
      }, this.#deps.debounceMs ?? 200);
      this.#timer.unref();
    });
  }

  /** Checks after every mapping change, consent or access test, customer sync and settings change the store sees. */
  watch(): () => void {
    return this.#deps.inputs.onChange(() => this.requestCheck());
  }

  startSchedule(intervalMs: number): void {
    this.stopSchedule();
    this.#schedule = setInterval(() => this.requestCheck(), intervalMs);
    this.#schedule.unref();
  }

  stopSchedule(): void {
    if (this.#schedule) clearInterval(this.#schedule);
    if (this.#timer) clearTimeout(this.#timer);
    this.#cancelSoon();
    this.#schedule = this.#timer = this.#soon = undefined;
  }

  /** Whether a check is running, chained or requested. */
  get busy(): boolean {
    return Boolean(this.#soon || this.#running || this.#next);
  }

  /** Resolves once no check is running, chained or requested. */
  async idle(): Promise<void> {
    while (this.#soon || this.#running || this.#next)
      await (this.#soon ?? this.#next ?? this.#running)?.catch(() => undefined);
  }

  async #checkOnce(): Promise<CheckResult> {
    const { records, subscriptions, queue } = this.#deps;
    const now = this.#now();
    const problems = new Map((await this.#deps.detect(now)).map((problem) => [problem.kind, problem]));
    const result: CheckResult = { opened: [], changed: [], resolved: [], queued: 0 };
    const at = now.toISOString();
    for (const kind of ALERT_KINDS) {
      const record = records.get(kind);
      const problem = problems.get(kind);
      if (problem && (!record || record.resolvedAt)) result.opened.push(kind);
      else if (problem && record && record.fingerprint !== problem.fingerprint) result.changed.push(kind);
      else if (!problem && record && !record.resolvedAt) result.resolved.push(kind);
    }
    if (result.opened.length + result.changed.length + result.resolved.length > 0) {
      const found = (kind: AlertKind) => problems.get(kind)!;
      await records.save({
        at,
        opened: result.opened.map(found),
        changed: result.changed.map(found),
        resolved: result.resolved,
      });
    }
    // The whole picture every time: the outbox skips what each conversation already shows, and a check after a
    // crash between the two writes queues what the first one missed.
    const all = records.all();
    const deliveries: Delivery[] = subscriptions.subscribers().flatMap((conversationId) =>
      all.map((record) => ({
        conversationId,
        alertKind: record.kind,
        fingerprint: record.fingerprint,
        state: record.resolvedAt ? ('resolved' as const) : ('open' as const),
      })),
    );
    result.queued = deliveries.length > 0 ? await queue.enqueue(deliveries) : 0;
    if (result.queued > 0) this.#deps.onQueued?.();
    return result;
  }
}
