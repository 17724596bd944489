// Alerts end to end: the real bot, the sandbox and a fake Teams connector; one card per subscribed chat, fixed, resolved.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { SeedCustomer } from '../../sandbox/seed.js';
import type { CapturedActivity } from '../fakes/fakeConnector.js';
import { installActivity, type TeamsIdentity } from '../fakes/teamsActivities.js';
import { cardText } from '../fakes/testConversation.js';
import { HttpChat } from './support/httpChat.js';
import {
  mapInStore,
  relationshipsOf,
  settle,
  startConsentSandbox,
  type ConsentSandbox,
} from './support/consentSandbox.js';

const CONFLICT = /Organizations linked to multiple customers/;
const ENDED = /Delegated access ended/;
const GONE = /Mapped to customers no longer in your CSP list/;
const verdict = (label: string) => new RegExp(`\\*\\*${label}\\*\\*`);

describe('Alerts end to end: conflicts and broken access reach every subscribed chat once', function () {
  this.timeout(60_000);
  let stack: ConsentSandbox;
  let personal: HttpChat;
  let channel: HttpChat;
  let group: HttpChat;

  const posts = (conversationId: string, heading: RegExp) =>
    stack.bot.connector.received.filter(
      (captured) =>
        captured.method === 'POST' &&
        captured.conversationId === conversationId &&
        heading.test(cardText(captured.body as Partial<Activity>)),
    );
  const updates = (conversationId: string, activityId: string) =>
    stack.bot.connector.received.filter(
      (captured) =>
        captured.method === 'PUT' &&
        captured.conversationId === conversationId &&
        captured.activityId === activityId,
    );
  // Everything the last change set in motion: the check, then every send it queued.
  const settled = () => stack.bot.app.quiet();
  const waitForPost = (conversationId: string, heading: RegExp) =>
    stack.bot.connector.waitFor(
      (captured: CapturedActivity) =>
        captured.method === 'POST' &&
        captured.conversationId === conversationId &&
        heading.test(cardText(captured.body as Partial<Activity>)),
      15_000,
    );

  async function joinChat(id: string, type: 'channel' | 'groupChat'): Promise<HttpChat> {
    const who: TeamsIdentity = { ...stack.chat.who, conversationId: id, conversationType: type };
    const chat = new HttpChat((activity) => stack.bot.post(activity), stack.bot.connector, who);
    await stack.bot.post(installActivity(who));
    await chat.next(/Welcome to CSP Integration Bot/);
    await chat.say('alerts on');
    await chat.next(/Alerts are on here/);
    return chat;
  }

  before(async function () {
    this.timeout(90_000);
    stack = await startConsentSandbox({ customers: 40, seed: 5, approvalDelayMs: 0, assignmentDelayMs: 0 });
    personal = stack.chat;
    channel = await joinChat('19:ops@thread.tacv2', 'channel');
    group = await joinChat('19:helpdesk@thread.v2', 'groupChat');
  });
  after(async () => {
    await stack?.stop();
  });

  const customersWith = (status: string) =>
    stack.sandbox.state.customers.filter(
      (customer) =>
        customer.contract &&
        relationshipsOf(stack.sandbox, customer.tenantId).length === 1 &&
        relationshipsOf(stack.sandbox, customer.tenantId)[0].status === status,
    );

  // A customer with one active relationship that no organization is mapped to yet.
  const unmappedWorkingCustomer = (): SeedCustomer =>
    customersWith('active').find(
      (customer) =>
        !Object.values(stack.bot.app.store.data.mappings).some(
          (mapping) => mapping.customerTenantId === customer.tenantId,
        ),
    )!;

  it('posts a conflict once to each subscribed chat, forgets the uninstalled one, and marks it resolved when fixed', async () => {
    const personalId = `a:personal-${personal.who.userAadId}`;
    const channelId = channel.who.conversationId!;
    const groupId = group.who.conversationId!;
    // The group chat removed the app: Teams answers 403 BotNotInConversationRoster from now on.
    stack.bot.connector.rule = (request) =>
      request.conversationId === groupId
        ? { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not in roster' } } }
        : undefined;

    // Two organizations' links arrive from another tool; one organization holds two customers.
    const [first, second] = customersWith('active');
    await mapInStore(stack.bot, [first]);
    const organizationId = `org-${first.tenantId}`;
    await stack.bot.app.store.update((data) => {
      data.mappings['imported-second'] = {
        id: 'imported-second',
        organizationId,
        customerTenantId: second.tenantId,
        createdAt: new Date().toISOString(),
        createdBy: 'import',
      };
      data.mappingRevision += 1;
    });

    const alert = await waitForPost(personalId, CONFLICT);
    await waitForPost(channelId, CONFLICT);
    await settled();
    const text = cardText(alert.body as Partial<Activity>);
    assert.match(text, /One or more organizations are linked to multiple customers\./);
    assert.equal(
      alert.body.summary,
      'Organizations linked to multiple customers',
      'the feed and notification text',
    );
    assert.match(text, new RegExp(`${escape(first.displayName)}.*\\n.*linked to`));
    assert.equal(posts(personalId, CONFLICT).length, 1);
    assert.equal(posts(channelId, CONFLICT).length, 1);
    assert.equal(posts(groupId, CONFLICT).length, 0);
    assert.equal(stack.bot.app.conversations.get(groupId), undefined, 'the uninstalled chat is forgotten');

    // The same open problem is not posted again, whatever checks run.
    await stack.bot.app.alerts.check();
    await settled();
    assert.equal(posts(personalId, CONFLICT).length, 1);

    // The fix, from the alert's own button: the organization's customers, and one press keeps the right one.
    await personal.press(alert.body as Partial<Activity>, 'Fix mapping');
    const fix = await personal.next(/Fix mapping: /);
    assert.match(cardText(fix), new RegExp(escape(second.displayName)));
    await personal.press(fix, 'Keep this one', { customerTenantId: first.tenantId });
    await personal.next(new RegExp(`is now linked only to \\*\\*${escape(first.displayName)}\\*\\*`));

    const resolvedHere = await stack.bot.connector.waitFor(
      (captured) => updates(personalId, alertIdOf(alert)).includes(captured),
      15_000,
    );
    assert.match(cardText(resolvedHere.body as Partial<Activity>), /Resolved: organizations linked/);
    const channelPost = posts(channelId, CONFLICT)[0];
    await stack.bot.connector.waitFor(
      (captured) => updates(channelId, alertIdOf(channelPost)).includes(captured),
      15_000,
    );
    await settled();
    assert.equal(posts(personalId, CONFLICT).length, 1, 'resolving edits the card; it posts nothing new');
    assert.ok(stack.bot.app.store.data.alerts['mapping-conflict'].resolvedAt);
  });

  it('problems a sync brings (access ended, a customer gone) are posted once; a sync without news posts nothing', async () => {
    const personalId = `a:personal-${personal.who.userAadId}`;
    const channelId = channel.who.conversationId!;
    const client = unmappedWorkingCustomer();
    await mapInStore(stack.bot, [client]);
    await settled();
    assert.equal(posts(personalId, ENDED).length, 0, 'working access raises nothing');

    const [relationship] = relationshipsOf(stack.sandbox, client.tenantId);
    stack.sandbox.state.setRelationshipStatus(relationship.id, 'terminated');
    await personal.say('sync');
    await personal.next(/Synced [\d,]+ CSP customers in/, 30_000);
    const alert = await waitForPost(personalId, ENDED);
    await waitForPost(channelId, ENDED);
    assert.match(cardText(alert.body as Partial<Activity>), new RegExp(escape(client.displayName)));

    await personal.say('sync');
    await personal.next(/Synced [\d,]+ CSP customers in/, 30_000);
    await settled();
    assert.equal(posts(personalId, ENDED).length, 1);
    assert.equal(posts(channelId, ENDED).length, 1);

    // A mapped customer the CSP list no longer holds (its contract and relationships gone at Microsoft).
    const leaving = unmappedWorkingCustomer();
    await mapInStore(stack.bot, [leaving]);
    await settled();
    delete (leaving as { contract?: unknown }).contract;
    for (const gone of relationshipsOf(stack.sandbox, leaving.tenantId))
      stack.sandbox.state.removeRelationship(gone.id);
    await personal.say('sync');
    await personal.next(/Synced [\d,]+ CSP customers in/, 30_000);
    const missing = await waitForPost(personalId, GONE);
    await waitForPost(channelId, GONE);
    assert.match(cardText(missing.body as Partial<Activity>), new RegExp(escape(leaving.displayName)));
    await settled();
    assert.equal(posts(personalId, GONE).length, 1);
    assert.equal(posts(personalId, ENDED).length, 1, 'the earlier alert is not posted again');

    // `conflicts` shows it on demand, with the button that opens the client's delegated access.
    await personal.say('conflicts');
    // One message, a card per open kind.
    const open = await stack.bot.connector.waitFor(
      (captured) =>
        captured.conversationId === personalId && /open problem kind/.test(captured.body.text ?? ''),
    );
    const cards = (open.body.attachments ?? []).map((card) => cardText({ attachments: [card] }));
    assert.equal(cards.length, 2);
    assert.match(cards.find((text) => ENDED.test(text)) ?? '', /\[Restore access\]/);
    assert.match(cards.find((text) => GONE.test(text)) ?? '', /\[Remap\]/);
  });

  // Goes on from the alert the test above posted: its client's relationship was terminated at Microsoft.
  it('access restored through the bot’s own card: the same posted cards are edited to Resolved, without a sync', async () => {
    const personalId = `a:personal-${personal.who.userAadId}`;
    const channelId = channel.who.conversationId!;
    const [alert] = posts(personalId, ENDED);
    const [channelPost] = posts(channelId, ENDED);
    assert.ok(alert && channelPost, 'the ended-access alert was posted to both chats');
    const syncedAt = stack.bot.app.store.data.customerSync.lastSuccessAt;
    const [item] = stack.bot.app.store.data.alerts['relationship-ended'].items;

    await personal.press(alert.body as Partial<Activity>, 'Restore access');
    const ended = await personal.next(verdict('Expired or terminated'));
    await personal.press(ended, 'Create the relationship');
    await personal.next(/^Done: Create the relationship/);
    let card = await personal.next(verdict('Needs approval'));
    const created = relationshipsOf(stack.sandbox, item.customerTenantId!).find(
      (relationship) => relationship.status === 'approvalPending',
    )!;
    assert.equal((await fetch(stack.sandbox.approvalLink(created.id))).status, 200);
    await settle(stack.sandbox);
    // Whatever the card offers next, until the client works again.
    for (let turn = 0; turn < 6 && !verdict('Working').test(cardText(card)); turn++) {
      const text = cardText(card);
      const button = ['Create access assignments', 'Consent the app', 'Test access', 'Refresh'].find(
        (title) => text.includes(`[${title}]`),
      );
      assert.ok(button, `no step to press on:\n${text}`);
      await personal.press(card, button);
      card = await personal.next(/\*\*(Working|Needs [a-z ]+)\*\*/);
      await settle(stack.sandbox);
    }
    assert.match(cardText(card), verdict('Working'));

    for (const [conversationId, posted] of [
      [personalId, alert],
      [channelId, channelPost],
    ] as const) {
      const edit = await stack.bot.connector.waitFor(
        (captured) =>
          updates(conversationId, alertIdOf(posted)).includes(captured) &&
          /Resolved: delegated access ended/.test(cardText(captured.body as Partial<Activity>)),
        15_000,
      );
      assert.match(cardText(edit.body as Partial<Activity>), new RegExp(escape(item.title)));
    }
    await settled();
    assert.equal(posts(personalId, ENDED).length, 1, 'the posted card was edited; nothing new was posted');
    assert.equal(posts(channelId, ENDED).length, 1);
    assert.equal(stack.bot.app.store.data.customerSync.lastSuccessAt, syncedAt, 'no sync ran');
    assert.ok(stack.bot.app.store.data.alerts['relationship-ended'].resolvedAt);
  });
});

// The id the connector gave the posted card: the bot must edit that message, not post another.
function alertIdOf(captured: CapturedActivity): string {
  return captured.answeredId ?? '';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
