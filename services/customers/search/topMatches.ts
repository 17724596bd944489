// Picks the best few of many scored customers without sorting them all.

/** Scores are compared at four decimals, so sums that differ only by rounding noise count as ties. */
export function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

/**
 * The `limit` best of `candidates[0..count)`, by score (higher first), then by `rank` (lower first): a bounded
 * insertion sort, linear in the number of candidates for the 15 a picker shows.
 */
export function topMatches(
  candidates: Int32Array,
  count: number,
  scores: Float64Array,
  rank: Int32Array,
  limit: number,
): number[] {
  const chosen: number[] = [];
  const chosenScores: number[] = [];
  for (let at = 0; at < count; at++) {
    const customer = candidates[at];
    const score = roundScore(scores[customer]);
    if (
      chosen.length === limit &&
      !before(score, rank[customer], chosenScores[limit - 1], rank[chosen[limit - 1]])
    ) {
      continue;
    }
    let place = Math.min(chosen.length, limit - 1);
    while (place > 0 && before(score, rank[customer], chosenScores[place - 1], rank[chosen[place - 1]])) {
      chosen[place] = chosen[place - 1];
      chosenScores[place] = chosenScores[place - 1];
      place--;
    }
    chosen[place] = customer;
    chosenScores[place] = score;
  }
  return chosen;
}

function before(score: number, rank: number, otherScore: number, otherRank: number): boolean {
  return score > otherScore || (score === otherScore && rank < otherRank);
}
