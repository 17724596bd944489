// One troubleshooting check as a user reads it: passed, failed with its fix, or skipped because an earlier one failed.

/** What a button can open to fix a failed check; the dialog turns it into a card action. */
export type Remedy = 'setup' | 'sign-in' | 'sync' | 'map' | 'consent';

export interface Check {
  id: string;
  title: string;
  ok: boolean | 'skipped';
  detail: string;
  fix?: string;
  remedy?: Remedy;
}

export function passed(id: string, title: string, detail: string): Check {
  return { id, title, ok: true, detail };
}

export function failed(id: string, title: string, detail: string, fix?: string, remedy?: Remedy): Check {
  return { id, title, ok: false, detail, ...(fix ? { fix } : {}), ...(remedy ? { remedy } : {}) };
}

export function skipped(id: string, title: string, why: string): Check {
  return { id, title, ok: 'skipped', detail: why };
}

/** The first check of `ids` that did not pass, to name it in the reason later checks were skipped. */
export function firstFailure(checks: readonly Check[], ids: readonly string[]): Check | undefined {
  return checks.find((check) => ids.includes(check.id) && check.ok !== true);
}

/** "Skipped: fix “Setup is done” first." */
export function blockedBy(check: Check): string {
  return `Skipped until “${check.title}” passes.`;
}
