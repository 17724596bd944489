// The verdicts the consent overview read live a moment ago: paging and filtering reuse them instead of reading
// every mapped client from Graph again (a thousand clients are a few thousand requests).
import type { Verdict } from './accessVerdict.js';

/** Long enough to page through a list, short enough that a change made elsewhere shows on the next look. */
export const RECENT_VERDICT_MS = 5 * 60_000;

export class RecentVerdicts {
  readonly #byTenant = new Map<string, { verdict: Verdict; at: number }>();

  constructor(
    private readonly maxAgeMs = RECENT_VERDICT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  fresh(tenantId: string): Verdict | undefined {
    const known = this.#byTenant.get(tenantId.toLowerCase());
    return known && this.now() - known.at < this.maxAgeMs ? known.verdict : undefined;
  }

  note(tenantId: string, verdict: Verdict): void {
    this.#byTenant.set(tenantId.toLowerCase(), { verdict, at: this.now() });
  }

  clear(): void {
    this.#byTenant.clear();
  }
}
