// Ids from outside (conversation ids here) used as keys: "__proto__" and "constructor" are keys like any other.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { AppStore } from '../../../services/store/appStore.js';
import { say, testConversation } from '../../fakes/testConversation.js';

const HOSTILE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('Conversation ids that are names of Object’s own members', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csp-ids-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const id of HOSTILE_IDS) {
    it(`treats “${id}” as a new conversation: install, alerts on, a save and a reload`, async () => {
      const file = join(dir, 'bot.json');
      const store = await AppStore.openFile(file);
      const { adapter } = await testConversation({ store });
      // TestAdapter stamps its template over every activity: the conversation is set there.
      adapter.template.conversation = { ...adapter.template.conversation!, id };
      const here = (activity: Partial<Activity>) => activity;

      const [early] = await say(adapter, here({ type: 'message', text: 'alerts on' }));
      assert.match(
        String(early.text),
        /I cannot post here on my own yet/,
        'nothing is known before the install',
      );
      assert.ok(!Object.hasOwn(store.data.alertSubscriptions, id));

      const welcome = await say(adapter, here({ type: 'installationUpdate', action: 'add' }));
      assert.ok(welcome.length > 0, 'a first install is welcomed');
      const [on] = await say(adapter, here({ type: 'message', text: 'alerts on' }));
      assert.match(String(on.text), /Alerts are on here/);

      assert.ok(Object.hasOwn(store.data.conversations, id));
      assert.equal(store.data.conversations[id].id, id);
      assert.equal(store.data.conversations[id].scope, 'personal');
      assert.equal(store.data.alertSubscriptions[id].on, true);
      for (const map of [store.data.conversations, store.data.alertSubscriptions, store.data.botState]) {
        assert.equal(Object.getPrototypeOf(map), null, 'the maps have no prototype to reach');
      }
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      assert.equal(({} as Record<string, unknown>).on, undefined, 'Object.prototype is untouched');
      assert.equal((Object as unknown as Record<string, unknown>).on, undefined, 'Object is untouched');

      await store.flush();
      const reopened = await AppStore.openFile(file);
      assert.deepEqual(Object.keys(reopened.data.conversations), [id]);
      assert.equal(reopened.data.conversations[id].id, id);
      assert.deepEqual(Object.keys(reopened.data.alertSubscriptions), [id]);
      assert.equal(reopened.data.alertSubscriptions[id].on, true);
    });
  }
});
