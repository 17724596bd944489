// Tests that no card the bot sends holds text Teams' markdown would swallow as an HTML tag ("GDAP - <role>").
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { droppedMarkup } from '../../cards/render/droppedMarkup.js';
import { CARD_SAMPLES } from '../../cards/samples/cardSamples.js';
import { SIGN_IN_RESULT_EVENT } from '../../../dialogs/setup/setupServices.js';
import { ADMIN_ACCOUNT, PARTNER_DOMAIN } from '../../fakes/fakeAuth.js';
import { inputValues, press, say, testConversation } from '../../fakes/testConversation.js';

function problemsIn(activities: Partial<Activity>[]): string[] {
  return activities.flatMap((activity) =>
    (activity.attachments ?? []).flatMap((attachment) =>
      droppedMarkup(attachment.content as Record<string, unknown>).map(
        ({ path, message }) => `${path}: ${message}`,
      ),
    ),
  );
}

describe('text Teams would drop as a tag', () => {
  it('is in no sample card', () => {
    const problems = CARD_SAMPLES.flatMap((sample) =>
      problemsIn([{ attachments: [sample.build()] }]).map((problem) => `${sample.name} ${problem}`),
    );
    assert.deepEqual(problems, []);
  });

  it('is in no help card, for an administrator, a reader or a typo', async () => {
    const sent: Partial<Activity>[] = [];
    for (const userId of [undefined, '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']) {
      const { adapter } = await testConversation({ userId });
      for (const text of ['help', 'stauts', 'organisations please']) sent.push(...(await say(adapter, text)));
    }
    assert.ok(sent.length >= 6 && sent.every((activity) => activity.attachments?.length));
    assert.deepEqual(problemsIn(sent), []);
  });

  it('is in no card of the setup wizard, the summary included', async () => {
    const { adapter, store } = await testConversation();
    const sent = await say(adapter, { type: 'installationUpdate', action: 'add' } as Partial<Activity>);
    const [integrations] = await say(adapter, 'setup');
    const [configuration] = await say(adapter, press(integrations, 'Next', { integrations: 'csp,intune' }));
    const [permissions] = await say(
      adapter,
      press(configuration, 'Next', { ...inputValues(configuration), partnerTenant: PARTNER_DOMAIN }),
    );
    const [signIn] = await say(adapter, press(permissions, 'Next'));
    const finished = await say(adapter, {
      type: 'event',
      name: SIGN_IN_RESULT_EVENT,
      value: {
        ok: true,
        account: ADMIN_ACCOUNT,
        grantedScopes: ['Directory.Read.All'],
      },
    });
    assert.ok(store.data.settings, 'the wizard ran to the end');
    sent.push(integrations, configuration, permissions, signIn, ...finished);
    assert.deepEqual(problemsIn(sent), []);
  });
});
