// Graph requests for the gdap services: one retry policy, paging by nextLink, and failures as AppErrors.
import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { AppError, ERROR_MESSAGES, type ErrorCode } from '../errors.js';
import { DEFAULT_GRAPH_RETRY, type GraphRetryPolicy } from '../customers/graphCustomerRetry.js';
import { gdapFailure, httpStatusOf } from './gdapErrors.js';
import { withGdapRetry, type RetryMode } from './gdapRetry.js';

// These calls retry themselves (gdapRetry.ts), so the client's RetryHandler is told not to: the two never stack.
const NO_CLIENT_RETRIES = new RetryHandlerOptions(0, 0);

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

export interface WriteOptions {
  headers?: Record<string, string>;
  mode?: RetryMode;
}

export class GraphCalls {
  readonly #client: Client;
  readonly #retry: GraphRetryPolicy;

  constructor(client: Client, retry: Partial<GraphRetryPolicy> = {}) {
    this.#client = client;
    this.#retry = { ...DEFAULT_GRAPH_RETRY, ...retry };
  }

  get<T>(path: string, action: string): Promise<T> {
    return this.#run(action, 'safe', () => this.#api(path).get() as Promise<T>);
  }

  /** Every item of a collection: follows `@odata.nextLink` exactly as Graph gives it until there is none. */
  async getAll<T>(path: string, action: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: Page<T> = await this.get<Page<T>>(next, action);
      items.push(...(page.value ?? []));
      next = page['@odata.nextLink'];
    }
    return items;
  }

  post<T>(path: string, body: unknown, action: string, options: WriteOptions = {}): Promise<T> {
    return this.#run(
      action,
      options.mode ?? 'safe',
      () =>
        this.#api(path)
          .headers(options.headers ?? {})
          .post(body) as Promise<T>,
    );
  }

  async #run<T>(action: string, mode: RetryMode, request: () => Promise<T>): Promise<T> {
    try {
      return await withGdapRetry(request, this.#retry, mode, (error) => tokenFailure(error) === undefined);
    } catch (error) {
      throw tokenFailure(error) ?? gdapFailure(error, action);
    }
  }

  #api(path: string) {
    return this.#client.api(path).middlewareOptions([NO_CLIENT_RETRIES]);
  }
}

/** The HTTP status behind an AppError from these calls (or of a raw GraphError), to act on 404, 409 or 412. */
export function statusOf(error: unknown): number | undefined {
  return httpStatusOf(error) ?? httpStatusOf((error as { cause?: unknown } | undefined)?.cause);
}

/**
 * The Graph client wraps whatever the token getter threw into a GraphError with status -1 that keeps only the
 * message, which an AppError starts with its code. That AppError is rebuilt here: SIGN_IN_REQUIRED must reach the
 * user as itself, and a missing token is no network failure to retry.
 */
function tokenFailure(error: unknown): AppError | undefined {
  if (!(error instanceof GraphError) || error.statusCode > 0 || error.code !== 'AppError') return undefined;
  const match = /^([A-Z_]+)(?::\s*(.*))?$/s.exec(error.message ?? '');
  if (!match || !(match[1] in ERROR_MESSAGES)) return undefined;
  return new AppError(match[1] as ErrorCode, match[2], { cause: error });
}
