// The relationship the bot creates: its name (≤ 50 characters, unique), terms, the Global Administrator rule, no duplicates.
import assert from 'node:assert/strict';
import { isAppError } from '../../../../services/errors.js';
import type { GdapRelationship } from '../../../../services/gdap/gdapModel.js';
import {
  MAX_RELATIONSHIP_NAME_LENGTH,
  planRelationship,
  relationshipName,
  type PlanCustomer,
} from '../../../../services/gdap/relationshipPlanner.js';
import { DEFAULT_GDAP_ROLE_IDS, GLOBAL_ADMINISTRATOR } from '../../../../services/settings/gdapRoles.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const ROLES = [...DEFAULT_GDAP_ROLE_IDS];
const defaults = { duration: 'P730D', autoExtend: 'P180D' as const, roleIds: ROLES, groupPrefix: 'GDAP' };
const TENANT = 'b0c2dd0d-1111-4222-8333-444455556666';

function customer(
  relationships: Partial<GdapRelationship>[] = [],
  displayName = 'Contoso Ltd',
): PlanCustomer {
  return {
    tenantId: TENANT,
    displayName,
    relationships: relationships.map((overrides, index) => ({
      id: `rel-${index}`,
      displayName: `existing-${index}`,
      status: 'active',
      roleIds: ROLES,
      ...overrides,
    })),
  };
}

const plan = (
  target: PlanCustomer,
  options: { takenNames?: string[]; replacing?: string } = {},
  settings = defaults,
) =>
  planRelationship(target, settings, {
    takenNames: options.takenNames ?? [],
    now: NOW,
    replacing: options.replacing,
  });

describe('planRelationship', () => {
  it('builds Graph’s create body from the configured defaults', () => {
    const body = plan(customer());
    assert.deepEqual(body, {
      displayName: 'GDAP-Contoso-Ltd-20260115',
      duration: 'P730D',
      autoExtendDuration: 'P180D',
      customer: { tenantId: TENANT, displayName: 'Contoso Ltd' },
      accessDetails: { unifiedRoles: ROLES.map((roleDefinitionId) => ({ roleDefinitionId })) },
    });
  });

  it('never auto-extends a relationship that includes Global Administrator', () => {
    const body = plan(
      customer(),
      {},
      { ...defaults, roleIds: [...ROLES, GLOBAL_ADMINISTRATOR.toUpperCase()] },
    );
    assert.equal(body.autoExtendDuration, 'PT0S');
    assert.ok(body.accessDetails.unifiedRoles.some((role) => role.roleDefinitionId === GLOBAL_ADMINISTRATOR));
  });

  for (const status of ['active', 'expiring', 'approvalPending', 'created', 'approved', 'activating']) {
    it(`refuses while a relationship that is ${status} has every configured role`, () => {
      assert.throws(
        () => plan(customer([{ status }])),
        (error) => isAppError(error, 'GDAP_RELATIONSHIP_EXISTS') && /existing-0/.test(error.message),
      );
    });
  }

  it('plans a new one when the existing relationships ended or lack roles', () => {
    const target = customer([
      { status: 'expired' },
      { status: 'terminated' },
      { roleIds: ROLES.slice(0, 9) },
    ]);
    assert.equal(plan(target).displayName, 'GDAP-Contoso-Ltd-20260115');
  });

  it('a replacement for an expiring relationship is planned only once', () => {
    const expiring = customer([{ id: 'old', status: 'active' }]);
    assert.ok(plan(expiring, { replacing: 'old' }));
    const replaced = customer([
      { id: 'old', status: 'active' },
      { id: 'new', status: 'approvalPending' },
    ]);
    assert.throws(
      () => plan(replaced, { replacing: 'old' }),
      (error) => isAppError(error, 'GDAP_RELATIONSHIP_EXISTS'),
    );
  });

  it('refuses an empty role list as a configuration problem', () => {
    assert.throws(
      () => plan(customer(), {}, { ...defaults, roleIds: [] }),
      (error) => isAppError(error, 'CONFIG_INVALID'),
    );
  });
});

