// The alert rules over organizations, mappings and the synced customers: what alerts, what does not, and the words.
import assert from 'node:assert/strict';
import type { AlertKind, Problem } from '../../../../services/alerts/alertModel.js';
import { indexCustomers } from '../../../../services/alerts/customerIndex.js';
import type { DetectorOptions } from '../../../../services/alerts/detector.js';
import { indexMappings } from '../../../reference/mappingIndex.js';
import type { CspCustomer, CustomerRelationship } from '../../../../services/customers/cspCustomer.js';
import type {
  AccessTestEntry,
  ConsentEntry,
  Mapping,
  Organization,
} from '../../../../services/store/storeData.js';
import { detectIndexedProblems, detectProblems } from '../../../reference/detector.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const EXCHANGE_ADMIN = '29232cdf-9323-42fd-ade2-1d097af3e4de';
const APP = '5b1f3c2e-8a4d-4e6f-9c0b-1d2e3f405162';
const OPTIONS: DetectorOptions = {
  roleIds: [GLOBAL_READER, EXCHANGE_ADMIN],
  applicationId: APP,
  consentScopes: ['Directory.Read.All', 'User.Read.All'],
};
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const tenant = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

function relationship(overrides: Partial<CustomerRelationship> = {}): CustomerRelationship {
  return {
    id: `rel-${Math.random()}`,
    displayName: 'GDAP Contoso',
    status: 'active',
    roleIds: [GLOBAL_READER, EXCHANGE_ADMIN],
    createdDateTime: daysFromNow(-300),
    endDateTime: daysFromNow(400),
    autoExtendDuration: 'P180D',
    ...overrides,
  };
}

function customer(n: number, name: string, relationships = [relationship()]): CspCustomer {
  return {
    tenantId: tenant(n),
    displayName: name,
    defaultDomainName: `${name.toLowerCase().replace(/\W/g, '')}.onmicrosoft.com`,
    hasContract: true,
    hasActiveGdap: true,
    relationships,
  };
}

const consented = (): ConsentEntry => ({
  appId: APP,
  scopes: ['Directory.Read.All', 'User.Read.All'],
  consentedAt: daysFromNow(-30),
});

/** A small partner: organizations by name, each mapped to the customer tenants given; every customer consented. */
class World {
  readonly input: {
    organizations: Record<string, Organization>;
    mappings: Record<string, Mapping>;
    customers: CspCustomer[] | undefined;
    consents: Record<string, ConsentEntry>;
    accessTests: Record<string, AccessTestEntry>;
  } = { organizations: {}, mappings: {}, customers: [], consents: {}, accessTests: {} };
  #mappings = 0;

