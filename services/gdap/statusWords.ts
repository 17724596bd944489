// Graph's GDAP statuses ("terminationRequested", "approvalPending") in the words a card shows after "is".
type StatusOf = 'relationship' | 'assignment' | 'request' | 'operation';

// Every status Graph documents for each; anything else (unknownFutureValue, a value added later) is quoted.
const WORDS: Record<StatusOf, Record<string, string>> = {
  relationship: {
    created: 'created but not yet sent for approval',
    approvalPending: 'waiting for the customer’s approval',
    approved: 'approved and being activated',
    activating: 'being activated',
    active: 'active',
    expiring: 'active and about to expire',
    expired: 'expired',
    terminationRequested: 'being ended on request',
    terminating: 'being ended',
    terminated: 'terminated',
  },
  assignment: {
    pending: 'being applied',
    active: 'active',
    deleting: 'being removed',
    deleted: 'removed',
    error: 'failed at Microsoft',
  },
  request: {
    created: 'received',
    pending: 'in progress',
    succeeded: 'done',
    failed: 'failed',
  },
  operation: {
    notStarted: 'not started yet',
    running: 'in progress',
    succeeded: 'done',
    failed: 'failed',
  },
};

/** "being ended on request" for a relationship's "terminationRequested"; an unknown one is quoted. */
export function statusWords(status: string, of: StatusOf = 'relationship'): string {
  const words = Object.hasOwn(WORDS[of], status) ? WORDS[of][status] : undefined;
  return words ?? `in a status this bot does not know (“${status}”)`;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * A relationship's status with the one date that belongs to it: "active until 2028-10-01", "expired on
 * 2026-11-30". Other statuses take no date: a pending one has no end yet, a terminated one ended before it.
 */
export function relationshipStateWords(relationship: { status: string; endDateTime?: string }): string {
  const { status, endDateTime } = relationship;
  const words = statusWords(status);
  if (!endDateTime) return words;
  if (status === 'active') return `active until ${day(endDateTime)}`;
  if (status === 'expiring') return `active until ${day(endDateTime)}, about to expire`;
  if (status === 'expired') return `${words} on ${day(endDateTime)}`;
  return words;
}
