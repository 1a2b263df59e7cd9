/**
 * Seeded pseudo-random numbers for the benchmark corpus: the same seed always yields the same sequence, so the
 * corpus (and every measurement taken on it) is reproducible. Math.random is never used.
 */

/** Returns numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to vary test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent seed for `key` (FNV-1a), so one noun's shape never depends on which others exist. */
export function deriveSeed(seed: number, key: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `count` distinct items, in the input's order. */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set(shuffle(random, items).slice(0, count));
  return items.filter((item) => chosen.has(item));
}
