import assert from 'node:assert/strict';
import { ERROR_MESSAGES } from '../../../../services/errors.js';
import { RESUME_GONE, RESUME_RUNNING, cutOffReply } from '../../../../dialogs/consent/consentAllRun.js';
import type { AppStore } from '../../../../services/store/appStore.js';
import type { ConsentRunEntry } from '../../../../services/store/storeData.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { ADMIN_ID, READER_ID, cardText, press, say } from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const [MULLER, NORTHWIND, FABRIKAM] = CUSTOMERS;

/** A run the last process left after finishing `done` of the three mapped clients, as start-up finds it. */
async function leftBehind(
  store: AppStore,
  done: string[],
  state: ConsentRunEntry['state'] = 'interrupted',
): Promise<ConsentRunEntry> {
  const run: ConsentRunEntry = {
    id: 'run-1',
    conversationId: 'conv-1',
    reference: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.test/',
      conversation: { id: 'conv-1' },
      bot: { id: '28:bot' },
    },
    startedBy: { aadObjectId: ADMIN_ID, name: 'Alex Admin' },
    startedAt: '2026-12-03T09:12:30.000Z',
    total: 3,
    done: done.map((tenantId) => tenantId.toLowerCase()),
    state,
  };
  await store.update((data) => {
    data.consentRuns = { [run.id]: run };
  });
  return run;
}

const ranFor = (ran: string[], tenantId: string) => ran.filter((step) => step.endsWith(`:${tenantId}`));

describe('Consent all after the bot stopped mid-run', () => {
  it('keeps a record of the run while it goes, with who, where and how many, and clears it with the results', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    const consentAll = flow.consentAll.bind(flow);
    let during: ConsentRunEntry[] = [];
    flow.consentAll = (customers, options) => {
      during = Object.values(conversation.store.data.consentRuns ?? {});
      return consentAll(customers, options);
    };
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    const [, results] = await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    assert.match(cardText(results), /Consent all: results/);

    assert.equal(during.length, 1);
    const [run] = during;
    assert.equal(run.state, 'running');
    assert.equal(run.total, 3);
    assert.equal(run.conversationId, 'conv-1');
    assert.equal(run.reference.conversation.id, 'conv-1');
    assert.deepEqual(run.startedBy, { aadObjectId: ADMIN_ID, name: 'Alex Admin' });
    assert.deepEqual(conversation.store.data.consentRuns, {}, 'cleared once the results were reported');
  });

  it('clears the record when the run fails, too', async () => {
    const conversation = await mappedChat();
    let during = 0;
    conversation.consentFlow.consentAll = async () => {
      during = Object.keys(conversation.store.data.consentRuns ?? {}).length;
      throw new Error('the flow broke');
    };
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    await say(conversation.adapter, press(preview, 'Run for all 3 customers')).catch(() => undefined);
    assert.equal(during, 1, 'the run was recorded');
    assert.deepEqual(conversation.store.data.consentRuns, {});
  });

  it('Resume runs only the clients not done, says how far the first part got, and clears the record', async () => {
    const conversation = await mappedChat();
    const run = await leftBehind(conversation.store, [MULLER.tenantId]);
    const notice = cutOffReply(run);
    assert.match(cardText(notice), /1 of 3 customers done/);
    assert.match(cardText(notice), /Started by: Alex Admin/);
    assert.match(cardText(notice), /Started: 2026-12-03 09:12 UTC/);

    const [starting, results] = await say(conversation.adapter, press(notice, 'Resume'));
    assert.match(
      String(starting.text),
      /^Consent all: resuming for 2 of 3 customers \(1 done before the bot stopped\)/,
    );
    assert.match(
      cardText(results),
      /Resumed after the bot stopped, 1 of 3 customers done before\. The other 2: 0 working, 2 wait for their customer, 0 wait for Microsoft, 0 failed or are blocked\./,
    );
    const ran = conversation.consentFlow.ran;
    assert.deepEqual(ranFor(ran, MULLER.tenantId), [], 'a client done before is not run again');
    for (const customer of [NORTHWIND, FABRIKAM]) {
      assert.ok(ranFor(ran, customer.tenantId).length > 0, customer.displayName);
      assert.equal(conversation.consentFlow.relationships.get(customer.tenantId)?.length, 1);
    }
    assert.deepEqual(conversation.store.data.consentRuns, {});
  });

  it('Resume pressed again after it finished: a polite no, and nothing runs', async () => {
    const conversation = await mappedChat();
    const notice = cutOffReply(await leftBehind(conversation.store, []));
    await say(conversation.adapter, press(notice, 'Resume'));
    const ran = [...conversation.consentFlow.ran];

    const [again] = await say(conversation.adapter, press(notice, 'Resume'));
    assert.equal(again.text, RESUME_GONE);
    assert.deepEqual(conversation.consentFlow.ran, ran);
  });

  it('Resume while the resumed run is still going: a polite no, and the record stays as it is', async () => {
    const conversation = await mappedChat();
    const run = await leftBehind(conversation.store, [MULLER.tenantId], 'running');
    const [reply] = await say(conversation.adapter, press(cutOffReply(run), 'Resume'));
    assert.equal(reply.text, RESUME_RUNNING);
    assert.deepEqual(conversation.consentFlow.ran, []);
    assert.deepEqual(conversation.store.data.consentRuns, { [run.id]: run });
  });

  it('Resume by someone who is not an administrator: refused, nothing changes', async () => {
    const conversation = await mappedChat({ userId: READER_ID });
    const run = await leftBehind(conversation.store, [MULLER.tenantId]);
    const [reply] = await say(conversation.adapter, press(cutOffReply(run), 'Resume'));
    assert.equal(reply.text, ERROR_MESSAGES.NOT_ADMIN);
    assert.deepEqual(conversation.consentFlow.ran, []);
    assert.deepEqual(conversation.store.data.consentRuns, { [run.id]: run });
  });

  it('a new consent all takes the place of a cut-off run: its Resume then has nothing left to do', async () => {
    const conversation = await mappedChat();
    const notice = cutOffReply(await leftBehind(conversation.store, [MULLER.tenantId]));
    const [overview] = await say(conversation.adapter, 'consent');
    const [preview] = await say(conversation.adapter, press(overview, 'Consent all'));
    await say(conversation.adapter, press(preview, 'Run for all 3 customers'));
    const ran = [...conversation.consentFlow.ran];

    const [reply] = await say(conversation.adapter, press(notice, 'Resume'));
    assert.equal(reply.text, RESUME_GONE);
    assert.deepEqual(conversation.consentFlow.ran, ran);
  });
});
