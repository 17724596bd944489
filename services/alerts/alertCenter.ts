// Keeps the alert records in step with the problems detected, and queues each subscribed conversation's card.
import type { AppStore } from '../store/appStore.js';
import type { AlertRecord, StoreData } from '../store/storeData.js';
import { ALERT_KINDS, type AlertKind, type Problem } from './alertModel.js';
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
  store: AppStore;
  /** The detector over the store's data (and the customer list the wiring adds); in slices, so turns go on. */
  detect: (data: Readonly<StoreData>, now: Date) => readonly Problem[] | Promise<readonly Problem[]>;
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
  #lastInputs = '';

  constructor(deps: AlertCenterDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The latest record of a kind, open or resolved; undefined for a kind never raised (or not a kind). */
  record(kind: string): AlertRecord | undefined {
    // The record has no prototype (keyedRecord): any text is a plain key.
    return this.#deps.store.data.alerts[kind];
  }

  /** Open problems, in the order the kinds are listed. */
  open(): AlertRecord[] {
    const alerts = this.#deps.store.data.alerts;
    return ALERT_KINDS.flatMap((kind) => {
      const record = alerts[kind];
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
    this.#lastInputs = inputsOf(this.#deps.store.data);
    return this.#deps.store.onChange((data) => {
      const inputs = inputsOf(data);
      if (inputs === this.#lastInputs) return;
      this.#lastInputs = inputs;
      this.requestCheck();
    });
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

  /** Resolves once no check is running, chained or requested. */
  async idle(): Promise<void> {
    while (this.#soon || this.#running || this.#next)
      await (this.#soon ?? this.#next ?? this.#running)?.catch(() => undefined);
  }

  async #checkOnce(): Promise<CheckResult> {
    const { store, subscriptions, queue } = this.#deps;
    const now = this.#now();
    const problems = new Map(
      (await this.#deps.detect(store.data, now)).map((problem) => [problem.kind, problem]),
    );
    const result: CheckResult = { opened: [], changed: [], resolved: [], queued: 0 };
    const at = now.toISOString();
    for (const kind of ALERT_KINDS) {
      const record = store.data.alerts[kind];
      const problem = problems.get(kind);
      if (problem && (!record || record.resolvedAt)) result.opened.push(kind);
      else if (problem && record && record.fingerprint !== problem.fingerprint) result.changed.push(kind);
      else if (!problem && record && !record.resolvedAt) result.resolved.push(kind);
    }
    if (result.opened.length + result.changed.length + result.resolved.length > 0) {
      await store.update((data) => {
        for (const kind of [...result.opened, ...result.changed]) {
          const problem = problems.get(kind)!;
          const items = problem.items.map((item) => ({ ...item }));
          const openedAt = result.opened.includes(kind) ? at : data.alerts[kind].openedAt;
          data.alerts[kind] = { kind, items, fingerprint: problem.fingerprint, openedAt, updatedAt: at };
        }
        for (const kind of result.resolved)
          data.alerts[kind] = { ...data.alerts[kind], updatedAt: at, resolvedAt: at };
      });
    }
    // The whole picture every time: the outbox skips what each conversation already shows, and a check after a
    // crash between the two writes queues what the first one missed.
    const records = Object.values(store.data.alerts);
    const deliveries: Delivery[] = subscriptions.subscribers().flatMap((conversationId) =>
      records.map((record) => ({
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

// What the detector reads besides the clock; bot state and the alert records themselves change on every turn.
function inputsOf(data: Readonly<StoreData>): string {
  return [
    data.mappingRevision,
    data.accessRevision ?? 0,
    data.customerSync.lastSuccessAt ?? '',
    data.settings?.updatedAt ?? '',
    Object.keys(data.conversations).length,
    Object.keys(data.alertSubscriptions).length,
  ].join('|');
}
