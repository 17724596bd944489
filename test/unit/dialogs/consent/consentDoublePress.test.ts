import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { stepGoing } from '../../../../dialogs/consent/consentActions.js';
import { RUN_GOING } from '../../../../dialogs/consent/consentAllRun.js';
import { CUSTOMERS } from '../../../fakes/fakeCustomers.js';
import { cardText, press, say, type TestConversation } from '../../../fakes/testConversation.js';
import { mappedChat } from './mappedChat.js';

const [, , FABRIKAM] = CUSTOMERS;

/** The consent-all preview, as an administrator opens it from the overview. */
async function preview(conversation: TestConversation): Promise<Partial<Activity>> {
  const [overview] = await say(conversation.adapter, 'consent');
  const [card] = await say(conversation.adapter, press(overview, 'Consent all'));
  return card;
}

/** Counts the runs the flow was asked for. */
function countRuns(conversation: TestConversation): { runs: number } {
  const counter = { runs: 0 };
  const flow = conversation.consentFlow;
  const consentAll = flow.consentAll.bind(flow);
  flow.consentAll = (customers, options) => {
    counter.runs += 1;
    return consentAll(customers, options);
  };
  return counter;
}

const texts = (replies: Partial<Activity>[]) => replies.map((reply) => String(reply.text ?? ''));
const resultCards = (replies: Partial<Activity>[]) =>
  replies.filter((reply) => /Consent all: results/.test(cardText(reply)));

describe('Pressed twice', () => {
  it('Run for all: the second press, after the run, is told it was already done and starts nothing', async () => {
    const conversation = await mappedChat();
    const counter = countRuns(conversation);
    const card = await preview(conversation);
    const first = await say(conversation.adapter, press(card, 'Run for all 3 customers'));
    assert.equal(resultCards(first).length, 1);
    const ran = [...conversation.consentFlow.ran];

    const second = await say(conversation.adapter, press(card, 'Run for all 3 customers'));
    assert.equal(second.length, 1);
    assert.match(
      String(second[0].text),
      /^That was already done: this card’s run ended .+ Nothing else was started/,
    );
    assert.equal(counter.runs, 1);
    assert.deepEqual(conversation.consentFlow.ran, ran);
    assert.deepEqual(conversation.store.data.consentRuns, {});
  });

  it('Run for all: two presses at the same time give one run, one progress message and one results card', async () => {
    const conversation = await mappedChat();
    const counter = countRuns(conversation);
    const card = await preview(conversation);
    const button = press(card, 'Run for all 3 customers');
    await Promise.all([
      conversation.adapter.processActivity({ ...button }),
      conversation.adapter.processActivity({ ...button }),
    ]);
    const replies = conversation.adapter.activeQueue.splice(0);

    assert.equal(counter.runs, 1);
    assert.equal(texts(replies).filter((text) => text.startsWith('Consent all: starting')).length, 1);
    assert.equal(resultCards(replies).length, 1);
    assert.deepEqual(
      texts(replies).filter((text) => text === RUN_GOING),
      [RUN_GOING],
    );
    for (const customer of CUSTOMERS.slice(0, 3))
      assert.equal(conversation.consentFlow.relationships.get(customer.tenantId)?.length, 1);
  });

  it('Run for all: a press while its run is still going is told so, and the run goes on alone', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    const consentAll = flow.consentAll.bind(flow);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const entered: (() => void)[] = [];
    const running = new Promise<void>((resolve) => entered.push(resolve));
    const runningTwice = new Promise<void>((resolve) => entered.push(resolve));
    let runs = 0;
    flow.consentAll = async (customers, options) => {
      runs += 1;
      entered.shift()?.();
      await held;
      return consentAll(customers, options);
    };
    const card = await preview(conversation);
    const button = press(card, 'Run for all 3 customers');
    const first = conversation.adapter.processActivity({ ...button });
    await running;
    const second = conversation.adapter.processActivity({ ...button });
    await Promise.race([second, runningTwice]);
    const during = conversation.adapter.activeQueue.splice(0);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(texts(during).slice(-1), [RUN_GOING]);
    assert.equal(runs, 1);
    assert.equal(resultCards(conversation.adapter.activeQueue.splice(0)).length, 1);
  });

  it('Run for all on a newer preview while a run is going: told so, and nothing else starts', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    const consentAll = flow.consentAll.bind(flow);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const entered: (() => void)[] = [];
    const running = new Promise<void>((resolve) => entered.push(resolve));
    const runningTwice = new Promise<void>((resolve) => entered.push(resolve));
    let runs = 0;
    flow.consentAll = async (customers, options) => {
      runs += 1;
      entered.shift()?.();
      await held;
      return consentAll(customers, options);
    };
    const older = await preview(conversation);
    const newer = await preview(conversation);
    const first = conversation.adapter.processActivity(press(older, 'Run for all 3 customers'));
    await running;
    const second = conversation.adapter.processActivity(press(newer, 'Run for all 3 customers'));
    const answered = await Promise.race([second.then(() => true), runningTwice.then(() => false)]);
    release();
    await Promise.all([first, second]);
    assert.ok(answered, 'the second press was answered while the first run went on');
    assert.equal(runs, 1);
    assert.ok(texts(conversation.adapter.activeQueue.splice(0)).includes(RUN_GOING));
  });

  it('Run for all from a card that names no run (older than this rule): a fresh preview, nothing run', async () => {
    const conversation = await mappedChat();
    const counter = countRuns(conversation);
    for (const runId of [undefined, '', 'abc', 42]) {
      const replies = await say(conversation.adapter, {
        type: 'message',
        value: { action: 'consent.runAll', ...(runId === undefined ? {} : { runId }) },
      });
      assert.equal(replies[0].text, 'That card is out of date, so nothing was run. Here is a fresh preview:');
      assert.match(cardText(replies[1]), /\[Run for all 3 customers\]/);
    }
    assert.equal(counter.runs, 0);
    assert.deepEqual(conversation.consentFlow.ran, []);
  });

  it('a step button pressed twice at once runs the step once; the second press is told so', async () => {
    const conversation = await mappedChat();
    const flow = conversation.consentFlow;
    const runStep = flow.runStep.bind(flow);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const entered: (() => void)[] = [];
    const enteredAgain = new Promise<void>((resolve) => entered.push(resolve));
    const enteredOnce = new Promise<void>((resolve) => entered.unshift(resolve));
    flow.runStep = async (step) => {
      entered.shift()?.();
      await held;
      return runStep(step);
    };
    const [card] = await say(conversation.adapter, `consent ${FABRIKAM.displayName}`);
    const button = press(card, 'Create the relationship');

    const first = conversation.adapter.processActivity({ ...button });
    await enteredOnce;
    // The second press is handled while the first is still creating: it either answers at once or reaches the flow.
    const second = conversation.adapter.processActivity({ ...button });
    await Promise.race([second, enteredAgain]);
    release();
    await Promise.all([first, second]);
    const replies = texts(conversation.adapter.activeQueue.splice(0));

    assert.equal(flow.relationships.get(FABRIKAM.tenantId)?.length, 1);
    assert.equal(replies.filter((text) => text.startsWith('Done: ')).length, 1);
    assert.ok(replies.includes(stepGoing(FABRIKAM.displayName)), replies.join('\n'));
  });
});
