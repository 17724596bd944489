// Samples of the client mapping cards: the picker (small and type-ahead), search results, bulk preview, list.
import {
  importPreviewCard,
  mapAllPreviewCard,
  mapConflictCard,
  mapPickerCard,
  mapResultsCard,
  mappingsListCard,
  organizationsListCard,
} from '../../../cards/mappingCards.js';
import type { CardSample } from './cardSamples.js';

const ORGANIZATIONS = [
  { title: 'Müller Bäckerei', value: 'org-1' },
  { title: 'Northwind Traders', value: 'org-2' },
  { title: 'Fabrikam Dental Group', value: 'org-3' },
];
const CUSTOMERS = [
  {
    title: 'Müller Bäckerei GmbH · muellerbaeckerei.onmicrosoft.com',
    value: '0f4c1b2a-8d3e-4f56-9a7b-1c2d3e4f5a6b',
  },
  { title: 'Northwind Traders Ltd · northwindtraders.com', value: '1a2b3c4d-5e6f-4789-8abc-def012345678' },
];

export const MAPPING_SAMPLES: CardSample[] = [
  {
    name: 'map-picker',
    template: 'mapPicker.json',
    build: () =>
      mapPickerCard({
        revision: 12,
        organizationsDynamic: false,
        customersDynamic: false,
        organizationChoices: ORGANIZATIONS,
        customerChoices: CUSTOMERS,
        organizationId: 'org-1',
        customerTenantId: CUSTOMERS[0].value,
        suggestion: 'Suggested: **Müller Bäckerei GmbH** (same name without the legal suffix).',
      }),
  },
  {
    name: 'map-picker-type-ahead',
    template: 'mapPicker.json',
    build: () =>
      mapPickerCard({
        revision: 12,
        organizationsDynamic: true,
        customersDynamic: true,
        organizationChoices: ORGANIZATIONS,
        customerChoices: CUSTOMERS,
        notice: '2,000 customers: type a few letters of the name, the domain or the tenant id.',
      }),
  },
  {
    name: 'map-results',
    template: 'mapResults.json',
    build: () =>
      mapResultsCard({
        revision: 12,
        query: 'muller',
        organizationId: 'org-1',
        organizationName: 'Müller Bäckerei',
        results: [
          {
            name: 'Müller Bäckerei GmbH',
            domain: 'muellerbaeckerei.onmicrosoft.com',
            tenantId: CUSTOMERS[0].value,
          },
          {
            name: 'Müller & Söhne KG',
            domain: 'muellersoehne.de',
            tenantId: '2b3c4d5e-6f70-4819-9abc-def012345679',
          },
        ],
      }),
  },
  {
    name: 'map-conflict',
    template: 'mapConflict.json',
    build: () =>
      mapConflictCard({
        revision: 12,
        organizationId: 'org-1',
        organizationName: 'Müller Bäckerei',
        message:
          '**Müller Bäckerei** is linked to 2 CSP customers, and automation can follow only one. Press **Keep this one** on the customer this organization belongs to: the other links are removed in the same step.',
        customers: [
          {
            name: 'Müller Bäckerei GmbH',
            detail: `muellerbaeckerei.onmicrosoft.com · ${CUSTOMERS[0].value} · linked 2026-11-02`,
            tenantId: CUSTOMERS[0].value,
          },
          {
            name: 'Müller Backwaren AG',
            detail: 'muellerbackwaren.ch · 2b3c4d5e-6f70-4819-9abc-def012345679 · linked 2026-11-20',
            tenantId: '2b3c4d5e-6f70-4819-9abc-def012345679',
          },
        ],
      }),
  },
  {
    name: 'map-all-preview',
    template: 'mapAllPreview.json',
    build: () =>
      mapAllPreviewCard({
        revision: 12,
        syncedAt: '2026-11-26T09:12:00.000Z',
        summary: '2 of 5 unmapped organizations have a confident match. The other 3 need you to choose.',
        rows: [
          { organization: 'Müller Bäckerei', customer: 'Müller Bäckerei GmbH' },
          { organization: 'Northwind Traders', customer: 'Northwind Traders Ltd' },
        ],
        more: 0,
        total: 2,
      }),
  },
  {
    name: 'mappings-list',
    template: 'mappingsList.json',
    build: () =>
      mappingsListCard({
        revision: 12,
        summary: '3 organizations: 1 mapped, 1 unmapped, 1 conflict.',
        conflicts: 1,
        filter: 'all',
        name: '',
        page: 1,
        pages: 1,
        rows: [
          {
            organizationId: 'org-1',
            organization: 'Müller Bäckerei',
            customers: 'Müller Bäckerei GmbH',
            mark: '✅',
            mapped: true,
          },
          {
            organizationId: 'org-2',
            organization: 'Northwind Traders',
            customers: 'Not mapped',
            mark: '⬜',
            mapped: false,
          },
          {
            organizationId: 'org-3',
            organization: 'Fabrikam Dental Group',
            customers: 'Fabrikam Dental LLC; Fabrikam Inc.',
            mark: '⚠️',
            mapped: true,
          },
        ],
        exportUrl: 'https://csp-bot.contoso.com/exports/mappings.csv?token=abc',
      }),
  },
  {
    name: 'organizations-list',
    template: 'organizationsList.json',
    build: () =>
      organizationsListCard({
        revision: 12,
        summary: '3 organizations.',
        page: 1,
        pages: 1,
        rows: [
          { id: 'org-3', name: 'Fabrikam Dental Group', details: 'id 1043 · fabrikamdental.com' },
          { id: 'org-1', name: 'Müller Bäckerei', details: 'id 1001 · mueller-baeckerei.de' },
          { id: 'org-2', name: 'Northwind Traders', details: 'id 1002' },
        ],
      }),
  },
  {
    name: 'import-preview',
    template: 'importPreview.json',
    build: () =>
      importPreviewCard({
        previewId: 'b1e0c8f2-5a3d-4c1e-9f7a-2d6b8e4c0a1f',
        fileName: 'psa-companies.csv',
        added: 2,
        updated: 1,
        unchanged: 40,
        rejectedCount: 2,
        mapsCustomers: true,
        mapped: 2,
        changes: [
          { text: 'add **Alpine Ski House** (alpineskihouse.com)' },
          { text: 'add **Blue Yonder Airlines**' },
          { text: 'update **Northwind Traders**: domain – → northwindtraders.com' },
          { text: 'map **Alpine Ski House** to **Alpine Ski House Ltd**' },
          { text: 'map **Northwind Traders** to **Northwind Traders Inc.**' },
        ],
        rejected: [
          { line: 7, reason: 'the name is empty' },
          { line: 12, reason: '“contoso” is not a domain name' },
        ],
        moreRejected: 0,
        refusedMappings: [
          {
            line: 9,
            reason:
              'Not mapped: “Fabrikam Dental Group” is already linked to Fabrikam Inc., and an organization can be linked to only one customer. Change its mapping in the mappings list if it should move to Fabrikam Dental.',
          },
        ],
        moreRefusedMappings: 0,
        ignoredColumns: [
          {
            name: 'Phone',
            reason:
              'not a column the import knows; it reads name, external id, domain and customer tenant id.',
          },
        ],
      }),
  },
];
