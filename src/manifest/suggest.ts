// "Did you mean" for unknown keys and link targets: the closest candidate by edit distance,
// counting a swap of two neighbours as one edit (`imgae` → `image`).

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate if it is close enough to be a typo; ties go to the alphabetically first. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const allowed = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  for (const c of [...candidates].sort()) {
    const cLower = c.toLowerCase();
    // the distance is at least the difference in length: skip the quadratic work when that already loses
    if (Math.abs(lower.length - cLower.length) > Math.min(allowed, bestDistance)) continue;
    const distance = editDistance(lower, cLower);
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  return bestDistance <= allowed ? best : undefined;
}

/** `; did you mean "image"?` or nothing. */
export function didYouMean(word: unknown, candidates: Iterable<string>): string {
  // a value that is no word (a mapping where an enum's word belongs, which may even hold a `toString`
  // key that String() would call) gets no guess
  if (typeof word !== 'string') return '';
  const c = closest(word, candidates);
  return c === undefined ? '' : `; did you mean ${JSON.stringify(c)}?`;
}

/** `"wbe" (did you mean "web"?)` or `"x"`: an unknown name in a list of them. */
export function quotedWithGuess(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? JSON.stringify(word) : `${JSON.stringify(word)} (did you mean ${JSON.stringify(c)}?)`;
}
