// Teams' type-ahead for the picker's drop-downs: one page of customers or organizations matching what was typed.
import type { CspCustomer } from '../../services/customers/cspCustomer.js';
import type { Organization } from '../../services/store/storeData.js';
import { customerChoice } from './mapPicker.js';

export interface TypeAheadSources {
  customers: { search(query: string, top: number, skip: number): readonly CspCustomer[] };
  organizations: { search(query: string, top: number, skip: number): readonly Organization[] };
}

/** The choices for a data query on `dataset`; an unknown dataset has none. */
export function typeAheadChoices(
  sources: TypeAheadSources,
  dataset: string,
  query: string,
  top: number,
  skip: number,
): { title: string; value: string }[] {
  if (dataset === 'customers') return sources.customers.search(query, top, skip).map(customerChoice);
  if (dataset !== 'organizations') return [];
  return sources.organizations
    .search(query, top, skip)
    .map((organization) => ({ title: organization.name, value: organization.id }));
}
