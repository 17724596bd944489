import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { parse } from 'csv-parse/sync';
import type { SeedCustomer } from '../../sandbox/seed.js';
import type { CapturedActivity } from '../fakes/fakeConnector.js';
import { actionData, cardText } from '../fakes/testConversation.js';
import { openUrlOf } from './support/httpChat.js';
import {
  mapInStore,
  relationshipsOf,
  settle,
  startConsentSandbox,
  type ConsentSandbox,
} from './support/consentSandbox.js';

// Generous: one run over 200 clients is a few thousand Graph requests, about 20 s on 2 cores.
const RUN_TIMEOUT_MS = 180_000;
// The figure; CONSENT_ALL_CLIENTS makes a quicker run while working on this test.
const CLIENTS = Number(process.env.CONSENT_ALL_CLIENTS ?? 200);

const verdict = (label: string) => new RegExp(`\\*\\*${label}\\*\\*`);
// Graph's relationship ids: two GUIDs joined by '-', 73 characters; the bot must carry them whole.
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RELATIONSHIP_ID = new RegExp(`^${GUID}-${GUID}$`);

describe('Delegated access end to end: one client from no relationship to working', function () {
  this.timeout(60_000);
  let stack: ConsentSandbox;
  let client: SeedCustomer;

  before(async () => {
    // Delays long enough that the cards show Microsoft still at work before the test settles the sandbox.
    stack = await startConsentSandbox({
      customers: 40,
      seed: 11,
      approvalDelayMs: 200,
      assignmentDelayMs: 2_500,
    });
    client = stack.sandbox.state.customers.find(
      (customer) => customer.contract && relationshipsOf(stack.sandbox, customer.tenantId).length === 0,
    )!;
    await mapInStore(stack.bot, [client]);
  });
  after(async () => {
    await stack?.stop();
  });

  it('creates the relationship, is approved through the link, assigns access, consents and tests', async () => {
    const { sandbox, chat } = stack;
    const groupsBefore = sandbox.state.groups.length;

    await chat.say(`consent ${client.displayName}`);
    const none = await chat.next(verdict('No relationship'));
    assert.match(cardText(none), /There is no GDAP relationship with this customer/);

    await chat.press(none, 'Create the relationship');
    await chat.next(/^Done: Create the relationship '.+' with 13 roles/);
    const sent = await chat.next(verdict('Needs approval'));
    const [relationship] = relationshipsOf(sandbox, client.tenantId);
    assert.equal(relationship.status, 'approvalPending', 'created and locked for approval at once');
    assert.match(relationship.id, RELATIONSHIP_ID);
    const link = openUrlOf(sent, "Open link (customer's Global Admin only)");
    assert.equal(link, sandbox.approvalLink(relationship.id));
    assert.ok(link.endsWith(`/${relationship.id}`), 'the approval link ends with the whole 73-character id');
    assert.match(cardText(sent), new RegExp(`Global Administrator of .+ and open ${escape(link)}`));
    // The sign-in read the partner tenant's name from the sandbox's /organization: the customer sees who asks.
    const partner = escape(sandbox.state.partnerTenant.displayName);
    assert.match(cardText(sent), new RegExp(`Hello, ${partner} asks .+ — Thank you, ${partner}`));

    // The customer's admin opens the link: a plain GET, no cookies, no token.
    const approval = await fetch(link);
    assert.equal(approval.status, 200);
    assert.match(await approval.text(), /Relationship approved/);
    await settle(sandbox);

    await chat.press(sent, 'Refresh');
    const active = await chat.next(verdict('Needs access assignment'));
    assert.match(cardText(active), /is active, but roles are not yet usable \(not assigned: /);

    assert.equal(
      actionData(active, 'Create access assignments').stateKey,
      `create-access-assignments:${relationship.id}`,
    );
    await chat.press(active, 'Create access assignments');
    await chat.next(/^Done: Assign 13 roles to your security groups/);
    const applying = await chat.next(verdict('Needs access assignment'));
    assert.match(cardText(applying), /Waiting for Microsoft to apply \d+ access assignment\(s\)/);
    assert.doesNotMatch(
      cardText(applying),
      /\[Create access assignments\]/,
      'nothing to press while pending',
    );
    await settle(sandbox);

    await chat.press(applying, 'Refresh');
    const assigned = await chat.next(verdict('Needs consent'));
    assert.match(cardText(assigned), /Access assignments: 13 of 13 active/);

    await chat.press(assigned, 'Consent the app');
    await chat.next(/^Done: Consent the integration’s app in the customer tenant/);
    // Consented, but not working until the access test proves it.
    const consented = await chat.next(verdict('Needs access test'));
    assert.match(cardText(consented), /App consent: given/);
    assert.match(cardText(consented), /Next step:\*\* Test access/);

    await chat.press(consented, 'Test access');
    await chat.next(/^Done: Test access with one read in the customer tenant/);
    const working = await chat.next(/Last access test: passed/);
    assert.match(cardText(working), verdict('Working'));
    assert.doesNotMatch(cardText(working), /Next step:/);

    const after = relationshipsOf(sandbox, client.tenantId);
    assert.equal(after.length, 1, 'exactly one relationship for the customer');
    assert.equal(after[0].status, 'active');
    // The roles went to the partner's existing "GDAP - <role>" groups, which the signed-in admin is in.
    assert.equal(sandbox.state.groups.length, groupsBefore, 'no new group was needed');
    const admin = sandbox.state.defaultUser.id;
    for (const assignment of after[0].accessAssignments) {
      assert.equal(assignment.status, 'active');
      assert.ok(sandbox.state.groupsOf(admin).some((group) => group.id === assignment.securityGroupId));
    }
    assert.equal(stack.bot.app.store.data.accessTests[client.tenantId.toLowerCase()]?.ok, true);
  });
});

describe(`Consent all end to end: ${CLIENTS} mapped clients, injected failures, and a second run`, function () {
  // One scenario holds both runs: room for every wait in its steps, added up.
  this.timeout(5 * RUN_TIMEOUT_MS);
  let stack: ConsentSandbox;
  let clients: SeedCustomer[];
  /** Each client's own GDAP relationship status as seeded: 'none' when it had none (a Microsoft-led one aside). */
  let seeded: Map<SeedCustomer, string>;
  let relationshipsBefore: Map<SeedCustomer, number>;
  let failing: { consentDown: SeedCustomer; assignmentDenied: SeedCustomer; consentRefused: SeedCustomer };

  const withStatus = (...statuses: string[]) =>
    clients.filter((client) => statuses.includes(seeded.get(client)!));
  // Seeded invitations were sent long ago: like Microsoft's, they lapsed 90 days after they were sent and read expired.
  const lapsedInvitations = () => withStatus('approvalPending');
  // Nothing in the sandbox finishes an activation the seed started: those wait for Microsoft for good.
  const stuckActivating = () => withStatus('approved', 'activating');
  // Graph refuses access assignments on a relationship that is expiring.
  const expiring = () => withStatus('expiring');

  before(async function () {
    this.timeout(60_000);
    stack = await startConsentSandbox({ customers: 230, seed: 11, approvalDelayMs: 0, assignmentDelayMs: 0 });
    const { sandbox } = stack;
    clients = sandbox.state.customers.filter((customer) => customer.contract).slice(0, CLIENTS);
    seeded = new Map(clients.map((client) => [client, ownRelationship(stack, client)?.status ?? 'none']));
    relationshipsBefore = new Map(
      clients.map((client) => [client, relationshipsOf(sandbox, client.tenantId).length]),
    );
    const [consentDown, assignmentDenied, consentRefused] = withStatus('active');
    failing = { consentDown, assignmentDenied, consentRefused };
    await mapInStore(stack.bot, clients);
  });
  after(async () => {
    await stack?.stop();
  });

  // Each step works on what the steps before it left in the sandbox, so they run as one scenario, in this order;
  // a step takes the card it starts from and returns the one the next step needs.

  /** Previews what comes next for each client, and changes nothing; returns the preview card. */
  async function previewChangingNothing(): Promise<Partial<Activity>> {
    const { chat, sandbox } = stack;
    const relationships = sandbox.state.relationships.length;
    await chat.say('consent');
    const overview = await chat.next(
      new RegExp(`${CLIENTS} mapped clients: 0 working, ${CLIENTS} need something\\.`),
      30_000,
    );
    await chat.press(overview, 'Consent all');
    const preview = await chat.next(/This is what comes next for each/, 30_000);
    const text = cardText(preview);
    assert.match(text, new RegExp(`${CLIENTS} of ${CLIENTS} customers need something`));
    assert.match(text, new RegExp(`…and ${CLIENTS - 20} more\\.`));
    assert.match(text, new RegExp(`\\[Run for all ${CLIENTS} customers\\]`));
    const [first] = withStatus('none')
      .map((client) => client.displayName)
      .sort((a, b) => a.localeCompare(b));
    assert.match(text, new RegExp(`${escape(first)}: Create the relationship 'GDAP-.+' with 13 roles`));
    assert.equal(text.split('GDAP - User Administrator').length - 1, 1, 'the groups are named once');
    assert.equal(sandbox.state.relationships.length, relationships, 'a preview only reads');
    return preview;
  }

  /** Runs for all from the preview: reports the failures, rides out throttling, takes the rest as far as they go. */
  async function runThroughFailuresAndThrottling(preview: Partial<Activity>): Promise<Partial<Activity>> {
    const { sandbox, bot } = stack;
    // Hard failures on three clients' own calls first (the earlier fault wins), then throttling on anyone's.
    const hard = [
      sandbox.faults.add({
        method: 'POST',
        pathPattern: consentPath(failing.consentDown),
        status: 500,
        times: 1,
      }),
      sandbox.faults.add({
        method: 'POST',
        pathPattern: new RegExp(
          `/${ownRelationship(stack, failing.assignmentDenied)!.id}/accessAssignments$`,
        ),
        status: 403,
        times: 1,
      }),
      sandbox.faults.add({
        method: 'POST',
        pathPattern: consentPath(failing.consentRefused),
        status: 403,
        times: 1,
        message: 'The partner is not authorized to consent for this customer.',
      }),
    ];
    const throttling = [
      { method: 'GET', pathPattern: /\/delegatedAdminRelationships$/ },
      { method: 'POST', pathPattern: /\/accessAssignments$/ },
      { method: 'POST', pathPattern: /\/applicationconsents$/ },
    ].map((where) => sandbox.faults.add({ ...where, status: 429, times: 2, retryAfterSeconds: 1 }));

    const run = await runFrom(stack, preview);
    for (const fault of [...hard, ...throttling]) assert.equal(fault.remaining, 0, 'every fault was met');

    assert.ok(run.progress.length >= 1, 'the progress message was updated');
    assert.equal(new Set(run.progress.map((update) => update.activityId)).size, 1, 'one message, updated');
    for (const update of run.progress)
      assert.match(String(update.body.text), new RegExp(`^Consent all: \\d+ of ${CLIENTS} customers done…$`));

    const summary = summaryOf(run.results);
    const failed = [failing.consentDown, failing.assignmentDenied, failing.consentRefused];
    assert.deepEqual([...summary.failures.keys()].sort(), failed.map((client) => client.displayName).sort());
    const reason = (client: SeedCustomer) => summary.failures.get(client.displayName)!;
    assert.match(reason(failing.consentDown), /Microsoft could not be reached or failed to answer/);
    assert.match(reason(failing.assignmentDenied), /needs the Partner Center Admin Agent role/);
    assert.match(reason(failing.consentRefused), /refused the consent \(403\).*not authorized to consent/);
    // Microsoft takes no access assignments on an expiring relationship: each got a replacement to approve.
    for (const client of expiring()) {
      const statuses = relationshipsOf(sandbox, client.tenantId).map((relationship) => relationship.status);
      assert.deepEqual(statuses.sort(), ['approvalPending', 'expiring'], client.displayName);
    }

    // Throttled requests were retried: no client failed for them, and the rest went as far as they can.
    assert.equal(summary.total, CLIENTS);
    assert.equal(summary.waitingForMicrosoft, stuckActivating().length);
    assert.equal(
      summary.working + summary.waitingForCustomer,
      CLIENTS - failed.length - stuckActivating().length,
    );
    for (const client of clients) {
      if (failed.includes(client) || stuckActivating().includes(client)) continue;
      const working = bot.app.store.data.accessTests[client.tenantId.toLowerCase()]?.ok === true;
      const sentForApproval = relationshipsOf(sandbox, client.tenantId).some(
        (relationship) => relationship.status === 'approvalPending',
      );
      assert.ok(working !== sentForApproval, `${client.displayName} is working or waits for its customer`);
    }
    return run.results;
  }

  /** Lists every customer the first run left waiting for approval, as a card and as a CSV download. */
  async function listWaitingForApproval(firstResults: Partial<Activity>): Promise<void> {
    const { chat, sandbox } = stack;
    const { waitingForCustomer } = summaryOf(firstResults);
    await chat.press(firstResults, `Approval links (${waitingForCustomer})`);
    const list = await chat.next(/waiting for approval, the longest waiting first/, 60_000);
    assert.match(cardText(list), new RegExp(`${waitingForCustomer} customers are waiting for approval`));

    const csv = await fetch(openUrlOf(list, 'CSV'));
    assert.equal(csv.status, 200);
    const rows = parse(await csv.text(), { bom: true }) as string[][];
    assert.equal(rows.length - 1, waitingForCustomer);
    const pending = new Map(
      clients.flatMap((client) =>
        relationshipsOf(sandbox, client.tenantId)
          .filter((relationship) => relationship.status === 'approvalPending')
          .map((relationship) => [client.tenantId.toLowerCase(), sandbox.approvalLink(relationship.id)]),
      ),
    );
    for (const row of rows.slice(1)) assert.equal(row[4], pending.get(row[2].toLowerCase()), row[0]);
    assert.equal((await fetch(openUrlOf(list, 'CSV').replace(/sig=[^&]+/, 'sig=forged'))).status, 403);
  }

  /** After the customers approve, a second run from the first run's results finishes the job. */
  async function approveAndRunAgain(firstResults: Partial<Activity>): Promise<void> {
    const { chat, sandbox } = stack;
    // Each customer's admin opens the approval link of every request waiting for them, with a plain GET.
    for (const client of clients) {
      for (const relationship of relationshipsOf(sandbox, client.tenantId)) {
        if (relationship.status !== 'approvalPending') continue;
        const page = await fetch(sandbox.approvalLink(relationship.id));
        // Only the bot's own fresh requests are still waiting; the lapsed ones read expired and were replaced.
        assert.equal(page.status, 200, await page.text());
      }
    }
    await settle(sandbox);

    await chat.press(firstResults, 'Run again');
    const again = await chat.next(/This is what comes next for each/, RUN_TIMEOUT_MS);
    const run = await runFrom(stack, again);
    const summary = summaryOf(run.results);

    // Left: clients that wait for Microsoft; none failed.
    const left = stuckActivating();
    assert.deepEqual([...summary.failures.keys()], []);
    assert.equal(summary.working, CLIENTS - left.length);
    assert.equal(summary.waitingForMicrosoft, stuckActivating().length);
    // A lapsed invitation cannot be approved any more: the bot sent a new one, which the customer approved.
    assert.equal(summary.waitingForCustomer, 0);
    for (const client of lapsedInvitations()) {
      const statuses = relationshipsOf(sandbox, client.tenantId).map((relationship) => relationship.status);
      assert.deepEqual(statuses.sort(), ['active', 'expired']);
    }

    await chat.say('consent');
    await chat.next(
      new RegExp(
        `${CLIENTS} mapped clients: ${CLIENTS - left.length} working, ${left.length} need something\\.`,
      ),
      RUN_TIMEOUT_MS,
    );
  }

  /** Over both runs, no customer got a second relationship. */
  function assertNoSecondRelationship(): void {
    const { sandbox, seededRelationshipIds } = stack;
    // Without a usable relationship of its own with every role, a client gets exactly one new one; else none.
    const neededOne = withStatus(
      'expiring',
      'none',
      'expired',
      'terminated',
      'terminating',
      'terminationRequested',
      'approvalPending',
    );
    for (const client of clients) {
      const now = relationshipsOf(sandbox, client.tenantId);
      const created = now.filter((relationship) => !seededRelationshipIds.has(relationship.id));
      assert.equal(now.length - relationshipsBefore.get(client)!, created.length);
      assert.equal(created.length, neededOne.includes(client) ? 1 : 0, client.displayName);
    }
  }

  it(
    `previews ${CLIENTS} clients changing nothing, runs for all through failures and throttling, lists who ` +
      'waits for approval, and once they approve a second run finishes the job, with no second relationship',
    async () => {
      const preview = await previewChangingNothing();
      const firstResults = await runThroughFailuresAndThrottling(preview);
      await listWaitingForApproval(firstResults);
      await approveAndRunAgain(firstResults);
      assertNoSecondRelationship();
    },
  );
});

/** The client's own relationship from the seed: the generator gives each at most one, besides a Microsoft-led one. */
function ownRelationship(stack: ConsentSandbox, client: SeedCustomer) {
  return relationshipsOf(stack.sandbox, client.tenantId).find(
    (relationship) =>
      stack.seededRelationshipIds.has(relationship.id) && !relationship.displayName.startsWith('MLT_'),
  );
}

const consentPath = (client: SeedCustomer) =>
  new RegExp(`/customers/${client.tenantId}/applicationconsents$`, 'i');

/** Presses "Run for all N customers" on a preview; resolves with the results card and the progress updates. */
async function runFrom(
  stack: ConsentSandbox,
  preview: Partial<Activity>,
): Promise<{ results: Partial<Activity>; progress: CapturedActivity[] }> {
  const { chat, bot } = stack;
  const [, button] = /\[(Run for all \d+ customers)\]/.exec(cardText(preview))!;
  const from = bot.connector.received.length;
  await chat.press(preview, button);
  await chat.next(new RegExp(`^Consent all: starting for ${CLIENTS} customers…$`));
  const results = await chat.next(/Consent all: results/, RUN_TIMEOUT_MS);
  // Alert cards edited meanwhile (the run fixed what they were about) are edits too, but not progress.
  const progress = bot.connector.received
    .slice(from)
    .filter((captured) => captured.method === 'PUT' && !captured.body.attachments?.length);
  return { results, progress };
}

/** The numbers and the failed clients (organization → reason) of a "Consent all: results" card. */
function summaryOf(results: Partial<Activity>) {
  const text = cardText(results);
  const counts =
    /All (\d+) customers: (\d+) working, (\d+) waits? for their customer, (\d+) waits? for Microsoft, (\d+) failed or (?:is|are) blocked\./.exec(
      text,
    );
  assert.ok(counts, text);
  const [, total, working, waitingForCustomer, waitingForMicrosoft, failed] = counts.map(Number);
  const failures = new Map(
    [...text.matchAll(/^• \*\*(.+?)\*\*: (.*)$/gm)].map(([, name, reason]) => [name, reason]),
  );
  assert.equal(failures.size, failed, 'every failure is listed');
  return { total, working, waitingForCustomer, waitingForMicrosoft, failures };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
