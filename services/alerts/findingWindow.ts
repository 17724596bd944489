// How long a customer's access finding stays true as the clock moves: AccessRules compares dates with `now`.
import type { CspCustomer } from '../customers/cspCustomer.js';
import type { AccessRuleOptions } from './accessRules.js';

const DAY_MS = 86_400_000;
// AccessRules compares Z stamps as text, which is right to within a second; a margin of two is safe either way.
const SLACK_MS = 2_000;
// Limits outside four-digit years would not compare as text the way they do as time.
const LATEST_MS = Date.parse('9999-01-01T00:00:00Z');

/** The instants [from, until) around `now` over which AccessRules would judge the customer the same. */
export interface FindingWindow {
  from: number;
  until: number;
}

/**
 * Each date AccessRules compares with `now` gives the instant its comparison flips: an end date when it comes
 * within the expiring days (+1, as AccessRules counts), a pending request's creation when it has waited the
 * pending days. The finding holds between the nearest flips on either side of `now`; near a flip, or for a stamp
 * whose text and time could disagree, only at `now` itself. Nothing else in AccessRules reads the clock.
 */
export function findingWindow(customer: CspCustomer, options: AccessRuleOptions, now: number): FindingWindow {
  const window = { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };
  if (!(now > 0 && now < LATEST_MS)) return { from: now, until: now + 1 };
  const expiring = ((options.expiringSoonDays ?? 30) + 1) * DAY_MS;
  const pending = (options.approvalPendingDays ?? 7) * DAY_MS;
  for (const relationship of customer.relationships) {
    if (relationship.endDateTime !== undefined) narrow(window, relationship.endDateTime, -expiring, now);
    if (relationship.status === 'approvalPending' && relationship.createdDateTime)
      narrow(window, relationship.createdDateTime, pending, now);
  }
  return window;
}

function narrow(window: FindingWindow, stamp: string, shift: number, now: number): void {
  let time: number;
  if (stamp.length >= 20 && stamp.charCodeAt(stamp.length - 1) === 90 /* Z */) {
    // Compared as text: ISO text orders as its time does, with the flip somewhere within the stamp's second.
    const second = secondOf(stamp);
    if (second === undefined) return pin(window, now);
    time = second + 500;
  } else {
    time = Date.parse(stamp);
    // Not a date: AccessRules finds it before nothing, at any time.
    if (Number.isNaN(time)) return;
  }
  const flip = time + shift;
  if (now < flip - SLACK_MS) window.until = Math.min(window.until, flip - SLACK_MS);
  else if (now >= flip + SLACK_MS) window.from = Math.max(window.from, flip + SLACK_MS);
  else pin(window, now);
}

/** The whole second of a stamp written as ISO text with valid fields (yyyy-mm-ddThh:mm:ss[.f…]Z), else undefined. */
function secondOf(stamp: string): number | undefined {
  const length = stamp.length;
  if (length > 20 && (stamp.charCodeAt(19) !== 46 /* . */ || digits(stamp, 20, length - 1) < 0))
    return undefined;
  for (const [at, code] of LAYOUT) if (stamp.charCodeAt(at) !== code) return undefined;
  const year = digits(stamp, 0, 4);
  const month = digits(stamp, 5, 7);
  const day = digits(stamp, 8, 10);
  const hour = digits(stamp, 11, 13);
  const minute = digits(stamp, 14, 16);
  const second = digits(stamp, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number written in stamp[from, to), or -1 if any of it is not a digit. */
function digits(stamp: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = stamp.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// The fixed characters of ISO text: dashes, T and colons.
const LAYOUT: readonly (readonly [number, number])[] = [
  [4, 45],
  [7, 45],
  [10, 84],
  [13, 58],
  [16, 58],
];

function pin(window: FindingWindow, now: number): void {
  window.from = Math.max(window.from, now);
  window.until = Math.min(window.until, now + 1);
}
