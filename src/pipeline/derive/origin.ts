import { rollup, sum } from 'd3-array';
import type { LabRow, Origin } from '../datasets.ts';

/** Maps an author slug to its origin as published: a stealth author stays undisclosed. */
export function originLookup(labs: readonly LabRow[]): (slug: string) => Origin {
  const by = new Map(labs.map((l) => [l.slug, l.origin]));
  return (slug) => by.get(slug) ?? 'undisclosed';
}

/** Sums values by CN / US / everything else. */
export function splitByOrigin<T>(
  rows: readonly T[],
  origin: (row: T) => Origin,
  value: (row: T) => number,
): { cn: number; us: number; other: number } {
  const by = rollup(
    rows,
    (rs) => sum(rs, value),
    (r) => {
      const o = origin(r);
      return o === 'CN' ? 'cn' : o === 'US' ? 'us' : 'other';
    },
  );
  return { cn: by.get('cn') ?? 0, us: by.get('us') ?? 0, other: by.get('other') ?? 0 };
}

/** China's share of China + U.S., in percent; null when either side is unknown or both are 0. */
export function cnShareOfPair(cn: number | null, us: number | null): number | null {
  if (cn === null || us === null || cn + us === 0) return null;
  return (100 * cn) / (cn + us);
}
