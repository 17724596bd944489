// The store's journal of changes: which mappings and organizations each of the latest revisions touched.
import assert from 'node:assert/strict';
import {
  organizationsTouchedSince,
  recordChange,
  touchedSince,
} from '../../../../services/mappings/mappingRevision.js';
import { emptyStoreData, JOURNAL_ORGANIZATIONS_KEPT } from '../../../../services/store/storeData.js';

const AT = new Date('2026-12-04T09:00:00.000Z');
const change = { by: 'admin', action: 'test', changes: [], at: AT };

describe('The journal of mapping and organization changes', () => {
  it('names the organizations of each change since a revision, and none for a change to mappings alone', () => {
    const data = emptyStoreData();
    const start = data.mappingRevision;
    recordChange(data, { ...change, mappingIds: [], organizationIds: ['org-1'] });
    recordChange(data, { ...change, mappingIds: ['m-1'], organizationIds: [] });
    recordChange(data, { ...change, mappingIds: [], organizationIds: ['org-2', 'org-1'] });
    assert.deepEqual(organizationsTouchedSince(data, start), ['org-1', 'org-2', 'org-1']);
    assert.deepEqual(organizationsTouchedSince(data, start + 1), ['org-2', 'org-1']);
    assert.deepEqual(touchedSince(data, start), ['m-1']);
    assert.equal(organizationsTouchedSince(data, data.mappingRevision), undefined, 'nothing is newer');
  });

  it('says many past what it keeps, and cannot say across a gap or for a change that named nothing', () => {
    const data = emptyStoreData();
    const start = data.mappingRevision;
    const many = Array.from({ length: JOURNAL_ORGANIZATIONS_KEPT + 1 }, (_, n) => `org-${n}`);
    recordChange(data, { ...change, mappingIds: [], organizationIds: many });
    assert.equal(data.mappingJournal?.at(-1)?.organizationIds, 'many');
    recordChange(data, { ...change, mappingIds: [], organizationIds: ['org-1'] });
    assert.equal(organizationsTouchedSince(data, start), 'many');
    assert.deepEqual(organizationsTouchedSince(data, start + 1), ['org-1']);
    // A writer that did not say which organizations it changed, as before the journal named them.
    recordChange(data, { ...change, mappingIds: [] });
    assert.equal(organizationsTouchedSince(data, start + 1), undefined);
    // A revision moved outside recordChange.
    const later = data.mappingRevision;
    data.mappingRevision += 1;
    recordChange(data, { ...change, mappingIds: [], organizationIds: ['org-2'] });
    assert.equal(organizationsTouchedSince(data, later), undefined);
    assert.deepEqual(organizationsTouchedSince(data, later + 1), ['org-2']);
  });
});
