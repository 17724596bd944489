// The join of contracts, GDAP customers and relationships: who is listed, with which facts, in which order.
import assert from 'node:assert/strict';
import { CustomerJoin } from '../../../../services/customers/graphCustomerJoin.js';

const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
const FABRIKAM = 'aaaaaaaa-0000-4000-8000-000000000002';
const NORTHWIND = 'aaaaaaaa-0000-4000-8000-000000000003';
const TAILSPIN = 'aaaaaaaa-0000-4000-8000-000000000004';

const relationship = (id: string, tenantId: string | undefined, status: string, roles: string[] = []) => ({
  id,
  displayName: `GDAP ${id}`,
  status,
  endDateTime: status === 'active' ? '2027-01-01T00:00:00Z' : null,
  autoExtendDuration: 'P180D',
  customer: tenantId ? { tenantId, displayName: `Name from relationship ${id}` } : null,
  accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
});

describe('CustomerJoin', () => {
  it('lists contract-only, GDAP-only and relationship-only customers, whatever order the pages came in', () => {
    const join = new CustomerJoin();
    // The GDAP and relationship pages land before the contracts that name the same tenants.
    join.addRelationships([
      relationship('r1', FABRIKAM.toUpperCase(), 'active', ['f2ef992c-3afb-46b9-b7cf-a126ee74c451']),
      relationship('r2', TAILSPIN, 'approvalPending'),
      relationship('r3', undefined, 'created'),
    ]);
    join.addGdapCustomers([{ tenantId: FABRIKAM, displayName: 'Fabrikam (GDAP)' }, { tenantId: NORTHWIND }]);
    join.addContracts([
      {
        customerId: CONTOSO,
        contractType: 'ResellerPartner',
        defaultDomainName: 'contoso.onmicrosoft.com',
        displayName: 'Contoso',
      },
      {
        customerId: FABRIKAM,
        contractType: 'BreadthPartner',
        defaultDomainName: 'fabrikam.onmicrosoft.com',
        displayName: 'Fabrikam',
      },
    ]);
    join.addRelationships([relationship('r4', FABRIKAM, 'expired')]);

    const customers = join.result();

    assert.deepEqual(
      customers.map((c) => [
        c.tenantId,
        c.displayName,
        c.hasContract,
        c.hasActiveGdap,
        c.relationships.length,
      ]),
      [
        [CONTOSO, 'Contoso', true, false, 0],
        [FABRIKAM, 'Fabrikam', true, true, 2],
        [NORTHWIND, '', false, true, 0],
        [TAILSPIN, 'Name from relationship r2', false, false, 1],
      ],
      'contracts first in Graph order, then GDAP customers, then tenants only relationships name; open invitations belong to no one',
    );
    assert.deepEqual(customers[1], {
      tenantId: FABRIKAM,
      displayName: 'Fabrikam',
      defaultDomainName: 'fabrikam.onmicrosoft.com',
      contractType: 'BreadthPartner',
      hasContract: true,
      hasActiveGdap: true,
      relationships: [
        {
          id: 'r1',
          displayName: 'GDAP r1',
          status: 'active',
          endDateTime: '2027-01-01T00:00:00Z',
          autoExtendDuration: 'P180D',
          roleIds: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'],
        },
        { id: 'r4', displayName: 'GDAP r4', status: 'expired', autoExtendDuration: 'P180D', roleIds: [] },
      ],
    });
    assert.equal(join.size, 4);
  });

  it('ignores a contract type it does not know rather than passing it on', () => {
    const join = new CustomerJoin();
    join.addContracts([{ customerId: CONTOSO, contractType: 'SomethingNew', displayName: 'Contoso' }]);
    const [contoso] = join.result();
    assert.equal(contoso.hasContract, true);
    assert.equal('contractType' in contoso, false);
  });
});