  organization(name: string, ...tenantIds: string[]): this {
    const id = `org-${name.toLowerCase().replace(/\W/g, '-')}`;
    this.input.organizations[id] = { id, name, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    for (const customerTenantId of tenantIds) {
      const mappingId = `map-${++this.#mappings}`;
      this.input.mappings[mappingId] = {
        id: mappingId,
        organizationId: id,
        customerTenantId,
        createdAt: NOW.toISOString(),
        createdBy: 'test',
      };
    }
    return this;
  }

  customer(listed: CspCustomer, consent: ConsentEntry | null = consented()): this {
    this.input.customers?.push(listed);
    if (consent) this.input.consents[listed.tenantId] = consent;
    return this;
  }

  accessTest(tenantId: string, test: AccessTestEntry): this {
    this.input.accessTests[tenantId] = test;
    return this;
  }

  detect(options: Partial<DetectorOptions> = {}, now = NOW): Problem[] {
    return detectProblems(this.input, { ...OPTIONS, ...options }, now);
  }

  kinds(options: Partial<DetectorOptions> = {}): AlertKind[] {
    return this.detect(options).map((problem) => problem.kind);
  }

  only(kind: AlertKind) {
    const problems = this.detect();
    assert.deepEqual(
      problems.map((problem) => problem.kind),
      [kind],
    );
    return problems[0].items;
  }
}

describe('detectProblems', () => {
  it('finds nothing wrong with a working, consented, mapped customer', () => {
    const world = new World().customer(customer(1, 'Contoso')).organization('Contoso Ltd', tenant(1));
    assert.deepEqual(world.detect(), []);
  });

  describe('mapping-conflict', () => {
    it('alerts on an organization linked to more than one customer, naming them', () => {
      const world = new World()
        .customer(customer(1, 'Northwind Traders'))
        .customer(customer(2, 'Fabrikam'))
        .organization('Contoso Ltd', tenant(1), tenant(2));
      assert.deepEqual(world.only('mapping-conflict'), [
        {
          key: 'org-contoso-ltd',
          title: 'Contoso Ltd',
          detail: 'linked to Fabrikam and Northwind Traders',
          organizationId: 'org-contoso-ltd',
        },
      ]);
    });

    it('allows many organizations linked to one customer', () => {
      const world = new World()
        .customer(customer(1, 'Contoso'))
        .organization('Contoso Ltd', tenant(1))
        .organization('Contoso Retail', tenant(1))
        .organization('Contoso Labs', tenant(1));
      assert.deepEqual(world.detect(), []);
    });

    it('is no conflict when an organization is mapped twice to one tenant spelled in another case', () => {
      const world = new World()
        .customer(customer(1, 'Contoso'))
        .organization('Contoso Ltd', tenant(1), tenant(1).toUpperCase());
      assert.deepEqual(world.detect(), []);
    });

    it('names a customer by tenant id when the list does not have it, or there is no list', () => {
      const world = new World().organization('Contoso Ltd', tenant(1), tenant(2));
      world.input.customers = undefined;
      assert.equal(world.only('mapping-conflict')[0].detail, `linked to ${tenant(1)} and ${tenant(2)}`);
    });

    it('lists three customers and counts the rest', () => {
      const world = new World().organization(
        'Contoso Ltd',
        tenant(1),
        tenant(2),
        tenant(3),
        tenant(4),
        tenant(5),
      );
      for (const [n, name] of ['E', 'D', 'C', 'B', 'A'].entries()) world.customer(customer(n + 1, name));
      assert.equal(world.detect()[0].items[0].detail, 'linked to A, B, C and 2 more');
    });
  });

  describe('customer-missing', () => {
    it('alerts on a mapping to a tenant the CSP customer list does not have, titled by the organizations', () => {
      const world = new World()
        .customer(customer(1, 'Contoso'))
        .organization('Fabrikam Ltd', tenant(9))
        .organization('Fabrikam Retail', tenant(9).toUpperCase());
      assert.deepEqual(world.only('customer-missing'), [
        {
          key: tenant(9),
          title: 'Fabrikam Ltd and Fabrikam Retail',
          detail: `linked to customer tenant ${tenant(9)}, which is not in the CSP customer list`,
          organizationId: 'org-fabrikam-ltd',
          customerTenantId: tenant(9),
        },
      ]);
    });

    it('says nothing about customers before there has ever been a customer list', () => {
      const world = new World().organization('Fabrikam Ltd', tenant(9));
      world.input.customers = undefined;
      assert.deepEqual(world.detect(), []);
    });

    it('ignores unmapped customers, whatever their state', () => {
      const world = new World().customer(
        customer(1, 'Contoso', [relationship({ status: 'expired' })]),
        undefined,
      );
      assert.deepEqual(world.detect(), []);
    });
  });

  describe('relationship-ended', () => {
    it('alerts when every relationship has ended, about the newest one', () => {
      const world = new World()
        .customer(
          customer(1, 'Contoso', [
            relationship({ displayName: 'GDAP old', status: 'expired', endDateTime: '2025-01-01T00:00:00Z' }),
            relationship({
              displayName: 'GDAP new',
              status: 'terminated',
              endDateTime: '2026-03-04T00:00:00Z',
            }),
          ]),
        )
        .organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.only('relationship-ended'), [
        {
          key: tenant(1),
          title: 'Contoso',
          detail:
            "'GDAP new' is terminated (end date 2026-03-04) and no other relationship gives access (organization: Contoso Ltd)",
          organizationId: 'org-contoso-ltd',
          customerTenantId: tenant(1),
        },
      ]);
    });

    it('does not alert while another relationship is usable, even one waiting for approval', () => {
      const world = new World()
        .customer(
          customer(1, 'Contoso', [
            relationship({ status: 'expired' }),
            relationship({
              status: 'approvalPending',
              createdDateTime: daysFromNow(-1),
              endDateTime: undefined,
            }),
          ]),
        )
        .organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.detect(), []);
    });

    it('names a relationship being ended in words, not as Graph spells its status', () => {
      const world = new World()
        .customer(customer(1, 'Contoso', [relationship({ status: 'terminationRequested' })]))
        .organization('Contoso Ltd', tenant(1));
      const [alert] = world.only('relationship-ended');
      assert.match(alert.detail, /^'GDAP Contoso' is being ended on request \(end date /);
    });

    it('does not alert on a customer that never had a relationship', () => {
      const world = new World().customer(customer(1, 'Contoso', [])).organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.detect(), []);
    });
  });

