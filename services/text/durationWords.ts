// ISO 8601 durations as people read them: Graph's "P730D" → "2 years", "P180D" → "6 months", "P90D" → "90 days".
import { counted } from './counted.js';

const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

// Graph counts GDAP durations in days (P730D, P180D), which people count as 2 years and 6 months: a year of
// days is 365 here, a month 30. Only a whole number of those is named so; anything else stays in days.
function dayWords(days: number): string {
  if (days >= 365 && days % 365 === 0) return counted(days / 365, 'year');
  if (days >= 30 && days < 365 && days % 30 === 0) return counted(days / 30, 'month');
  return counted(days, 'day');
}

/** "2 years", "6 months", "90 days", "0 days" (P0D and PT0S alike); text that is no ISO duration comes back as is. */
export function durationWords(iso: string): string {
  const match = ISO_DURATION.exec(iso.trim());
  if (!match || iso.trim() === 'P' || iso.trim().endsWith('T')) return iso;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const parts = [
    years ? counted(years, 'year') : '',
    months ? counted(months, 'month') : '',
    weeks || days ? dayWords(weeks * 7 + days) : '',
    hours ? counted(hours, 'hour') : '',
    minutes ? counted(minutes, 'minute') : '',
    seconds ? counted(seconds, 'second') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0 days';
}

/** PT0S and P0D alike: as an auto-extend duration, "ends at its end date". */
export function isZeroDuration(iso: string): boolean {
  return durationWords(iso) === '0 days';
}

/** How a relationship's auto-extend reads: "auto-extends by 6 months" or "no auto-extend". */
export function autoExtendWords(iso: string | undefined): string {
  return iso === undefined || isZeroDuration(iso)
    ? 'no auto-extend'
    : `auto-extends by ${durationWords(iso)}`;
}
