// What the mapping flows use: the organization and mapping stores, the customer directory, sync and export.
import type { TurnContext } from 'botbuilder';
import type { CustomerDirectory } from '../../services/customers/customerDirectory.js';
import type { MappingCases } from '../../services/mappings/mappingCases.js';
import type { MappingStore } from '../../services/mappings/mappingStore.js';
import type { OrganizationStore } from '../../services/organizations/organizationStore.js';

export interface MappingDeps {
  organizations: OrganizationStore;
  mappings: MappingStore;
  customers: CustomerDirectory;
  /** The mapping use cases: what a press decides and writes, over the stores above. */
  cases: MappingCases;
  /** A short-lived link to the mappings CSV. */
  exportUrl: () => string;
  /** Starts a customer sync that reports its progress by updating one message in this chat. */
  startSync: (context: TurnContext) => Promise<void>;
  /** The CSV file attached to the message, found without reading it; undefined when there is none. */
  findCsvAttachment: (context: TurnContext) => { name: string; url: string } | undefined;
  /** Downloads an attachment found above; only after the rights check. */
  downloadCsv: (attachment: { name: string; url: string }) => Promise<Uint8Array>;
}
