import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CARD_ACTION_NAMES, readCardAction } from '../../../dialogs/readCardAction.js';
import { REFRESH_VERBS } from '../../../dialogs/alerts/alertReply.js';
import { ERROR_MESSAGES } from '../../../services/errors.js';
import { CARD_SAMPLES } from '../../cards/samples/cardSamples.js';
import { READER_ID, say, testConversation } from '../../fakes/testConversation.js';

const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cards', 'templates');
const KNOWN = new Set<string>([...CARD_ACTION_NAMES, ...REFRESH_VERBS]);

/** Every string under an `action` or `verb` key, anywhere in a card, with where it was found. */
function namedActions(node: unknown, where: string, found: { name: string; where: string }[] = []) {
  if (Array.isArray(node)) node.forEach((item, i) => namedActions(item, `${where}[${i}]`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'action' || key === 'verb') && typeof value === 'string')
        found.push({ name: value, where });
      else namedActions(value, `${where}.${key}`, found);
    }
  }
  return found;
}

describe('The action table', () => {
  it('knows every action a template names', async () => {
    const files = (await readdir(TEMPLATES_DIR)).filter((file) => file.endsWith('.json'));
    const found = [];
    for (const file of files) {
      found.push(...namedActions(JSON.parse(await readFile(join(TEMPLATES_DIR, file), 'utf8')), file));
    }
    // Templated names are checked below, expanded, in the samples.
    const literal = found.filter(({ name }) => !name.includes('${'));
    assert.ok(
      literal.length > 40,
      `the scan found only ${literal.length} actions: is it looking in the right place?`,
    );
    const unknown = literal.filter(({ name }) => !KNOWN.has(name));
    assert.deepEqual(
      unknown,
      [],
      'add these to the action table (dialogs/readCardAction.ts), or fix the template',
    );
  });

  it('knows every action a card the bot builds carries', () => {
    const found = CARD_SAMPLES.flatMap((sample) => namedActions(sample.build().content, sample.name));
    assert.ok(found.length > 60, `the samples carry only ${found.length} actions`);
    assert.deepEqual(
      found.filter(({ name }) => !KNOWN.has(name)),
      [],
      'add these to the action table (dialogs/readCardAction.ts), or fix the card builder',
    );
  });

  it('reads a submit once into its typed action, and nothing it does not draw', () => {
    assert.deepEqual(
      readCardAction({ action: 'map.save', revision: '12', organizationId: ' org-1 ', extra: 1 }),
      {
        action: 'map.save',
        revision: 12,
        organizationId: 'org-1',
        customerTenantId: undefined,
      },
    );
    assert.deepEqual(
      readCardAction({ action: 'orgs.rename', revision: 3, organizationId: 'o1', 'name-o1': ' New name ' }),
      { action: 'orgs.rename', revision: 3, organizationId: 'o1', name: 'New name' },
    );
    assert.equal(
      readCardAction({ action: 'map.unmap', revision: 1.5, organizationId: 'o1' })?.action,
      'map.unmap',
    );
    assert.equal(
      (readCardAction({ action: 'map.unmap', revision: '0x1' }) as { revision?: number }).revision,
      undefined,
    );
    for (const value of [
      undefined,
      null,
      'map.open',
      [],
      {},
      { action: 'toString' },
      { action: 'map.delete' },
    ]) {
      assert.equal(readCardAction(value), undefined, JSON.stringify(value));
    }
    assert.equal(readCardAction({ action: 'runCommand', command: 'rm -rf' }), undefined);
    assert.equal(readCardAction({ action: 'setup.next', wizardId: 'w', step: 'elsewhere' }), undefined);
  });

  it('refuses a reader every change a card can ask for, in one place, and changes nothing', async () => {
    const conversation = await testConversation({ userId: READER_ID, conversationType: 'groupChat' });
    const saved = () => JSON.stringify(conversation.store.data);
    const before = saved();
    const changes = CARD_ACTION_NAMES.filter((name) =>
      /^(map\.(save|remap|unmap|keep|applyAll)|orgs\.(add|rename|remove)|import\.apply|consent\.(step|runAll|resume|remind)|alerts\.set|setup\.)/.test(
        name,
      ),
    );
    assert.equal(changes.length, 18);
    for (const name of changes) {
      const [reply] = await say(conversation.adapter, {
        type: 'message',
        value: {
          action: name,
          revision: 0,
          organizationId: 'o1',
          customerTenantId: 't1',
          on: true,
          wizardId: 'w',
          step: 'integrations',
        },
      });
      assert.match(
        String(reply.text),
        new RegExp(`^${ERROR_MESSAGES.NOT_ADMIN.replace(/[.?]/g, '\\$&')}`),
        name,
      );
      assert.equal(saved(), before, name);
    }
  });
});
