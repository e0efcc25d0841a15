import type { AnyDatasetSpec } from './datasets.ts';
import type { Headline } from './derive/index.ts';
import { formatPercent, formatTokens } from '../lib/format.ts';

export interface DatasetChange {
  dataset: string;
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  /** For datasets whose publisher restates figures: every value that changed for a kept key. */
  restated?: Restated[];
}

/** A figure that changed between two builds (a restatement by the publisher). */
export interface Restated {
  key: string;
  before: unknown;
  after: unknown;
  as_of_before: unknown;
  as_of_after: unknown;
}

/** Rows added, removed and changed, matching rows by the dataset's key. */
export function diffRows(
  spec: AnyDatasetSpec,
  before: readonly object[],
  after: readonly object[],
): DatasetChange {
  const key = (r: object) =>
    spec.key.map((k) => String((r as Record<string, unknown>)[k])).join('|');
  // Where the publisher restates figures (the Data API), a row is changed only when its value is:
  // a later response that confirms it moves its as_of and raw file, which is not a change.
  const content = spec.restates
    ? (r: object) => String((r as Record<string, unknown>)[spec.restates!.value])
    : (r: object) => JSON.stringify(r);
  const old = new Map(before.map((r) => [key(r), content(r)]));
  let added = 0;
  let changed = 0;
  const seen = new Set<string>();
  for (const r of after) {
    const k = key(r);
    seen.add(k);
    const prev = old.get(k);
    if (prev === undefined) added++;
    else if (prev !== content(r)) changed++;
  }
  const removed = [...old.keys()].filter((k) => !seen.has(k)).length;
  const change: DatasetChange = {
    dataset: spec.name,
    before: before.length,
    after: after.length,
    added,
    removed,
    changed,
  };
  if (spec.restates) {
    const { value, asOf } = spec.restates;
    const get = (r: object, c: string) => (r as Record<string, unknown>)[c];
    const was = new Map(before.map((r) => [key(r), r]));
    change.restated = after.flatMap((r) => {
      const b = was.get(key(r));
      return b !== undefined && get(b, value) !== get(r, value)
        ? [
            {
              key: spec.key.map((k) => String(get(r, k))).join(' '),
              before: get(b, value),
              after: get(r, value),
              as_of_before: get(b, asOf),
              as_of_after: get(r, asOf),
            },
          ]
        : [];
    });
  }
  return change;
}

const headlineText = (h: Headline | undefined): string =>
  h === undefined
    ? 'none'
    : `week to ${h.week_end}: CN ${formatTokens(h.cn)}, US ${formatTokens(h.us)}, CN share ${formatPercent(h.cn_share)}, ` +
      `${h.leader ?? 'no'} lead${h.streak > 1 ? ` (${h.streak} weeks running)` : ''}`;

/** The change report printed after a build, as plain text lines. */
export function changeReport(
  changes: readonly DatasetChange[],
  before: readonly Headline[] | null,
  after: readonly Headline[],
): string[] {
  if (before === null) return ['Change report: no previous build to compare with (first build).'];
  const lines = ['Change report against the previous build:'];
  const moved = changes.filter((c) => c.added + c.removed + c.changed > 0);
  if (moved.length === 0) lines.push('  rows: no dataset changed');
  for (const c of moved) {
    lines.push(
      `  ${c.dataset}: ${c.before} -> ${c.after} rows (+${c.added} added, -${c.removed} removed, ~${c.changed} changed)`,
    );
    for (const r of c.restated ?? []) {
      lines.push(
        `    restated ${r.key}: ${String(r.before)} -> ${String(r.after)} (as_of ${String(r.as_of_before ?? 'unknown')} -> ${String(r.as_of_after ?? 'unknown')})`,
      );
    }
  }
  for (const h of after) {
    const b = before.find((x) => x.method === h.method);
    const was = headlineText(b);
    const now = headlineText(h);
    lines.push(
      `  headline (${h.method}): ${was === now ? `unchanged, ${now}` : `${was}  ->  ${now}`}`,
    );
  }
  return lines;
}
