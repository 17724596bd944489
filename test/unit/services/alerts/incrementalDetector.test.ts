// The kept detector against the pure one: the same problems after every kind of change the store sees.
import assert from 'node:assert/strict';
import { BENCH_NOW, BENCH_OPTIONS, detectorBenchData } from '../../../../bench/detectorData.js';
import { fingerprintOf, fingerprintSteps, type Problem } from '../../../../services/alerts/alertModel.js';
import type { DetectorOptions } from '../../../../services/alerts/detector.js';
import { findingWindow } from '../../../../services/alerts/findingWindow.js';
import { AlertDetector } from '../../../../services/alerts/incrementalDetector.js';
import type { CspCustomer } from '../../../../services/customers/cspCustomer.js';
import { GDAP_ROLES } from '../../../../services/settings/gdapRoles.js';
import { MappingLinks } from '../../../../services/mappings/mappingLinks.js';
import { recordChange } from '../../../../services/mappings/mappingRevision.js';
import { emptyStoreData, noteAccessChange, type StoreData } from '../../../../services/store/storeData.js';
import { seededRandom } from '../../../fixtures/nearMissCustomers.js';
import { detectProblems } from '../../../reference/detector.js';

const DAY_MS = 86_400_000;

/** A partner's store and customer list, changed the way the store and the sync change them. */
class Partner {
  readonly data: StoreData;
  customers: CspCustomer[] | undefined;
  options: DetectorOptions = BENCH_OPTIONS;
  now = BENCH_NOW;
  readonly detector = new AlertDetector();
  readonly random: () => number;
  /** Every change journaled, as every store writer does: nothing then makes the detector walk all mappings. */
  alwaysJournal = false;

  constructor(mappings: number, seed: number) {
    const made = detectorBenchData(mappings, seed);
    this.data = { ...emptyStoreData(), ...made, mappingRevision: 1 };
    this.customers = made.customers ? [...made.customers] : undefined;
    this.random = seededRandom(seed + 1);
  }

  /** The kept detector's answer, after checking it is the pure one's. */
  check(step: string): Problem[] {
    const kept = this.detector.detect(this.data, this.customers, this.options, this.now);
    const pure = detectProblems({ ...this.data, customers: this.customers }, this.options, this.now);
    assert.deepEqual(kept, pure, `after ${step}`);
    return kept;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }

  organizationIds = () => Object.keys(this.data.organizations);
  tenantIds = () => (this.customers ?? []).map((customer) => customer.tenantId);

  /**
   * Moves the revision on as the stores do (recordChange, journaling the mapping ids) most of the time, and
   * sometimes bare, as a writer that journals nothing would: the detector must then walk every mapping.
   */
  revise(mappingIds: string[]): void {
    if (this.alwaysJournal || this.random() < 0.75) {
      recordChange(this.data, { by: 'test', action: 'test', changes: [], at: this.now, mappingIds });
    } else this.data.mappingRevision++;
  }

  map(organizationId: string, tenantId: string): void {
    const id = `added-${this.random().toString(36).slice(2)}`;
    this.data.mappings[id] = {
      id,
      organizationId,
      customerTenantId: tenantId,
      createdAt: '',
      createdBy: 'test',
    };
    this.revise([id]);
  }

  unmap(): void {
    const id = this.pick(Object.keys(this.data.mappings));
    delete this.data.mappings[id];
    this.revise([id]);
  }

  rename(organizationId: string, name: string): void {
    this.data.organizations[organizationId] = { ...this.data.organizations[organizationId], name };
    this.revise([]);
  }

  recordConsent(tenantId: string, scopes = BENCH_OPTIONS.consentScopes): void {
    const consentedAt = this.now.toISOString();
    this.data.consents[tenantId.toLowerCase()] = {
      appId: BENCH_OPTIONS.applicationId,
      scopes: [...scopes],
      consentedAt,
    };
    noteAccessChange(this.data, tenantId.toLowerCase());
  }

  recordAccessTest(tenantId: string, ok: boolean): void {
    const code = ok ? undefined : 'CUSTOMER_CONSENT_MISSING';
    this.data.accessTests[tenantId.toLowerCase()] = {
      testedAt: new Date(this.now.getTime() + 1).toISOString(),
      ok,
      code,
    };
    noteAccessChange(this.data, tenantId.toLowerCase());
  }

  /** A sync: a new list, some customers' relationships changed, one gone, one new. */
  sync(): void {
    const list = (this.customers ?? []).map((customer) =>
      this.random() < 0.05
        ? { ...customer, relationships: customer.relationships.map((r) => ({ ...r, status: 'terminated' })) }
        : { ...customer },
    );
    list.splice(Math.floor(this.random() * list.length), 1);
    list.push({ ...this.pick(list), tenantId: 'ffffffff-0000-4000-8000-000000000001', displayName: 'New' });
    this.customers = list;
  }

  passDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * DAY_MS);
  }
}

describe('AlertDetector', () => {
  it('finds what detectProblems finds, cold and after each kind of change', () => {
    const partner = new Partner(600, 7);
    const cold = partner.check('a cold start');
    assert.ok(cold.length >= 5, 'the data has problems of several kinds');
    const [first, second] = partner.organizationIds();
    const tenants = partner.tenantIds();

    partner.map(first, tenants[tenants.length - 1]);
    const conflicts = partner.check('a mapping to a second customer');
    assert.notEqual(conflicts[0].fingerprint, cold[0].fingerprint, 'the conflict is new');
    partner.unmap();
    partner.check('a mapping removed');
    partner.rename(second, 'Renamed Ltd');
    partner.rename(first, 'Also renamed Ltd');
    partner.check('renames');
    const consentless = cold.find((problem) => problem.kind === 'consent-missing')!.items[0].key;
    partner.recordConsent(consentless);
    partner.check('a consent recorded');
    partner.recordAccessTest(consentless, false);
    partner.check('a failed access test recorded');
    partner.recordAccessTest(consentless, true);
    partner.check('a passing access test recorded');
    for (const tenantId of tenants.slice(0, 40)) partner.recordConsent(tenantId, ['Directory.Read.All']);
    partner.check('more consents than the journal holds');
    partner.sync();
    partner.check('a new customer list');
    partner.customers = undefined;
    partner.check('no customer list');
    partner.sync();
    partner.check('a customer list again');
    partner.options = { ...BENCH_OPTIONS, roleIds: GDAP_ROLES.slice(0, 7).map((role) => role.id) };
    partner.check('another role configured');
    partner.options = { ...partner.options, expiringSoonDays: 10, approvalPendingDays: 30 };
    partner.check('other limits');
  });

  it('finds it in slices too, while the store changes between them, and catches up on the next run', async () => {
    const partner = new Partner(2_000, 11);
    partner.alwaysJournal = true;
    const sliced = new AlertDetector({ sliceMs: 0 });
    const detect = () => sliced.detectInSlices(partner.data, partner.customers, partner.options, partner.now);
    let running = true;
    let turns = 0;
    // Other work on the event loop: a change to mappings, names or consents whenever the detector gives way.
    const change = () => {
      if (!running) return;
      turns++;
      const pick = partner.random();
      if (pick < 0.3) partner.map(partner.pick(partner.organizationIds()), partner.pick(partner.tenantIds()));
      else if (pick < 0.5) partner.unmap();
      else if (pick < 0.7) partner.rename(partner.pick(partner.organizationIds()), `Renamed ${turns}`);
      else partner.recordConsent(partner.pick(partner.tenantIds()), BENCH_OPTIONS.consentScopes.slice(1));
      setImmediate(change);
    };
    setImmediate(change);
    await detect();
    running = false;
    assert.ok(turns > 10, `the event loop had ${turns} turns during a cold run`);
    const pure = detectProblems(
      { ...partner.data, customers: partner.customers },
      partner.options,
      partner.now,
    );
    assert.deepEqual(await detect(), pure);
    partner.sync();
    partner.map(partner.pick(partner.organizationIds()), partner.pick(partner.tenantIds()));
    const after = detectProblems(
      { ...partner.data, customers: partner.customers },
      partner.options,
      partner.now,
    );
    assert.deepEqual(await detect(), after);
  });

  it('lists the mappings from the index it is given, never the store’s record, cold and after changes', async () => {
    const partner = new Partner(2_000, 13);
    const links = new MappingLinks();
    let open = true;
    // Listing a store-sized record holds the event loop for tens of milliseconds: the guard fails the test.
    partner.data.mappings = new Proxy(partner.data.mappings, {
      ownKeys(target) {
        if (!open) throw new Error('the detector listed the store’s mappings');
        return Reflect.ownKeys(target);
      },
    });
    links.ids(partner.data);
    open = false;
    const detector = new AlertDetector({ sliceMs: 0, mappingIds: (data) => links.ids(data) });
    const pure = () => {
      open = true;
      const problems = detectProblems(
        { ...partner.data, customers: partner.customers },
        partner.options,
        partner.now,
      );
      open = false;
      return problems;
    };
    const detect = () =>
      detector.detectInSlices(partner.data, partner.customers, partner.options, partner.now);
    assert.deepEqual(await detect(), pure());
    // A writer that journals nothing makes the detector walk every mapping again: still from the index.
    partner.alwaysJournal = false;
    for (let i = 0; i < 6; i++) {
      partner.map(partner.pick(partner.organizationIds()), partner.pick(partner.tenantIds()));
      partner.data.mappingRevision++;
      // The index may list the record to catch up on such a writer; the detector never does.
      open = true;
      links.ids(partner.data);
      open = false;
      assert.deepEqual(await detect(), pure(), `after change ${i}`);
    }
  });

  it('fingerprints a long list in steps, the same whatever order the items come in', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      key: `tenant-${String(i).padStart(5, '0')}`,
      title: `Customer ${i}`,
      detail: `detail ${i % 13}`,
    }));
    const shuffled = [...items].reverse();
    let pauses = 0;
    const steps = fingerprintSteps('consent-missing', items);
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.ok(pauses >= 4, `paused ${pauses} times over 2,000 items`);
    assert.equal(step.value, fingerprintOf('consent-missing', shuffled));
    assert.notEqual(step.value, fingerprintOf('consent-missing', items.slice(1)));
  });

  it('follows the clock: expiring relationships and waiting requests cross their limits day by day', () => {
    const partner = new Partner(600, 11);
    // From two months before the data's day, when no relationship was due yet and few requests were old.
    partner.passDays(-60);
    const counts = new Set<string>();
    for (let day = 0; day < 70; day++) {
      const problems = partner.check(`day ${day}`);
      counts.add(problems.map((problem) => `${problem.kind} ${problem.items.length}`).join());
      partner.passDays(1);
    }
    assert.ok(counts.size > 5, 'the problems changed as days went by');
    partner.passDays(-30);
    partner.check('the clock set back');
  });

  it('stays equal through a long random run of changes, checks and passing time', () => {
    const partner = new Partner(300, 23);
    const steps: [string, () => void][] = [
      ['map', () => partner.map(partner.pick(partner.organizationIds()), partner.pick(partner.tenantIds()))],
      [
        'map a tenant upper case',
        () =>
          partner.map(
            partner.pick(partner.organizationIds()),
            partner.pick(partner.tenantIds()).toUpperCase(),
          ),
      ],
      [
        'map an unknown tenant',
        () => partner.map(partner.pick(partner.organizationIds()), `unknown-${partner.random()}`),
      ],
      ['unmap', () => partner.unmap()],
      ['rename', () => partner.rename(partner.pick(partner.organizationIds()), `Name ${partner.random()}`)],
      [
        'consent',
        () =>
          partner.recordConsent(
            partner.pick(partner.tenantIds()),
            partner.random() < 0.5 ? ['User.Read.All'] : undefined,
          ),
      ],
      ['test', () => partner.recordAccessTest(partner.pick(partner.tenantIds()), partner.random() < 0.5)],
      ['sync', () => partner.sync()],
      ['hours pass', () => partner.passDays(partner.random() / 4)],
      ['days pass', () => partner.passDays(partner.random() * 5)],
      [
        'replace the records, as a rollback does',
        () => {
          partner.data.mappings = { ...partner.data.mappings };
          partner.data.consents = { ...partner.data.consents };
        },
      ],
    ];
    for (let i = 0; i < 300; i++) {
      const [name, change] = partner.pick(steps);
      change();
      if (partner.random() < 0.3) {
        const [other, more] = partner.pick(steps);
        more();
        partner.check(`step ${i}: ${name} and ${other}`);
      } else partner.check(`step ${i}: ${name}`);
    }
  });

  it('keeps a finding only over instants AccessRules would judge the same, text stamps included', () => {
    const customer = (endDateTime: string): CspCustomer => ({
      tenantId: 't',
      displayName: 'T',
      defaultDomainName: 't.example',
      hasContract: true,
      hasActiveGdap: true,
      relationships: [{ id: 'r', displayName: 'R', status: 'active', roleIds: [], endDateTime }],
    });
    const now = Date.parse('2026-06-01T12:00:00.000Z');
    const end = '2026-07-15T08:00:00.1234567Z';
    const window = findingWindow(customer(end), BENCH_OPTIONS, now);
    // Expiring from 31 days before the end, as "30 whole days left" counts.
    assert.ok(
      window.until <= Date.parse(end) - 31 * DAY_MS && window.until > Date.parse(end) - 31 * DAY_MS - 5_000,
    );
    assert.equal(window.from, Number.NEGATIVE_INFINITY);
    const odd = findingWindow(customer('2026-02-30T00:00:00.000Z'), BENCH_OPTIONS, now);
    assert.deepEqual(
      odd,
      { from: now, until: now + 1 },
      'a stamp that is not a real time holds for this instant only',
    );
  });
});
