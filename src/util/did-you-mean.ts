// Suggests the closest known name for a misspelt one (Levenshtein distance, case-insensitive).

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within a distance of max(2, len/3), ties broken by name; null if none. */
export function didYouMean(name: string, candidates: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (Math.abs(c.length - lower.length) > limit) continue;
    const d = levenshtein(lower, c.toLowerCase());
    if (d <= limit && (d < bestD || (d === bestD && best !== null && c < best))) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
