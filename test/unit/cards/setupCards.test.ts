// Tests what the setup wizard's cards show at first sight, and what they keep one click away.
import assert from 'node:assert/strict';
import { setupPermissionsCard } from '../../../cards/setupCards.js';
import { GDAP_ROLES } from '../../../services/settings/gdapRoles.js';

type Node = Record<string, unknown>;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every string shown without a click: hidden elements and their contents left out. */
function visibleText(node: unknown): string {
  if (Array.isArray(node)) return node.map(visibleText).join('\n');
  if (!node || typeof node !== 'object' || (node as Node).isVisible === false) return '';
  const record = node as Node;
  const own = ['text', 'title', 'value'].map((key) => record[key]).filter((v) => typeof v === 'string');
  return [...own, ...Object.values(record).map(visibleText)].filter(Boolean).join('\n');
}

function find(node: unknown, match: (record: Node) => boolean): Node | undefined {
  if (Array.isArray(node)) return node.map((item) => find(item, match)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  if (match(node as Node)) return node as Node;
  return find(Object.values(node), match);
}

describe('setup step 3 card', () => {
  const card = setupPermissionsCard({
    wizardId: 'w1',
    permissions: [],
    roles: GDAP_ROLES.map(({ id, name }) => ({ id, name })),
    checked: false,
  }).content;

  it('lists the roles by name, with no ids in sight', () => {
    const shown = visibleText(card);
    for (const role of GDAP_ROLES) assert.ok(shown.includes(role.name), role.name);
    assert.doesNotMatch(shown, GUID);
  });

  it('shows the role ids on demand', () => {
    const toggle = find(card, (node) => node.type === 'Action.ToggleVisibility');
    assert.equal(toggle?.title, 'Show role ids');
    const [target] = toggle.targetElements as string[];
    const hidden = find(card, (node) => node.id === target);
    assert.equal(hidden?.isVisible, false);
    for (const role of GDAP_ROLES) assert.match(JSON.stringify(hidden), new RegExp(role.id));
  });
});
