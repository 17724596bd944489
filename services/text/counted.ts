// A number with its noun in the right number: "1 customer", "215 customers", "1,623 customers".

/** `plural` defaults to the noun with an "s". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
