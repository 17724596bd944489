// Field checks that collect every problem in a parsed JSON document, each named by its path.
import { isGuid, isRelationshipId } from './guid.js';
import { isSeedDate } from './seedDates.js';

export type JsonObject = Record<string, unknown>;

export class SeedChecker {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  object(path: string, value: unknown): JsonObject | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
    this.problem(path, 'must be an object');
    return undefined;
  }

  array(path: string, value: unknown): unknown[] {
    if (Array.isArray(value)) return value;
    this.problem(path, 'must be an array');
    return [];
  }

  text(path: string, value: unknown): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(path, 'must be a non-empty string');
    return undefined;
  }

  optionalText(path: string, value: unknown): void {
    if (value !== undefined) this.text(path, value);
  }

  guid(path: string, value: unknown): string | undefined {
    if (isGuid(value)) return value;
    this.problem(path, `must be a GUID, got ${JSON.stringify(value)}`);
    return undefined;
  }

  relationshipId(path: string, value: unknown): string | undefined {
    if (isRelationshipId(value)) return value;
    this.problem(
      path,
      `must be two GUIDs joined by '-' (73 characters), as Graph's relationship ids are, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }

  boolean(path: string, value: unknown): void {
    if (typeof value !== 'boolean') this.problem(path, 'must be true or false');
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (allowed.includes(value as T)) return value as T;
    this.problem(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    return undefined;
  }

  dateTime(path: string, value: unknown, optional = false): void {
    if (optional && value === undefined) return;
    if (!isSeedDate(value)) {
      this.problem(path, 'must be an ISO 8601 date-time, or relative to the start like now-98d or now+14d');
    }
  }

  strings(path: string, value: unknown): string[] {
    const items = this.array(path, value);
    return items.filter((item, index) => this.text(`${path}[${index}]`, item) !== undefined) as string[];
  }

  guids(path: string, value: unknown): string[] {
    const items = this.array(path, value);
    return items.filter((item, index) => this.guid(`${path}[${index}]`, item) !== undefined) as string[];
  }

  unique(path: string, value: string | undefined, seen: Set<string>, what: string): void {
    if (value === undefined) return;
    const key = value.toLowerCase();
    if (seen.has(key)) this.problem(path, `duplicate ${what} ${value}`);
    seen.add(key);
  }

  fail(prefix: string): never {
    const shown = this.problems.slice(0, 40).map((problem) => `  - ${problem}`);
    const more = this.problems.length > 40 ? [`  … and ${this.problems.length - 40} more`] : [];
    throw new Error([prefix, ...shown, ...more].join('\n'));
  }
}
