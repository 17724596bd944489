// What the mapping flows use: the organization and mapping stores, the customer directory, sync and export.
import type { TurnContext } from 'botbuilder';
import { AppError } from '../../services/errors.js';
import type { CustomerDirectory } from '../../services/customers/customerDirectory.js';
import type { MappingStore } from '../../services/mappings/mappingStore.js';
import type { OrganizationStore } from '../../services/organizations/organizationStore.js';

export interface MappingDeps {
  organizations: OrganizationStore;
  mappings: MappingStore;
  customers: CustomerDirectory;
  /** A short-lived link to the mappings CSV. */
  exportUrl: () => string;
  /** Starts a customer sync that reports its progress by updating one message in this chat. */
  startSync: (context: TurnContext) => Promise<void>;
  /** The CSV file attached to the message, found without reading it; undefined when there is none. */
  findCsvAttachment: (context: TurnContext) => { name: string; url: string } | undefined;
  /** Downloads an attachment found above; only after the rights check. */
  downloadCsv: (attachment: { name: string; url: string }) => Promise<Uint8Array>;
}

/** Card inputs and data arrive as loosely typed JSON: read them defensively. */
export function text(value: Record<string, unknown>, key: string): string {
  const field = value[key];
  return typeof field === 'string' ? field.trim() : typeof field === 'number' ? String(field) : '';
}

export function whole(value: Record<string, unknown>, key: string): number | undefined {
  const field = Number(value[key]);
  return Number.isInteger(field) ? field : undefined;
}

/**
 * The mapping revision a card was drawn at, which every change from a card must carry: without a whole number
 * there is no proof the card is current, so the change is refused as stale (STALE) rather than applied unchecked.
 */
export function cardRevision(value: Record<string, unknown>): number {
  const field = value.revision;
  const revision =
    typeof field === 'number'
      ? field
      : typeof field === 'string' && /^\d{1,15}$/.test(field)
        ? Number(field)
        : NaN;
  if (Number.isSafeInteger(revision) && revision >= 0) return revision;
  throw new AppError('STALE', `card revision of type ${typeof field} is not a whole number`);
}
