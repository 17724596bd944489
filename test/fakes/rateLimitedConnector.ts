// A Bot Framework connector stand-in that enforces Teams' rate limits and fails some requests, like the real one.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_CONVERSATION_WINDOWS, type RateWindow } from '../../services/alerts/sendPacer.js';

export interface AcceptedMessage {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  body: { type?: string; text?: string; summary?: string; attachments?: unknown[] };
}

export interface RateLimitedConnectorOptions {
  /** Requests per second over the whole app (any 1 s window); Teams allows about 30. */
  appPerSecond?: number;
  conversationWindows?: readonly RateWindow[];
  /** Shares of requests answered 502 / 429 (Retry-After 1) at random, besides the limits. */
  badGatewayRate?: number;
  throttleRate?: number;
  random?: () => number;
  /** Milliseconds on the clock the limits are judged by: real time unless a test runs on a virtual clock. */
  now?: () => number;
}

export interface ConnectorStats {
  requests: number;
  /** 429s because a limit was exceeded. */
  limitedByApp: number;
  limitedByConversation: number;
  injected429: number;
  injected502: number;
  forbidden403: number;
  /** Requests held by stall() whose connection closed before they were answered. */
  abandoned: number;
}

export class RateLimitedConnector {
  readonly accepted: AcceptedMessage[] = [];
  readonly stats: ConnectorStats = {
    requests: 0,
    limitedByApp: 0,
    limitedByConversation: 0,
    injected429: 0,
    injected502: 0,
    forbidden403: 0,
    abandoned: 0,
  };
  readonly #uninstalled = new Set<string>();
  readonly #appArrivals: number[] = [];
  readonly #conversationArrivals = new Map<string, number[]>();
  readonly #options: Required<RateLimitedConnectorOptions>;
  readonly #acceptWaiters: { count: number; resolve: () => void }[] = [];
  #held:
    | { release: Promise<void>; resolve: () => void; count: number; closed: number; waiters: (() => void)[] }
    | undefined;
  #server?: Server;
  #nextId = 1;

  constructor(options: RateLimitedConnectorOptions = {}) {
    this.#options = {
      appPerSecond: 30,
      conversationWindows: TEAMS_CONVERSATION_WINDOWS,
      badGatewayRate: 0,
      throttleRate: 0,
      random: Math.random,
      now: () => performance.now(),
      ...options,
    };
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.#held?.resolve();
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server!.close(resolve));
  }

  /** The app was removed from the conversation: its requests get 403 BotNotInConversationRoster. */
  uninstall(conversationId: string): void {
    this.#uninstalled.add(conversationId);
  }

  messagesIn(conversationId: string): AcceptedMessage[] {
    return this.accepted.filter((message) => message.conversationId === conversationId);
  }

  /** Resolves once `count` messages in all have been accepted. */
  waitForAccepted(count: number): Promise<void> {
    if (this.accepted.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#acceptWaiters.push({ count, resolve }));
  }

  /** From now on requests are held unanswered (and not recorded) until resume(). */
  stall(): void {
    let resolve = () => undefined as void;
    const release = new Promise<void>((done) => (resolve = done));
    this.#held ??= { release, resolve, count: 0, closed: 0, waiters: [] };
  }

  /** Resolves once at least `count` requests are being held. */
  waitForHeld(count: number): Promise<void> {
    const held = this.#held;
    if (!held) return Promise.reject(new Error('RateLimitedConnector: not stalled'));
    if (held.count >= count) return Promise.resolve();
    return new Promise((resolve) => held.waiters.push(() => held.count >= count && resolve()));
  }

  /** Resolves once the connection of every request held so far has closed (its client was killed). */
  waitForHeldClosed(): Promise<void> {
    const held = this.#held;
    if (!held) return Promise.reject(new Error('RateLimitedConnector: not stalled'));
    if (held.closed >= held.count) return Promise.resolve();
    return new Promise((resolve) => held.waiters.push(() => held.closed >= held.count && resolve()));
  }

  resume(): void {
    this.#held?.resolve();
    this.#held = undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      return answer(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    }
    if (this.#held) {
      const held = this.#held;
      held.count += 1;
      let gone = false;
      req.socket.once('close', () => {
        gone = true;
        held.closed += 1;
        for (const waiter of held.waiters) waiter();
      });
      for (const waiter of held.waiters) waiter();
      await held.release;
      // A held request whose client is gone was never answered: it counts as not delivered.
      if (gone || res.destroyed || req.socket.destroyed) {
        this.stats.abandoned += 1;
        return;
      }
    }
    this.stats.requests += 1;
    const conversationId = decodeURIComponent(match[1]);
    const now = this.#options.now();
    if (this.#uninstalled.has(conversationId)) {
      this.stats.forbidden403 += 1;
      return answer(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'removed' } });
    }
    const appWait = waitFor(this.#appArrivals, [{ limit: this.#options.appPerSecond, ms: 1000 }], now);
    const arrivals = this.#conversationArrivals.get(conversationId) ?? [];
    const conversationWait = waitFor(arrivals, this.#options.conversationWindows, now);
    this.#appArrivals.push(now);
    if (appWait > 0 || conversationWait > 0) {
      if (appWait > 0) this.stats.limitedByApp += 1;
      else this.stats.limitedByConversation += 1;
      const seconds = Math.max(1, Math.ceil(Math.max(appWait, conversationWait) / 1000));
      return answer(res, 429, { error: { code: 'Throttled', message: 'too many requests' } }, seconds);
    }
    arrivals.push(now);
    this.#conversationArrivals.set(conversationId, arrivals);
    const roll = this.#options.random();
    if (roll < this.#options.badGatewayRate) {
      this.stats.injected502 += 1;
      return answer(res, 502, { error: { code: 'BadGateway', message: 'injected' } });
    }
    if (roll < this.#options.badGatewayRate + this.#options.throttleRate) {
      this.stats.injected429 += 1;
      return answer(res, 429, { error: { code: 'Throttled', message: 'injected' } }, 1);
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as AcceptedMessage['body'];
    const activityId = req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `m-${this.#nextId++}`;
    this.accepted.push({ method: req.method, conversationId, activityId, body });
    for (const waiter of [...this.#acceptWaiters]) {
      if (this.accepted.length < waiter.count) continue;
      this.#acceptWaiters.splice(this.#acceptWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    answer(res, req.method === 'PUT' ? 200 : 201, { id: activityId });
  }
}

/** How long until one more arrival fits every window (0: it fits now); drops arrivals older than them all. */
function waitFor(arrivals: number[], windows: readonly RateWindow[], now: number): number {
  const longest = Math.max(...windows.map((window) => window.ms));
  while (arrivals.length > 0 && arrivals[0] <= now - longest) arrivals.shift();
  let wait = 0;
  for (const { limit, ms } of windows) {
    if (arrivals.length < limit) continue;
    wait = Math.max(wait, arrivals[arrivals.length - limit] + ms - now);
  }
  return wait;
}

function answer(res: ServerResponse, status: number, body: unknown, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  // Two calls: once restify is loaded in the process, writeHead no longer returns the response.
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}
