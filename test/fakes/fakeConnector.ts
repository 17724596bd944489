// A Bot Framework connector stand-in: captures what the bot sends, like Teams' service URL would.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  method: string;
  conversationId: string;
  replyToId?: string;
  activityId?: string;
  authorization?: string;
  /** The id this connector answered with, as Teams gives a posted message's id. */
  answeredId?: string;
  body: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

/** Lets a test decide the answer to one request (status and body); undefined means "accept". */
export type ConnectorRule = (
  request: CapturedActivity,
) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export class FakeConnector {
  readonly received: CapturedActivity[] = [];
  rule: ConnectorRule = () => undefined;
  /** Holds every answer until the returned promise settles, e.g. to keep a turn in flight. */
  gate: () => Promise<void> = async () => undefined;
  private server?: Server;
  private waiters: { predicate: (a: CapturedActivity) => boolean; resolve: (a: CapturedActivity) => void }[] =
    [];
  private nextId = 1;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }

  /** Resolves with the first captured activity (already received or still to come) that matches. */
  waitFor(predicate: (a: CapturedActivity) => boolean, timeoutMs = 5000): Promise<CapturedActivity> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('FakeConnector: no matching activity arrived in time')),
        timeoutMs,
      );
      this.waiters.push({
        predicate,
        resolve: (activity) => {
          clearTimeout(timer);
          resolve(activity);
        },
      });
    });
  }

  cardsIn(conversationId: string): Record<string, unknown>[] {
    return this.received
      .filter((a) => a.conversationId === conversationId)
      .flatMap((a) => a.body.attachments ?? [])
      .map((attachment) => attachment.content);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (!match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    const captured: CapturedActivity = {
      method: req.method ?? 'POST',
      conversationId,
      authorization: req.headers.authorization,
      ...(req.method === 'PUT' ? { activityId: match[2] } : { replyToId: match[2] }),
      body: text ? (JSON.parse(text) as CapturedActivity['body']) : {},
    };
    await this.gate();
    const answer = this.rule(captured);
    if (answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
      return;
    }
    const id = match[1] ? `activity-${this.nextId++}` : `conversation-${this.nextId++}`;
    if (req.method === 'POST') captured.answeredId = id;
    this.received.push(captured);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(captured)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(captured);
      }
    }
    res.writeHead(match[1] ? 200 : 201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(match[1] ? { id } : { id, activityId: id }));
  }
}