  describe('roles-missing', () => {
    it('alerts when the best usable relationship lacks a configured role, naming it', () => {
      const world = new World()
        .customer(customer(1, 'Contoso', [relationship({ roleIds: [GLOBAL_READER] })]))
        .organization('Contoso Ltd', tenant(1));
      assert.match(
        world.only('roles-missing')[0].detail,
        /^'GDAP Contoso' \(active\) lacks Exchange Administrator,/,
      );
    });

    it('does not alert when another usable relationship has every role', () => {
      const world = new World()
        .customer(
          customer(1, 'Contoso', [
            relationship({ roleIds: [GLOBAL_READER] }),
            relationship({
              status: 'approvalPending',
              createdDateTime: daysFromNow(-2),
              endDateTime: undefined,
            }),
          ]),
        )
        .organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.detect(), []);
    });

    it('compares role ids without case', () => {
      const world = new World()
        .customer(
          customer(1, 'Contoso', [relationship({ roleIds: [GLOBAL_READER, EXCHANGE_ADMIN.toUpperCase()] })]),
        )
        .organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.detect(), []);
    });
  });

  describe('approval-pending', () => {
    const waiting = (days: number) =>
      new World()
        .customer(
          customer(1, 'Contoso', [
            relationship({
              displayName: 'GDAP request',
              status: 'approvalPending',
              createdDateTime: daysFromNow(-days),
              endDateTime: undefined,
            }),
          ]),
        )
        .organization('Contoso Ltd', tenant(1));

    it('alerts on a request waiting for the customer for more than the configured days', () => {
      assert.equal(
        waiting(8).only('approval-pending')[0].detail,
        `'GDAP request' has waited for the customer’s approval since ${daysFromNow(-8).slice(0, 10)} (organization: Contoso Ltd)`,
      );
      assert.deepEqual(waiting(4).kinds({ approvalPendingDays: 3 }), ['approval-pending']);
    });

    it('does not alert on a younger request', () => {
      assert.deepEqual(waiting(6).detect(), []);
    });

    it('does not alert without a creation time to count from', () => {
      const world = waiting(30);
      delete world.input.customers![0].relationships[0].createdDateTime;
      assert.deepEqual(world.detect(), []);
    });
  });

  describe('relationship-expiring', () => {
    const ending = (
      days: number,
      overrides: Partial<CustomerRelationship> = {},
      others: CustomerRelationship[] = [],
    ) =>
      new World()
        .customer(
          customer(1, 'Contoso', [
            relationship({ endDateTime: daysFromNow(days), autoExtendDuration: 'PT0S', ...overrides }),
            ...others,
          ]),
        )
        .organization('Contoso Ltd', tenant(1));

    it('alerts on the active relationship ending within the configured days without auto-extend, by date', () => {
      assert.equal(
        ending(12).only('relationship-expiring')[0].detail,
        `'GDAP Contoso' ends on ${daysFromNow(12).slice(0, 10)} without auto-extend, and no replacement is on its way (organization: Contoso Ltd)`,
      );
      assert.deepEqual(ending(40).kinds({ expiringSoonDays: 45 }), ['relationship-expiring']);
    });

    it('does not alert on one ending later, or one that auto-extends', () => {
      assert.deepEqual(ending(40).detect(), []);
      assert.deepEqual(ending(12, { autoExtendDuration: 'P180D' }).detect(), []);
    });

    it('does not alert while a replacement with every role is on its way', () => {
      const replacement = relationship({
        status: 'approvalPending',
        createdDateTime: daysFromNow(-2),
        endDateTime: undefined,
      });
      assert.deepEqual(ending(12, {}, [replacement]).detect(), []);
    });

    it('still alerts when the would-be replacement lacks a role or ends as soon', () => {
      const lacking = relationship({
        status: 'approvalPending',
        roleIds: [GLOBAL_READER],
        createdDateTime: daysFromNow(-2),
        endDateTime: undefined,
      });
      assert.deepEqual(ending(12, {}, [lacking]).kinds(), ['relationship-expiring']);
      const alsoEnding = relationship({ endDateTime: daysFromNow(5), autoExtendDuration: 'PT0S' });
      assert.deepEqual(ending(12, {}, [alsoEnding]).kinds(), ['relationship-expiring']);
    });

    it('keeps its words, and so its fingerprint, from one day to the next', () => {
      const world = ending(12);
      assert.deepEqual(world.detect({}, new Date(NOW.getTime() + 86_400_000)), world.detect());
    });
  });

  describe('consent-missing', () => {
    const working = (consent: ConsentEntry | null) =>
      new World().customer(customer(1, 'Contoso'), consent).organization('Contoso Ltd', tenant(1));

    it('does not alert on no record alone: a client consented before the bot kept a ledger is not broken', () => {
      assert.deepEqual(working(null).kinds(), []);
    });

    it('alerts when an access test without a recorded consent found it missing', () => {
      const world = working(null).accessTest(tenant(1), {
        testedAt: daysFromNow(-1),
        ok: false,
        code: 'CUSTOMER_CONSENT_MISSING',
      });
      assert.match(world.only('consent-missing')[0].detail, /last access test found/);
    });

    it('alerts when the recorded consent is for another app or lacks a scope', () => {
      assert.match(
        working({ ...consented(), appId: 'other-app' }).only('consent-missing')[0].detail,
        /another app/,
      );
      assert.match(
        working({ ...consented(), scopes: ['User.Read.All'] }).only('consent-missing')[0].detail,
        /lacks Directory\.Read\.All \(/,
      );
    });

    it('does not alert when the consent covers the app and every scope, in any case', () => {
      assert.deepEqual(
        working({
          ...consented(),
          appId: APP.toUpperCase(),
          scopes: ['user.read.all', 'DIRECTORY.READ.ALL', 'Mail.Read'],
        }).detect(),
        [],
      );
    });

    it('alerts when the last access test after the consent found it missing', () => {
      const world = working(consented()).accessTest(tenant(1), {
        testedAt: daysFromNow(-1),
        ok: false,
        code: 'CUSTOMER_CONSENT_MISSING',
      });
      assert.match(world.only('consent-missing')[0].detail, /last access test/);
    });

    it('does not alert on a failed test older than the consent, or one that failed for another reason', () => {
      const stale = working(consented()).accessTest(tenant(1), {
        testedAt: daysFromNow(-31),
        ok: false,
        code: 'CUSTOMER_CONSENT_MISSING',
      });
      assert.deepEqual(stale.detect(), []);
      const other = working(consented()).accessTest(tenant(1), {
        testedAt: daysFromNow(-1),
        ok: false,
        code: 'CUSTOMER_ACCESS_EXPIRED',
      });
      assert.deepEqual(other.detect(), []);
    });

    it('is not looked at until the relationship is active with every role', () => {
      const world = new World()
        .customer(customer(1, 'Contoso', [relationship({ status: 'approved' })]), null)
        .organization('Contoso Ltd', tenant(1));
      assert.deepEqual(world.detect(), []);
    });
  });

  it('puts a customer in one access kind only: ended before roles before approval before expiry before consent', () => {
    const world = new World()
      .customer(customer(1, 'Ended', [relationship({ status: 'expired' })]), null)
      .customer(
        customer(2, 'Lacking', [
          relationship({ roleIds: [GLOBAL_READER], endDateTime: daysFromNow(3), autoExtendDuration: 'PT0S' }),
        ]),
        undefined,
      )
      .customer(
        customer(3, 'Stuck', [
          relationship({ endDateTime: daysFromNow(3), autoExtendDuration: 'PT0S' }),
          relationship({
            status: 'approvalPending',
            createdDateTime: daysFromNow(-20),
            endDateTime: undefined,
          }),
        ]),
        undefined,
      )
      .customer(
        customer(4, 'Ending', [relationship({ endDateTime: daysFromNow(3), autoExtendDuration: 'PT0S' })]),
        undefined,
      )
      .organization('One', tenant(1))
      .organization('Two', tenant(2))
      .organization('Three', tenant(3))
      .organization('Four', tenant(4));
    assert.deepEqual(
      world.detect().map((problem) => [problem.kind, problem.items.map((item) => item.title)]),
      [
        ['relationship-ended', ['Ended']],
        ['relationship-expiring', ['Ending']],
        ['approval-pending', ['Stuck']],
        ['roles-missing', ['Lacking']],
      ],
    );
  });

  it('judges the relationship chooseRelationship picks: the newest of two active ones, in either order', () => {
    const old = relationship({
      createdDateTime: daysFromNow(-700),
      endDateTime: daysFromNow(5),
      autoExtendDuration: 'PT0S',
    });
    const newer = relationship({
      createdDateTime: daysFromNow(-10),
      endDateTime: daysFromNow(20),
      autoExtendDuration: 'PT0S',
    });
    for (const relationships of [
      [old, newer],
      [newer, old],
    ]) {
      const world = new World()
        .customer(customer(1, 'Contoso', relationships))
        .organization('Contoso Ltd', tenant(1));
      assert.match(
        world.only('relationship-expiring')[0].detail,
        new RegExp(`ends on ${daysFromNow(20).slice(0, 10)}`),
      );
    }
  });

  it('names every organization of a customer and stands for them by the least organization id', () => {
    const world = new World()
      .customer(customer(1, 'Contoso', [relationship({ status: 'expired' })]))
      .organization('Zeta', tenant(1))
      .organization('Alpha', tenant(1));
    const [item] = world.only('relationship-ended');
    assert.match(item.detail, /\(organizations: Alpha and Zeta\)$/);
    assert.equal(item.organizationId, 'org-alpha');
  });

  it('sorts items by key, and its fingerprints do not depend on the order the store holds things in', () => {
    const build = (order: number[]) => {
      const world = new World();
      for (const n of order) {
        world.customer(customer(n, `Customer ${n}`, [relationship({ status: 'expired' })]));
        world.organization(`Org ${n}`, tenant(n));
      }
      return world.detect();
    };
    const forward = build([3, 1, 2]);
    assert.deepEqual(
      forward[0].items.map((item) => item.key),
      [tenant(1), tenant(2), tenant(3)],
    );
    assert.deepEqual(build([2, 3, 1]), forward);
  });

  it('changes the fingerprint when an item changes', () => {
    const world = new World()
      .customer(
        customer(1, 'Contoso', [relationship({ endDateTime: daysFromNow(10), autoExtendDuration: 'PT0S' })]),
      )
      .organization('Contoso Ltd', tenant(1));
    const before = world.detect()[0].fingerprint;
    world.input.customers![0].relationships[0].endDateTime = daysFromNow(11);
    assert.notEqual(world.detect()[0].fingerprint, before);
  });

  it('gives the same problems from kept indexes as from the raw data', () => {
    const world = new World()
      .customer(customer(1, 'Contoso', [relationship({ status: 'expired' })]))
      .customer(customer(2, 'Fabrikam'), { ...consented(), appId: 'other-app' })
      .organization('Contoso Ltd', tenant(1), tenant(2))
      .organization('Lost Ltd', tenant(7));
    const { organizations, mappings, customers, consents, accessTests } = world.input;
    const indexed = detectIndexedProblems(
      {
        mappings: indexMappings(organizations, mappings),
        customers: indexCustomers(customers!),
        consents,
        accessTests,
      },
      OPTIONS,
      NOW,
    );
    assert.deepEqual(indexed, world.detect());
    assert.deepEqual(
      indexed.map((problem) => problem.kind),
      ['mapping-conflict', 'customer-missing', 'relationship-ended', 'consent-missing'],
    );
  });
});
