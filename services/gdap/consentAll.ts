// "Consent all": the flow for many clients at a bounded concurrency, every client reported, none stopping the rest.
import { AppError, isAppError } from '../errors.js';
import type { FlowCustomer, FlowStep, StepKind } from './flowStep.js';
import type { GdapRelationship } from './gdapModel.js';

export type ClientOutcome = 'done' | 'waiting-for-customer' | 'waiting' | 'blocked' | 'failed';

export interface ClientResult {
  customer: FlowCustomer;
  outcome: ClientOutcome;
  /** Where the client stands: the step that is next (its summary says what, or why not). */
  step?: FlowStep;
  /** The steps this run performed for the client, in order. */
  stepsRun: StepKind[];
  error?: AppError;
  /** The client's relationships as last read in this run, when a read succeeded. */
  relationships?: GdapRelationship[];
}

export interface ConsentAllProgress {
  completed: number;
  total: number;
  latest: ClientResult;
}

export interface ConsentAllOptions {
  /** Clients worked on at once; Graph throttles per partner, so a few at a time is faster than many. */
  concurrency?: number;
  onProgress?: (progress: ConsentAllProgress) => void;
  /** Steps acted on per client in one run before it is reported as waiting (default 8). */
  maxSteps?: number;
  /** How long one run waits for pending access assignments to become active (default: every 2 s for 60 s). */
  assignmentWait?: { intervalMs: number; maxWaitMs: number };
}

export interface Preview {
  customer: FlowCustomer;
  step?: FlowStep;
  error?: AppError;
}

export const DEFAULT_CONCURRENCY = 4;

/**
 * Advances every client and returns one result per client, in the order given. `advance` reports failures as
 * results; anything it throws anyway is caught here too, so one client never stops the others. Nothing is
 * remembered between runs: each run starts from the live state, which is how a second run goes on where the
 * first stopped.
 */
export async function consentAll(
  customers: readonly FlowCustomer[],
  advance: (customer: FlowCustomer) => Promise<ClientResult>,
  options: Pick<ConsentAllOptions, 'concurrency' | 'onProgress'> = {},
): Promise<ClientResult[]> {
  let completed = 0;
  return inPool(customers, options.concurrency ?? DEFAULT_CONCURRENCY, async (customer) => {
    const result = await advance(customer).catch((error: unknown): ClientResult => ({
      customer,
      outcome: 'failed',
      stepsRun: [],
      error: asAppError(error),
    }));
    completed += 1;
    // A progress listener that throws (a card update that failed) must not fail the run.
    try {
      options.onProgress?.({ completed, total: customers.length, latest: result });
    } catch {
      // Progress is a courtesy; the results still come back.
    }
    return result;
  });
}

/** What "consent all" would do for each client, read but not run. */
export function previewAll(
  customers: readonly FlowCustomer[],
  next: (customer: FlowCustomer) => Promise<FlowStep>,
  options: { concurrency?: number } = {},
): Promise<Preview[]> {
  return inPool(customers, options.concurrency ?? DEFAULT_CONCURRENCY, (customer) =>
    next(customer).then(
      (step) => ({ customer, step }),
      (error: unknown) => ({ customer, error: asAppError(error) }),
    ),
  );
}

/** Runs `work` over `items` with at most `concurrency` at a time, keeping the results in order. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** Results carry AppErrors only, so a card can always show a plain sentence. */
export function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', (error as Error)?.message ?? String(error), { cause: error });
}
