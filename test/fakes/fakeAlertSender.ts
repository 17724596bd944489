// An in-memory Teams for the notifier: conversations hold messages; failures can be scripted per conversation.
import type { AlertSender, OutgoingActivity } from '../../services/alerts/alertSender.js';
import { SendFailure, type FailureDetails } from '../../services/alerts/sendFailure.js';

export interface SentMessage {
  activityId: string;
  activity: OutgoingActivity;
  /** Times it was posted, then edited. */
  versions: OutgoingActivity[];
}

export interface Attempt {
  conversationId: string;
  kind: 'post' | 'update';
  at: number;
  outcome: 'ok' | number | 'network';
}

export class FakeAlertSender implements AlertSender {
  readonly conversations = new Map<string, SentMessage[]>();
  readonly attempts: Attempt[] = [];
  readonly #failures = new Map<string, (FailureDetails | 'network')[]>();
  readonly #removed = new Set<string>();
  #nextId = 1;
  /** The next posts answer without an id, as a connector might: they land, but cannot be edited. */
  postsWithoutId = 0;
  /** Holds every send until it settles, e.g. to keep one in flight. */
  gate: () => Promise<void> = async () => undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** The next sends to the conversation fail like this, in order. */
  failNext(conversationId: string, ...failures: (FailureDetails | 'network')[]): void {
    this.#failures.set(conversationId, [...(this.#failures.get(conversationId) ?? []), ...failures]);
  }

  /** The bot was removed: every send gets 403 BotNotInConversationRoster. */
  remove(conversationId: string): void {
    this.#removed.add(conversationId);
  }

  /** Someone deleted the message in Teams. */
  deleteMessage(conversationId: string, activityId: string): void {
    this.conversations.set(
      conversationId,
      this.messagesIn(conversationId).filter((message) => message.activityId !== activityId),
    );
  }

  messagesIn(conversationId: string): SentMessage[] {
    return this.conversations.get(conversationId) ?? [];
  }

  async post(conversationId: string, activity: OutgoingActivity): Promise<string> {
    await this.#attempt(conversationId, 'post');
    const message = { activityId: `m-${this.#nextId++}`, activity, versions: [activity] };
    this.conversations.set(conversationId, [...this.messagesIn(conversationId), message]);
    if (this.postsWithoutId > 0) {
      this.postsWithoutId--;
      return '';
    }
    return message.activityId;
  }

  async update(conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void> {
    await this.#attempt(conversationId, 'update');
    const message = this.messagesIn(conversationId).find((m) => m.activityId === activityId);
    if (!message) throw new SendFailure('no such activity', { statusCode: 404, code: 'ActivityNotFound' });
    message.activity = activity;
    message.versions.push(activity);
  }

  async #attempt(conversationId: string, kind: Attempt['kind']): Promise<void> {
    await this.gate();
    const at = this.now();
    if (this.#removed.has(conversationId)) {
      this.attempts.push({ conversationId, kind, at, outcome: 403 });
      throw new SendFailure('removed', { statusCode: 403, code: 'BotNotInConversationRoster' });
    }
    const failure = this.#failures.get(conversationId)?.shift();
    this.attempts.push({
      conversationId,
      kind,
      at,
      outcome:
        failure === undefined ? 'ok' : failure === 'network' ? 'network' : (failure.statusCode ?? 'network'),
    });
    if (failure === 'network') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (failure) throw new SendFailure('scripted failure', failure);
  }
}
