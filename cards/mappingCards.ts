// Client mapping cards: the picker, the conflict fix, search results, the bulk preview, the lists and the CSV import.
import importPreviewTemplate from './templates/importPreview.json' with { type: 'json' };
import listTemplate from './templates/mappingsList.json' with { type: 'json' };
import organizationsTemplate from './templates/organizationsList.json' with { type: 'json' };
import previewTemplate from './templates/mapAllPreview.json' with { type: 'json' };
import conflictTemplate from './templates/mapConflict.json' with { type: 'json' };
import pickerTemplate from './templates/mapPicker.json' with { type: 'json' };
import resultsTemplate from './templates/mapResults.json' with { type: 'json' };
import { expandCard, type CardAttachment } from './cardAttachment.js';

export interface Choice {
  title: string;
  value: string;
}

export interface MapPickerCardData {
  revision: number;
  /** Past Teams' 15-entry drop-down, the pickers switch to type-ahead (Data.Query) with these as the first page. */
  organizationsDynamic: boolean;
  customersDynamic: boolean;
  organizationChoices: Choice[];
  customerChoices: Choice[];
  organizationId?: string;
  customerTenantId?: string;
  suggestion?: string;
  notice?: string;
}

export function mapPickerCard(data: MapPickerCardData): CardAttachment {
  return expandCard(pickerTemplate, {
    ...data,
    organizationId: data.organizationId ?? '',
    customerTenantId: data.customerTenantId ?? '',
    suggestion: data.suggestion ?? '',
    notice: data.notice ?? '',
  });
}

export interface MapResultsCardData {
  revision: number;
  query: string;
  organizationId: string;
  organizationName: string;
  results: { name: string; domain: string; tenantId: string }[];
}

export function mapResultsCard(data: MapResultsCardData): CardAttachment {
  return expandCard(resultsTemplate, data);
}

export interface MapAllPreviewCardData {
  revision: number;
  syncedAt: string;
  summary: string;
  rows: { organization: string; customer: string }[];
  more: number;
  total: number;
}

export function mapAllPreviewCard(data: MapAllPreviewCardData): CardAttachment {
  return expandCard(previewTemplate, data);
}

export interface MappingsListCardData {
  revision: number;
  summary: string;
  conflicts: number;
  filter: string;
  name: string;
  page: number;
  pages: number;
  rows: { organizationId: string; organization: string; customers: string; mark: string; mapped: boolean }[];
  exportUrl: string;
}

export function mappingsListCard(data: MappingsListCardData): CardAttachment {
  return expandCard(listTemplate, data);
}

export interface OrganizationsListCardData {
  revision: number;
  summary: string;
  notice?: string;
  page: number;
  pages: number;
  rows: { id: string; name: string; details: string }[];
}

export function organizationsListCard(data: OrganizationsListCardData): CardAttachment {
  return expandCard(organizationsTemplate, { ...data, notice: data.notice ?? '' });
}

export interface ImportPreviewCardData {
  previewId: string;
  fileName: string;
  added: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  /** True when the file has a customer tenant id column; the "To map" count shows only then. */
  mapsCustomers: boolean;
  mapped: number;
  changes: { text: string }[];
  rejected: { line: number; reason: string }[];
  moreRejected: number;
  refusedMappings: { line: number; reason: string }[];
  moreRefusedMappings: number;
  /** Every header column the import did not read, and why: nothing in the file is dropped without a word. */
  ignoredColumns: { name: string; reason: string }[];
}

export function importPreviewCard(data: ImportPreviewCardData): CardAttachment {
  return expandCard(importPreviewTemplate, data);
}

export interface MapConflictCardData {
  revision: number;
  organizationId: string;
  organizationName: string;
  message: string;
  notice?: string;
  /** Each customer the organization is linked to, with its own "Keep this one" button. */
  customers: { name: string; detail: string; tenantId: string }[];
}

export function mapConflictCard(data: MapConflictCardData): CardAttachment {
  return expandCard(conflictTemplate, { ...data, notice: data.notice ?? '' });
}
