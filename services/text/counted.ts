// A number with its noun in the right number: "1 customer", "215 customers".

/** `plural` defaults to the noun with an "s". Digits stay plain, as the cards beside these texts print them. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
