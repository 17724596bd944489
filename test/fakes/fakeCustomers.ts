// The customer side for conversation tests: a real directory over an in-memory cache, recorded sync requests.
import type { TurnContext } from 'botbuilder';
import { Memory } from 'lowdb';
import { downloadCsv, findCsvAttachment } from '../../bot/csvAttachment.js';
import type { CustomerPorts } from '../../bot/createBot.js';
import type { CspCustomer } from '../../services/customers/cspCustomer.js';
import { CustomerCache, type CustomerCacheData } from '../../services/customers/customerCache.js';
import { CustomerDirectory } from '../../services/customers/customerDirectory.js';

export function customer(displayName: string, tenantId: string, defaultDomainName: string): CspCustomer {
  return {
    tenantId,
    displayName,
    defaultDomainName,
    contractType: 'ResellerPartner',
    hasContract: true,
    hasActiveGdap: true,
    relationships: [],
  };
}

export const CUSTOMERS: CspCustomer[] = [
  customer(
    'Müller Bäckerei GmbH',
    '0f4c1b2a-8d3e-4f56-9a7b-1c2d3e4f5a6b',
    'muellerbaeckerei.onmicrosoft.com',
  ),
  customer('Northwind Traders Ltd', '1a2b3c4d-5e6f-4789-8abc-def012345678', 'northwindtraders.com'),
  customer('Fabrikam Inc.', '2b3c4d5e-6f70-4819-9abc-def012345679', 'fabrikam.com'),
  customer('Litware Inc.', '3c4d5e6f-7081-4920-8bcd-ef0123456780', 'litware.onmicrosoft.com'),
  customer('Litware Inc.', '4d5e6f70-8192-4a31-9cde-f01234567891', 'litwareinc.com'),
];

export class FakeCustomers implements CustomerPorts {
  readonly syncRequests: string[] = [];
  private constructor(
    readonly directory: CustomerDirectory,
    readonly cache: CustomerCache,
  ) {}

  static async with(customers: readonly CspCustomer[] = CUSTOMERS): Promise<FakeCustomers> {
    const cache = await CustomerCache.open(new Memory<CustomerCacheData>());
    await cache.replace(customers, '2026-11-26T08:00:00.000Z');
    return new FakeCustomers(new CustomerDirectory(cache), cache);
  }

  startSync = async (context: TurnContext): Promise<void> => {
    this.syncRequests.push(context.activity.conversation.id);
    await context.sendActivity('Syncing the CSP customer list…');
  };

  exportUrl = (): string => 'https://bot.example.test/exports/mappings.csv?expires=1&sig=test';

  findCsvAttachment = findCsvAttachment;
  downloadCsv = downloadCsv;
}
