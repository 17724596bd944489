// What the mapping flows use: the organization and mapping stores, the customer directory, sync and export.
import type { TurnContext } from 'botbuilder';
import { AppError } from '../../services/errors.js';
import type { CardRevision } from '../../cards/cardActions.js';
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

/**
 * The mapping revision a card was drawn at, which every change from a card must carry: without one there is no
 * proof the card is current, so the change is refused as stale (STALE) rather than applied unchecked.
 */
export function cardRevision(revision: CardRevision): number {
  if (revision !== undefined) return revision;
  throw new AppError('STALE', 'the card carries no revision, or not a whole number');
}
