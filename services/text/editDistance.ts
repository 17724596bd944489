// Small edit distances for typo tolerance: one substitution, insertion, deletion or swap of neighbours.

/**
 * Whether `a` and the first `bLength` characters of `b` are at most one edit apart, counting a swap of two
 * neighbouring letters as one edit (people type "Mülelr" for "Müller"). Linear time, no allocation.
 */
export function withinOneEdit(a: string, b: string, bLength = b.length): boolean {
  const m = a.length;
  const n = Math.min(bLength, b.length);
  if (Math.abs(m - n) > 1) return false;
  let i = 0;
  while (i < m && i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === m && i === n) return true;
  if (m > n) return sameRest(a, i + 1, b, i, n);
  if (m < n) return sameRest(a, i, b, i + 1, n);
  if (sameRest(a, i + 1, b, i + 1, n)) return true;
  return (
    i + 1 < m &&
    a.charCodeAt(i) === b.charCodeAt(i + 1) &&
    a.charCodeAt(i + 1) === b.charCodeAt(i) &&
    sameRest(a, i + 2, b, i + 2, n)
  );
}

/** Whether some prefix of `word` is within one edit of `typed`: type-ahead with a typo ("bakc" → "backerei"). */
export function prefixWithinOneEdit(typed: string, word: string): boolean {
  const m = typed.length;
  return (
    withinOneEdit(typed, word, m) ||
    (m > 1 && withinOneEdit(typed, word, m - 1)) ||
    (word.length > m && withinOneEdit(typed, word, m + 1))
  );
}

/** Optimal string alignment distance, or `max + 1` as soon as it is known to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], max + 1);
}

function sameRest(a: string, from: number, b: string, bFrom: number, bEnd: number): boolean {
  if (a.length - from !== bEnd - bFrom) return false;
  for (let k = 0; from + k < a.length; k++)
    if (a.charCodeAt(from + k) !== b.charCodeAt(bFrom + k)) return false;
  return true;
}
