// Seed dates relative to the day the sandbox starts (`now-98d`, `now+14d`), so "expires in 14 days" stays true next year.
const RELATIVE = /^now(?:([+-])(\d+)([dh]))?$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000 } as const;

export function isSeedDate(value: unknown): value is string {
  return typeof value === 'string' && (RELATIVE.test(value) || !Number.isNaN(Date.parse(value)));
}

// ISO dates pass through unchanged; relative ones become ISO dates without milliseconds, as Graph writes them.
export function resolveSeedDate(value: string, now: Date): string {
  const match = RELATIVE.exec(value);
  if (!match) return value;
  const [, sign, amount, unit] = match;
  const offset = sign ? Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] * (sign === '-' ? -1 : 1) : 0;
  return new Date(now.getTime() + offset).toISOString().replace(/\.\d+Z$/, 'Z');
}

interface Dated {
  createdDateTime?: string;
  activatedDateTime?: string;
  endDateTime?: string;
}

// Changes the parsed document in place: loadSeed owns it, and cloning a 50,000-customer seed costs seconds.
export function resolveSeedDates(
  seed: { relationships: Dated[]; consents?: Dated[] },
  now = new Date(),
): void {
  for (const item of [...seed.relationships, ...(seed.consents ?? [])]) {
    for (const key of ['createdDateTime', 'activatedDateTime', 'endDateTime'] as const) {
      const value = item[key];
      if (value !== undefined) item[key] = resolveSeedDate(value, now);
    }
  }
}
