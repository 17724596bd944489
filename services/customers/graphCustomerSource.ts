// Reads the partner's customer picture from Graph: three paged lists read side by side, joined as pages land.
import type { Client } from '@microsoft/microsoft-graph-client';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { CspCustomer } from './cspCustomer.js';
import {
  CustomerJoin,
  type CustomerList,
  type GraphContract,
  type GraphDelegatedAdminCustomer,
  type GraphRelationship,
} from './graphCustomerJoin.js';
import { DEFAULT_GRAPH_RETRY, withGraphRetry, type GraphRetryPolicy } from './graphCustomerRetry.js';

export interface SourceProgress {
  /** Distinct customer tenants named by the pages read so far, across the three lists. */
  customersSoFar: number;
  pagesSoFar: number;
}

/** The port CustomerSync reads through; the fake in tests is any object with this method. */
export interface CustomerSource {
  fetchAll(options?: { onProgress?: (progress: SourceProgress) => void }): Promise<CspCustomer[]>;
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

// $top as large as each endpoint allows: fewer pages means fewer round trips, the floor of a sync's time.
export const CUSTOMER_LIST_QUERIES: Record<CustomerList, string> = {
  contracts: '/contracts?$top=999&$select=customerId,contractType,defaultDomainName,displayName',
  gdapCustomers: '/tenantRelationships/delegatedAdminCustomers?$top=300',
  relationships:
    '/tenantRelationships/delegatedAdminRelationships?$top=300' +
    '&$select=id,displayName,status,customer,createdDateTime,endDateTime,autoExtendDuration,accessDetails',
};

// This class retries itself (graphCustomerRetry.ts): the client's RetryHandler is told not to, so the two
// never stack (4 × 6 tries) and its whole-second jitter cannot make test timings vary.
const NO_CLIENT_RETRIES = new RetryHandlerOptions(0, 0);

export class GraphCustomerSource implements CustomerSource {
  readonly #client: Client;
  readonly #retry: GraphRetryPolicy;

  constructor(client: Client, options: { retry?: Partial<GraphRetryPolicy> } = {}) {
    this.#client = client;
    this.#retry = { ...DEFAULT_GRAPH_RETRY, ...options.retry };
  }

  /**
   * Reads every page of the three lists at once, so a sync takes as long as its longest page chain rather
   * than the sum. The first list to fail for good stops the other two and its error is thrown.
   */
  async fetchAll(options: { onProgress?: (progress: SourceProgress) => void } = {}): Promise<CspCustomer[]> {
    const join = new CustomerJoin();
    let pagesSoFar = 0;
    const stop = new AbortController();
    let firstError: unknown;
    const read = async <T>(list: CustomerList, add: (page: readonly T[]) => void): Promise<void> => {
      try {
        await this.#readAll<T>(list, stop.signal, (page) => {
          add(page);
          pagesSoFar += 1;
          options.onProgress?.({ customersSoFar: join.size, pagesSoFar });
        });
      } catch (error) {
        if (!stop.signal.aborted) {
          firstError = error;
          stop.abort(error);
        }
        throw error;
      }
    };
    // allSettled, not all: the sync must not return while the other chains are still sending requests.
    const outcomes = await Promise.allSettled([
      read<GraphContract>('contracts', (page) => join.addContracts(page)),
      read<GraphDelegatedAdminCustomer>('gdapCustomers', (page) => join.addGdapCustomers(page)),
      read<GraphRelationship>('relationships', (page) => join.addRelationships(page)),
    ]);
    if (outcomes.some((outcome) => outcome.status === 'rejected')) throw firstError;
    return join.result();
  }

  // Follows @odata.nextLink exactly as Graph gives it until there is none; skip tokens are never built here.
  async #readAll<T>(
    list: CustomerList,
    signal: AbortSignal,
    onPage: (page: readonly T[]) => void,
  ): Promise<void> {
    const fetchPage = (pageUrl: string) =>
      withGraphRetry<Page<T>>(
        list,
        () =>
          this.#client
            .api(pageUrl)
            .middlewareOptions([NO_CLIENT_RETRIES])
            .option('signal', signal)
            .get() as Promise<Page<T>>,
        this.#retry,
        signal,
      );
    let next: Promise<Page<T>> | undefined = fetchPage(CUSTOMER_LIST_QUERIES[list]);
    while (next) {
      const page: Page<T> = await next;
      const link = page['@odata.nextLink'];
      // Ask for the next page before joining this one: the join then runs while the network waits.
      next = link ? fetchPage(link) : undefined;
      // A failed prefetch is awaited on the next turn of the loop; this keeps it from being reported unhandled.
      next?.catch(() => undefined);
      onPage(page.value ?? []);
    }
  }
}
