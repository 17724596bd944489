// The customer approval link: a plain HTTP GET approves a relationship, which Microsoft then activates, as in the admin center.
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../sandbox/sandboxServer.js';
import { partnerCenterBaseUrl, sandboxApprovalLinkBase } from '../../../sandbox/sandboxUrls.js';
import { trustCertificateAuthority } from '../../../services/http/trustCertificateAuthority.js';
import {
  RELATIONSHIPS,
  customerId,
  graphCaller,
  relationshipAwaitingApproval,
  type GraphCall,
} from './graphForTest.js';
import { signInAs } from './signInForTest.js';

const DAY_MS = 86_400_000;

describe('Customer approval link in the sandbox', () => {
  let sandbox: RunningSandbox;
  let graph: GraphCall;

  before(async () => {
    sandbox = await startSandbox({ approvalDelayMs: 200 });
    trustCertificateAuthority(sandbox.caCertPem);
    graph = graphCaller(sandbox, await signInAs(sandbox));
  });
  after(() => sandbox.close());

  const open = async (link: string) => {
    const response = await fetch(link);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      html: await response.text(),
    };
  };

  it('serves the link at a path under a base the bot appends the relationship id to', async () => {
    assert.equal(
      sandbox.approvalLinkBase,
      `${sandbox.baseUrl}/AdminPortal/Home/partners/invitation/granularAdminRelationships/`,
    );
    assert.equal(sandboxApprovalLinkBase(sandbox.baseUrl), sandbox.approvalLinkBase);
    assert.equal(sandbox.approvalLink('abc'), `${sandbox.approvalLinkBase}abc`);
    const info = await (await fetch(`${sandbox.baseUrl}/sandbox/info`)).json();
    assert.equal(info.approvalLinkBase, sandbox.approvalLinkBase);
    assert.equal(info.partnerCenterBaseUrl, partnerCenterBaseUrl(sandbox.baseUrl));
  });

  it('moves an approved relationship through approved and activating to active, then lists the customer', async () => {
    const customer = customerId(sandbox, 'Fjordlys Solkraft AS');
    const id = await relationshipAwaitingApproval(graph, customer);
    const seen: string[] = [];
    sandbox.events.on('relationshipStatus', (event) => {
      if (event.relationshipId === id) seen.push(event.status);
    });

    const page = await open(sandbox.approvalLink(id));
    assert.equal(page.status, 200);
    assert.match(page.type ?? '', /text\/html/);
    assert.match(page.html, /Relationship approved/);
    assert.equal((await graph('GET', `${RELATIONSHIPS}/${id}`)).json.status, 'approved');

    await sandbox.settled();
    assert.deepEqual(seen, ['approved', 'activating', 'active']);
    const active = (await graph('GET', `${RELATIONSHIPS}/${id}`)).json;
    assert.equal(active.status, 'active');
    const activated = Date.parse(active.activatedDateTime);
    assert.ok(Date.now() - activated < 60_000);
    assert.equal(Date.parse(active.endDateTime) - activated, 730 * DAY_MS);
    const customers = await graph('GET', '/tenantRelationships/delegatedAdminCustomers');
    assert.ok(customers.json.value.some((item: { tenantId: string }) => item.tenantId === customer));
  });

  it('answers an unknown relationship id with a 404 page', async () => {
    const page = await open(sandbox.approvalLink('00000000-0000-4000-8000-000000000000'));
    assert.equal(page.status, 404);
    assert.match(page.html, /Request not found/);
  });

  it('refuses with 409 and the status a relationship that is not waiting for approval', async () => {
    const active = sandbox.state.relationships.find((relationship) => relationship.status === 'active')!;
    const page = await open(sandbox.approvalLink(active.id));
    assert.equal(page.status, 409);
    assert.match(page.html, /is active/);
    assert.equal(sandbox.state.relationship(active.id)?.status, 'active');
  });

  it('refuses with 410 a request left unapproved for more than 90 days, which then reads expired', async () => {
    const stale = sandbox.state.relationships.find(
      (relationship) => relationship.displayName === 'CIT GDAP - School of Fine Art',
    )!;
    const page = await open(sandbox.approvalLink(stale.id));
    assert.equal(page.status, 410);
    assert.match(page.html, /not approved within 90 days/);
    assert.equal((await graph('GET', `${RELATIONSHIPS}/${stale.id}`)).json.status, 'expired');
  });

  it('reads a request unapproved for 90 days as expired, as Graph does, and its link still answers 410', async () => {
    const customer = customerId(sandbox, 'Zürcher Treuhand AG');
    const lapsed = await relationshipAwaitingApproval(graph, customer);
    sandbox.state.relationship(lapsed)!.lastModifiedDateTime = new Date(
      Date.now() - 91 * DAY_MS,
    ).toISOString();
    assert.equal((await graph('GET', `${RELATIONSHIPS}/${lapsed}`)).json.status, 'expired');
    const page = await open(sandbox.approvalLink(lapsed));
    assert.equal(page.status, 410);
    assert.match(page.html, /not approved within 90 days/);
  });

  it('counts the 90 days from the day the request was locked for approval', async () => {
    const customer = customerId(sandbox, 'Zürcher Treuhand AG');
    const fresh = await relationshipAwaitingApproval(graph, customer);
    const old = await relationshipAwaitingApproval(graph, customer);
    sandbox.state.relationship(fresh)!.lastModifiedDateTime = new Date(
      Date.now() - 89 * DAY_MS,
    ).toISOString();
    sandbox.state.relationship(old)!.lastModifiedDateTime = new Date(Date.now() - 91 * DAY_MS).toISOString();
    assert.equal((await open(sandbox.approvalLink(old))).status, 410);
    assert.equal((await open(sandbox.approvalLink(fresh))).status, 200);
  });

  it('lets any customer accept an open invitation, naming itself in the link', async () => {
    const invitation = sandbox.state.relationships.find((relationship) => relationship.customer === null)!;
    const locked = await graph(
      'POST',
      `${RELATIONSHIPS}/${invitation.id}/requests`,
      { action: 'lockForApproval' },
      { 'if-match': invitation.etag },
    );
    assert.equal(locked.status, 201);
    assert.equal((await open(sandbox.approvalLink(invitation.id))).status, 400);

    const customer = customerId(sandbox, "O'Brien & Murphy Solicitors");
    const page = await open(`${sandbox.approvalLink(invitation.id)}?customerTenantId=${customer}`);
    assert.equal(page.status, 200);
    const approved = (await graph('GET', `${RELATIONSHIPS}/${invitation.id}`)).json;
    assert.equal(approved.customer.tenantId, customer);
    assert.equal(approved.customer.displayName, "O'Brien & Murphy Solicitors");
  });
});
