// The delegated-access use cases over the in-memory flow: what a card press runs, what the overview and preview count.
import assert from 'node:assert/strict';
import { ConsentCases } from '../../../../services/gdap/consentCases.js';
import type { MappedClient } from '../../../../services/gdap/mappedCustomers.js';
import { RecentVerdicts } from '../../../../services/gdap/recentVerdicts.js';
import { stateKeyOf } from '../../../../services/gdap/stateKey.js';
import type { FlowCustomer, LiveState } from '../../../../services/gdap/flowStep.js';
import type { Organization } from '../../../../services/store/storeData.js';
import { FakeConsentFlow } from '../../../fakes/fakeConsentFlow.js';

function organization(id: string, name: string): Organization {
  return { id, name, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' } as Organization;
}

function customer(n: number): FlowCustomer {
  return { tenantId: `0000000${n}-0000-4000-8000-00000000000${n}`, displayName: `Customer ${n}` };
}

/** Counts live reads, so a test can tell a fresh read from a reused verdict. */
class CountingFlow extends FakeConsentFlow {
  reads = 0;
  override async readState(customer: FlowCustomer): Promise<LiveState> {
    this.reads += 1;
    return super.readState(customer);
  }
}

describe('consent use cases', () => {
  let flow: CountingFlow;
  let clients: MappedClient[];
  let cases: ConsentCases;

  beforeEach(() => {
    flow = new CountingFlow();
    clients = [
      { organization: organization('org-b', 'Bravo'), customer: customer(1) },
      { organization: organization('org-a', 'Alpha'), customer: customer(2) },
      { organization: organization('org-c', 'Charlie'), customer: customer(3) },
    ];
    cases = new ConsentCases({ flow, mappedClients: () => clients, recent: new RecentVerdicts() });
  });

  it('opens a mapped client with its next step, and refuses one not mapped', async () => {
    const opened = await cases.open({ organizationId: 'org-a' });
    assert.equal(opened.kind, 'client');
    assert.equal(opened.kind === 'client' && opened.next.kind, 'create-relationship');
    assert.deepEqual(await cases.open({ organizationId: 'org-unknown' }), { kind: 'unmapped' });
  });

  it('runs the step a card showed once; a second press of the same card runs nothing', async () => {
    const opened = await cases.open({ organizationId: 'org-a' });
    assert.ok(opened.kind === 'client');
    const stateKey = stateKeyOf(opened.next);
    const ran = await cases.step({ organizationId: 'org-a', stateKey });
    assert.equal(ran.kind, 'ran');
    assert.equal(ran.kind === 'ran' && ran.done.kind, 'create-relationship');
    assert.notEqual(ran.kind === 'ran' && ran.next.kind, 'create-relationship');
    const again = await cases.step({ organizationId: 'org-a', stateKey });
    assert.equal(again.kind, 'moved');
    assert.equal(again.kind === 'moved' && again.pressed, stateKey);
    assert.equal(flow.ran.length, 1, 'the stale press ran nothing');
  });

  it('tells a press made while the same client’s step runs that it is going, and runs the step once', async () => {
    const opened = await cases.open({ organizationId: 'org-b' });
    assert.ok(opened.kind === 'client');
    const stateKey = stateKeyOf(opened.next);
    const [first, second] = await Promise.all([
      cases.step({ organizationId: 'org-b', stateKey }),
      cases.step({ organizationId: 'org-b', stateKey }),
    ]);
    assert.deepEqual([first.kind, second.kind], ['ran', 'going']);
    assert.equal(flow.ran.length, 1);
  });

  it('refuses a step for an organization no longer mapped, running nothing', async () => {
    const outcome = await cases.step({ organizationId: 'org-gone', stateKey: 'create-relationship:' });
    assert.deepEqual(outcome, { kind: 'unmapped' });
    assert.equal(flow.ran.length, 0);
  });

  it('sorts the overview by verdict then name, counts every client, and pages within bounds', async () => {
    const opened = await cases.open({ organizationId: 'org-c' });
    assert.ok(opened.kind === 'client');
    await cases.step({ organizationId: 'org-c', stateKey: stateKeyOf(opened.next) });
    const overview = await cases.overview({ filter: 'all', page: 9, fresh: true });
    assert.equal(overview.clients, 3);
    assert.equal(overview.page, 1, 'a page past the end shows the last');
    assert.equal(overview.pages, 1);
    assert.deepEqual(
      overview.rows.map((row) => [row.organization.name, row.verdict]),
      [
        ['Alpha', 'no-relationship'],
        ['Bravo', 'no-relationship'],
        ['Charlie', 'needs-approval'],
      ],
    );
    assert.equal(overview.counts['no-relationship'], 2);
    assert.equal(overview.needsWork, 3);
    const waiting = await cases.overview({ filter: 'needs-approval', page: 1 });
    assert.deepEqual(
      waiting.rows.map((row) => row.organization.name),
      ['Charlie'],
    );
  });

  it('reuses the verdicts read a moment ago when paging, and reads afresh when asked', async () => {
    await cases.overview({ filter: 'all', page: 1, fresh: true });
    const afterFirst = flow.reads;
    assert.equal(afterFirst, 3);
    await cases.overview({ filter: 'attention', page: 1 });
    assert.equal(flow.reads, afterFirst, 'paging read nothing');
    await cases.overview({ filter: 'all', page: 1, fresh: true });
    assert.equal(flow.reads, afterFirst + 3);
  });

  it('previews each customer once however many organizations map to it, and offers one run id', async () => {
    clients.push({ organization: organization('org-d', 'Delta'), customer: customer(1) });
    const preview = await cases.previewAll();
    assert.equal(preview.customers, 3);
    assert.equal(preview.work.length, 3);
    assert.equal(
      preview.work.find((item) => item.customer.tenantId === customer(1).tenantId)?.label,
      'Bravo, Delta',
    );
    assert.deepEqual(await cases.checkRun({ runId: preview.runId }), { kind: 'run', runId: preview.runId });
    assert.deepEqual(await cases.checkRun({ runId: 'run-1' }), { kind: 'outdated' });
  });
});
