// Keeps proactive sends under Teams' rate limits: an even pace per app and sliding windows per conversation.

export interface RateWindow {
  limit: number;
  ms: number;
}

/** Teams' limits per bot per conversation. */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30_000 },
  { limit: 1800, ms: 3_600_000 },
];

export interface PacerOptions {
  /**
   * Teams allows about 30 requests/s per app and tenant. 28 keeps a margin for requests that leave
   * evenly spaced but arrive bunched, while still using over 90% of the limit.
   */
  appPerSecond: number;
  /** Sends that may go back to back after the pace fell behind (late timers), before spacing resumes. */
  appBurst: number;
  conversationWindows: readonly RateWindow[];
}

export const DEFAULT_PACER_OPTIONS: PacerOptions = {
  appPerSecond: 28,
  appBurst: 2,
  conversationWindows: TEAMS_CONVERSATION_WINDOWS,
};

export class SendPacer {
  readonly #interval: number;
  readonly #tolerance: number;
  readonly #windows: readonly RateWindow[];
  readonly #longest: number;
  // The theoretical time of the next app send (GCRA): spacing without a burst after an idle spell.
  #nextAppSend = -Infinity;
  readonly #sent = new Map<string, number[]>();
  readonly #heldUntil = new Map<string, number>();

  constructor(options: Partial<PacerOptions> = {}) {
    const { appPerSecond, appBurst, conversationWindows } = { ...DEFAULT_PACER_OPTIONS, ...options };
    this.#interval = 1000 / appPerSecond;
    this.#tolerance = this.#interval * Math.max(0, appBurst - 1);
    this.#windows = conversationWindows;
    this.#longest = Math.max(0, ...conversationWindows.map((window) => window.ms));
  }

  /** The earliest time (ms) the app may start another send. */
  appReadyAt(now: number): number {
    return Math.max(now, this.#nextAppSend - this.#tolerance);
  }

  /** Counts a send the app starts now. */
  takeApp(now: number): void {
    this.#nextAppSend = Math.max(this.#nextAppSend, now) + this.#interval;
  }

  /** The earliest time (ms) this conversation may receive another message. */
  conversationReadyAt(conversationId: string, now: number): number {
    let ready = Math.max(now, this.#heldUntil.get(conversationId) ?? -Infinity);
    const times = this.#sent.get(conversationId);
    if (!times) return ready;
    for (const { limit, ms } of this.#windows) {
      if (times.length >= limit) ready = Math.max(ready, times[times.length - limit] + ms);
    }
    return ready;
  }

  /**
   * Counts a send to the conversation at the moment its answer came back. Teams counts arrivals, which
   * fall between start and answer; sends to one conversation go one at a time, so counting from the
   * answer keeps the windows whatever the latency.
   */
  recordConversation(conversationId: string, answeredAt: number): void {
    const times = this.#sent.get(conversationId) ?? [];
    times.push(answeredAt);
    while (times.length > 0 && times[0] <= answeredAt - this.#longest) times.shift();
    this.#sent.set(conversationId, times);
  }

  /** Nothing goes to the conversation before `until` (a Retry-After the service asked for). */
  hold(conversationId: string, until: number): void {
    this.#heldUntil.set(conversationId, Math.max(until, this.#heldUntil.get(conversationId) ?? -Infinity));
  }

  forget(conversationId: string): void {
    this.#sent.delete(conversationId);
    this.#heldUntil.delete(conversationId);
  }
}
