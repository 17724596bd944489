// A person in one Teams chat, over HTTP: sends messages and card clicks, reads what the bot posts next.
import type { Activity } from 'botbuilder';
import type { CapturedActivity, FakeConnector } from '../../fakes/fakeConnector.js';
import { messageActivity, submitActivity, type TeamsIdentity } from '../../fakes/teamsActivities.js';
import { actionData, cardText } from '../../fakes/testConversation.js';

export class HttpChat {
  private seen = 0;

  constructor(
    private readonly post: (activity: object) => Promise<{ status: number; body: string }>,
    private readonly connector: FakeConnector,
    readonly who: TeamsIdentity,
  ) {}

  private get conversationId(): string {
    return this.who.conversationId ?? `a:personal-${this.who.userAadId}`;
  }

  /** Skips everything the bot posted so far, e.g. for a chat picked up again after a restart. */
  skipPosted(): void {
    this.seen = this.connector.received.length;
  }

  async say(text: string): Promise<void> {
    await this.expectAccepted(this.post(messageActivity(this.who, text)));
  }

  /** Clicks a button of a card the bot posted, sending the card's inputs along. */
  async press(card: Partial<Activity>, title: string, inputs: Record<string, unknown> = {}): Promise<void> {
    await this.expectAccepted(this.post(submitActivity(this.who, { ...actionData(card, title), ...inputs })));
  }

  /**
   * A double click: two submits of one button sent together, as Teams sends them, both naming the
   * card's message in replyToId. Resolves with everything the bot posted for the two.
   */
  async doubleClick(
    card: Partial<Activity>,
    title: string,
    inputs: Record<string, unknown> = {},
  ): Promise<Partial<Activity>[]> {
    const replyToId = this.connector.received.find((captured) => captured.body === card)?.answeredId;
    const click = { ...submitActivity(this.who, { ...actionData(card, title), ...inputs }), replyToId };
    const before = this.connector.received.length;
    await Promise.all([
      this.expectAccepted(this.post({ ...click, id: `${click.id}-1` })),
      this.expectAccepted(this.post({ ...click, id: `${click.id}-2` })),
    ]);
    const posted = this.connector.received.slice(before);
    this.seen = this.connector.received.length;
    return posted
      .filter((captured) => captured.conversationId === this.conversationId)
      .map((captured) => captured.body as Partial<Activity>);
  }

  /** The next thing the bot posts in this chat whose text matches; earlier posts are skipped. */
  async next(pattern: RegExp, timeoutMs = 10_000): Promise<Partial<Activity>> {
    const matches = (captured: CapturedActivity) =>
      captured.conversationId === this.conversationId &&
      pattern.test(cardText(captured.body) || captured.body.text || '');
    const found = await this.connector.waitFor((captured) => {
      const index = this.connector.received.indexOf(captured);
      return index >= this.seen && matches(captured);
    }, timeoutMs);
    this.seen = this.connector.received.indexOf(found) + 1;
    return found.body as Partial<Activity>;
  }

  private async expectAccepted(response: Promise<{ status: number; body: string }>): Promise<void> {
    const { status, body } = await response;
    if (status >= 300) throw new Error(`the bot answered ${status}: ${body}`);
  }
}

/** The URL behind a card's Action.OpenUrl button. */
export function openUrlOf(card: Partial<Activity>, title: string): string {
  // The card's own actions, or an ActionSet's in its body (where a link sits beside the text it belongs to).
  let url: string | undefined;
  const walk = (node: unknown): void => {
    if (url !== undefined || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const item = node as { type?: unknown; title?: unknown; url?: unknown };
    if (item.type === 'Action.OpenUrl' && item.title === title && typeof item.url === 'string')
      url = item.url;
    else Object.values(node).forEach(walk);
  };
  walk(card.attachments?.[0]?.content);
  if (!url) throw new Error(`no "${title}" link on the card`);
  return url;
}
