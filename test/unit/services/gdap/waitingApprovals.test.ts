import assert from 'node:assert/strict';
import type { Preview } from '../../../../services/gdap/consentAll.js';
import { agoText, waitingApprovals } from '../../../../services/gdap/waitingApprovals.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');

function waiting(name: string, id: string, createdDateTime?: string): Preview {
  const customer = { tenantId: `tenant-${id}`, displayName: name };
  const relationship = {
    id,
    displayName: `GDAP-${name}`,
    status: 'approvalPending',
    roleIds: [],
    ...(createdDateTime ? { createdDateTime } : {}),
  };
  return {
    customer,
    step: { kind: 'wait-for-approval', customer, relationship, approvalLink: `https://x/${id}`, summary: '' },
  };
}

describe('Waiting approvals', () => {
  it('keeps only the customers waiting for approval, the longest waiting first, unknown ages last', () => {
    const customer = { tenantId: 'tenant-done', displayName: 'Done' };
    const list = waitingApprovals(
      [
        waiting('Newer', 'B', '2026-11-30T00:00:00Z'),
        waiting('No age', 'C'),
        { customer, error: undefined },
        waiting('Older', 'A', '2026-10-01T00:00:00Z'),
      ],
      () => undefined,
      { a: { remindedAt: '2026-12-01T08:00:00.000Z', by: 'admin' } },
    );
    assert.deepEqual(
      list.map((item) => [item.customerName, item.remindedAt]),
      [
        ['Older', '2026-12-01T08:00:00.000Z'],
        ['Newer', undefined],
        ['No age', undefined],
      ],
    );
  });

  it('speaks of past days as today, yesterday and days ago', () => {
    assert.deepEqual(
      ['2026-12-03T01:00:00Z', '2026-12-02T11:00:00Z', '2026-11-28T12:00:00Z', undefined].map((at) =>
        agoText(at, NOW),
      ),
      ['today', 'yesterday', '5 days ago', undefined],
    );
  });
});
