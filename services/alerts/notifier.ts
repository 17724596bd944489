// Drains the alert outbox into Teams: paced, retried with backoff, and recorded so nothing is sent twice.
import type { AlertSender, OutgoingActivity } from './alertSender.js';
import type { DeliveredPost, Outbox, OutboxEntry } from './outbox.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, verdictOf, type RetryPolicy } from './retryPolicy.js';
import { failureDetails, isMessageGone } from './sendFailure.js';
import { SendPacer, type PacerOptions } from './sendPacer.js';

/** The activity for an entry, knowing the post it replaces (if any); undefined drops the entry. */
export type RenderAlert = (entry: OutboxEntry, previous?: DeliveredPost) => OutgoingActivity | undefined;

export interface NotifierLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface NotifierClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or early (resolving or rejecting) once `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface NotifierOptions {
  outbox: Outbox;
  sender: AlertSender;
  render: RenderAlert;
  /** The bot was removed from the conversation (403/404): forget its reference. */
  onGone?: (conversationId: string) => Promise<void> | void;
  /** After a post or update is recorded in the outbox. */
  onDelivered?: (entry: OutboxEntry, activityId: string) => void;
  log: NotifierLog;
  pacing?: Partial<PacerOptions>;
  retry?: Partial<RetryPolicy>;
  /** Sends under way at once, over all conversations (one at a time per conversation). */
  maxInFlight?: number;
  clock?: NotifierClock;
  random?: () => number;
}

// After the outbox failed to write, give the disk a minute before that conversation is tried again.
const OUTBOX_TROUBLE_PAUSE_MS = 60_000;

const systemClock: NotifierClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    }),
};

export class Notifier {
  readonly #options: NotifierOptions;
  readonly #retry: RetryPolicy;
  readonly #pacer: SendPacer;
  readonly #clock: NotifierClock;
  readonly #random: () => number;
  readonly #maxInFlight: number;
  readonly #inFlight = new Map<string, Promise<void>>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: () => void = () => undefined;
  #idleWaiters: (() => void)[] = [];
  #drainWaiters: (() => void)[] = [];

  constructor(options: NotifierOptions) {
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#pacer = new SendPacer(options.pacing);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    // At ~30 sends/s and a few hundred ms per send, 16 at once keeps the pace without piling up.
    this.#maxInFlight = options.maxInFlight ?? 16;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New entries were queued: look at the outbox now rather than at the next planned wake-up. */
  kick(): void {
    this.#wake();
  }

  /** Starts no more sends and waits for those under way to be recorded (for shutdown); releases idle() waiters. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake();
    await this.#loop;
    await Promise.all(this.#inFlight.values());
    this.#releaseIdle();
  }

  /** Whether a send is under way or an entry is due now. */
  get busy(): boolean {
    return !this.#isIdle();
  }

  /**
   * Resolves when no send is under way and every entry left waits on a backoff (notBefore in the future),
   * which includes an empty outbox. Entries held back only by the rate limits are not idle: they go soon.
   */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Resolves when the outbox is empty and no send is under way (backoffs included: it may take minutes). */
  drained(): Promise<void> {
    if (this.#isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const wakeAt = this.#launchDue();
      if (this.#isIdle()) this.#releaseIdle();
      if (this.#isDrained()) this.#releaseDrained();
      const woken = new Promise<void>((resolve) => (this.#wake = resolve));
      const stopSleeping = new AbortController();
      const delay = wakeAt - this.#clock.now();
      const waits = [woken];
      if (Number.isFinite(delay)) waits.push(this.#clock.sleep(Math.max(0, delay), stopSleeping.signal));
      await Promise.race(waits).catch(() => undefined);
      stopSleeping.abort();
    }
  }

  /** Starts every send that may go now; returns when to look again (Infinity: on a wake-up only). */
  #launchDue(): number {
    const now = this.#clock.now();
    let next = Infinity;
    for (const entry of this.#options.outbox.pending()) {
      if (this.#inFlight.size >= this.#maxInFlight) return next;
      if (this.#inFlight.has(entry.conversationId)) continue;
      const notBefore = entry.notBefore ? Date.parse(entry.notBefore) : now;
      const readyAt = Math.max(notBefore, this.#pacer.conversationReadyAt(entry.conversationId, now));
      if (readyAt > now) {
        next = Math.min(next, readyAt);
        continue;
      }
      const appReadyAt = this.#pacer.appReadyAt(now);
      if (appReadyAt > now) return Math.min(next, appReadyAt);
      if (!this.#options.outbox.claim(entry.id)) continue;
      this.#pacer.takeApp(now);
      const send = this.#deliver(entry).finally(() => {
        this.#inFlight.delete(entry.conversationId);
        this.#options.outbox.release(entry.id);
        this.#wake();
      });
      this.#inFlight.set(entry.conversationId, send);
    }
    return next;
  }

  async #deliver(entry: OutboxEntry): Promise<void> {
    try {
      await this.#attempt(entry);
    } catch (error) {
      // Only the outbox can fail here (a write); the entry stays and is tried again later.
      const { conversationId, alertKind } = entry;
      this.#pacer.hold(conversationId, this.#clock.now() + OUTBOX_TROUBLE_PAUSE_MS);
      this.#options.log.error(
        { err: error, conversationId, alertKind },
        'the alert outbox could not be updated',
      );
    }
  }

  async #attempt(entry: OutboxEntry): Promise<void> {
    const { outbox, sender, render, log } = this.#options;
    const { conversationId, alertKind } = entry;
    const posted = outbox.posted(alertKind, conversationId);
    // A post Teams gave no id cannot be edited: the next version goes out as a new message.
    const previous = posted?.activityId ? posted : undefined;
    if (entry.state === 'resolved' && previous?.state !== 'open') return outbox.drop(entry.id);
    let activity: OutgoingActivity | undefined;
    try {
      activity = render(entry, previous);
    } catch (error) {
      log.error({ err: error, conversationId, alertKind }, 'alert dropped: rendering it failed');
    }
    if (!activity) {
      log.warn({ conversationId, alertKind }, 'alert dropped: nothing to render');
      return outbox.drop(entry.id);
    }
    let activityId: string;
    try {
      // An open post is edited in place (changed or resolved); a resolved one stays as history.
      if (previous?.state === 'open') {
        activityId = await this.#edit(entry, previous.activityId, activity);
      } else {
        activityId = await sender.post(conversationId, activity);
      }
    } catch (error) {
      this.#pacer.recordConversation(conversationId, this.#clock.now());
      return this.#failed(entry, error);
    }
    this.#pacer.recordConversation(conversationId, this.#clock.now());
    // Sent but not recorded if this throws: the pause above keeps a retry from following right behind.
    await outbox.markDelivered(entry, activityId);
    this.#options.onDelivered?.(entry, activityId);
  }

  /** Edits the posted card; one deleted in Teams is posted again when the problem is still open. */
  async #edit(entry: OutboxEntry, activityId: string, activity: OutgoingActivity): Promise<string> {
    try {
      await this.#options.sender.update(entry.conversationId, activityId, activity);
      return activityId;
    } catch (error) {
      if (!isMessageGone(failureDetails(error))) throw error;
      this.#options.log.info(
        { conversationId: entry.conversationId, alertKind: entry.alertKind },
        'the alert card was deleted in Teams',
      );
      // Nobody needs a "resolved" card for a message they deleted; an open problem is posted again.
      return entry.state === 'resolved' ? '' : this.#options.sender.post(entry.conversationId, activity);
    }
  }

  async #failed(entry: OutboxEntry, error: unknown): Promise<void> {
    const { outbox, log } = this.#options;
    const { conversationId, alertKind } = entry;
    const failure = failureDetails(error);
    const details = { conversationId, alertKind, statusCode: failure.statusCode, errorCode: failure.code };
    const verdict = verdictOf(failure);
    if (verdict === 'gone') {
      log.info(details, 'the bot was removed from the conversation; forgetting it');
      try {
        await this.#options.onGone?.(conversationId);
      } catch (hookError) {
        log.warn({ ...details, err: hookError }, 'could not forget the conversation reference');
      }
      this.#pacer.forget(conversationId);
      return outbox.forgetConversation(conversationId);
    }
    if (verdict === 'drop') {
      log.warn({ ...details, err: error }, 'alert dropped: the connector refused it');
      return outbox.drop(entry.id);
    }
    const attempts = entry.attempts + 1;
    if (attempts >= this.#retry.maxAttempts) {
      log.error({ ...details, attempts }, 'alert dropped: still failing after the last retry');
      return outbox.drop(entry.id);
    }
    const now = this.#clock.now();
    if (failure.retryAfterMs !== undefined) this.#pacer.hold(conversationId, now + failure.retryAfterMs);
    const delay = retryDelayMs(this.#retry, attempts, failure.retryAfterMs, this.#random);
    return outbox.reschedule(entry.id, new Date(now + delay), attempts);
  }

  #isIdle(): boolean {
    if (this.#inFlight.size > 0) return false;
    const now = this.#clock.now();
    return this.#options.outbox
      .pending()
      .every((entry) => entry.notBefore !== undefined && Date.parse(entry.notBefore) > now);
  }

  #isDrained(): boolean {
    return this.#inFlight.size === 0 && this.#options.outbox.pending().length === 0;
  }

  #releaseDrained(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #releaseIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