describe('relationshipName', () => {
  const name = (displayName: string, taken: string[] = [], prefix = 'GDAP') =>
    relationshipName(prefix, { tenantId: TENANT, displayName }, NOW, taken);

  it('keeps ASCII letters and digits, folding accents', () => {
    assert.equal(name('Zürcher Treuhand AG'), 'GDAP-Zurcher-Treuhand-AG-20260115');
    assert.equal(name("O'Brien & Murphy Solicitors"), 'GDAP-O-Brien-Murphy-Solicitors-20260115');
  });

  it('spells letters without an accent to strip in Latin letters instead of dropping them', () => {
    assert.equal(name('Ørsted Rådgivning ApS'), 'GDAP-Orsted-Radgivning-ApS-20260115');
    assert.equal(name('Großhandel Weiß GmbH'), 'GDAP-Grosshandel-Weiss-GmbH-20260115');
    assert.equal(name('Łódź Æble Sp. z o.o.'), 'GDAP-Lodz-Aeble-Sp-z-o-o-20260115');
  });

  it('transliterates Cyrillic, Greek and CJK names rather than falling back to the tenant id', () => {
    assert.equal(name('ООО «Ромашка»'), 'GDAP-OOO-Romashka-20260115');
    // A soft sign comes out of the transliteration as an apostrophe: it is not a word break.
    assert.equal(name('Ельцин и партнёры'), 'GDAP-Eltsin-i-partnery-20260115');
    assert.equal(name('Αθηναϊκή Τεχνική ΑΕ'), 'GDAP-Athinaiki-Techniki-AE-20260115');
    assert.equal(name('北京科技有限公司'), 'GDAP-BeiJingKeJiYouXianGongSi-20260115');
    assert.equal(name('삼성전자'), 'GDAP-SamSeongJeonJa-20260115');
  });

  it('drops emoji and symbols, and falls back to the tenant id only when no letter or digit is left', () => {
    assert.equal(name('🚀 Rocket Labs ™'), 'GDAP-Rocket-Labs-20260115');
    assert.equal(name('😀🎉'), 'GDAP-b0c2dd0d-20260115');
    assert.equal(name('★ ★ ★'), 'GDAP-b0c2dd0d-20260115');
  });

  it('keeps a transliterated name within 50 characters and unique', () => {
    const long = 'Общество с ограниченной ответственностью Северные Технологии';
    const first = name(long);
    assert.ok(first.length <= MAX_RELATIONSHIP_NAME_LENGTH, first);
    assert.match(first, /^GDAP-Obshchestvo-s-ogranichennoy-.*-20260115$/);
    assert.doesNotMatch(first, /--/);
    const second = name(long, [first]);
    assert.match(second, /-20260115-2$/);
    assert.ok(second.length <= MAX_RELATIONSHIP_NAME_LENGTH, second);
    // Two spellings that transliterate alike still get two names.
    assert.equal(name('Muller AG', [name('Müller AG')]), 'GDAP-Muller-AG-20260115-2');
  });

  it('trims a long customer name to stay within 50 characters, keeping the date', () => {
    const long = name('The Extraordinarily Long Named International Holding Company of Everything');
    assert.ok(long.length <= MAX_RELATIONSHIP_NAME_LENGTH, long);
    assert.match(long, /^GDAP-The-Extraordinarily-.*-20260115$/);
    assert.doesNotMatch(long, /--/);
  });

  it('adds a numeric suffix on a collision, compared without case, and still fits', () => {
    const long = 'The Extraordinarily Long Named International Holding Company of Everything';
    const first = name(long);
    const second = name(long, [first.toUpperCase()]);
    assert.notEqual(second.toLowerCase(), first.toLowerCase());
    assert.match(second, /-20260115-2$/);
    assert.ok(second.length <= MAX_RELATIONSHIP_NAME_LENGTH);
    assert.match(name(long, [first, second]), /-3$/);
  });

  it('cuts an overlong prefix so the customer still shows', () => {
    const result = name('Fabrikam', [], 'A very long prefix that someone configured');
    assert.ok(result.length <= MAX_RELATIONSHIP_NAME_LENGTH);
    assert.match(result, /-Fabrikam-20260115$/);
  });
});
