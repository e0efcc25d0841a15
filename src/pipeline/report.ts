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
}

/** Rows added, removed and changed, matching rows by the dataset's key. */
export function diffRows(spec: AnyDatasetSpec, before: readonly object[], after: readonly object[]): DatasetChange {
  const key = (r: object) => spec.key.map((k) => String((r as Record<string, unknown>)[k])).join('|');
  const old = new Map(before.map((r) => [key(r), JSON.stringify(r)]));
  let added = 0;
  let changed = 0;
  const seen = new Set<string>();
  for (const r of after) {
    const k = key(r);
    seen.add(k);
    const prev = old.get(k);
    if (prev === undefined) added++;
    else if (prev !== JSON.stringify(r)) changed++;
  }
  const removed = [...old.keys()].filter((k) => !seen.has(k)).length;
  return { dataset: spec.name, before: before.length, after: after.length, added, removed, changed };
}

const headlineText = (h: Headline | undefined): string =>
  h === undefined
    ? 'none'
    : `week to ${h.week_end}: CN ${formatTokens(h.cn)}, US ${formatTokens(h.us)}, CN share ${formatPercent(h.cn_share)}, ` +
      `${h.leader ?? 'no'} lead${h.streak > 1 ? ` (${h.streak} weeks running)` : ''}`;

/** The change report printed after a build, as plain text lines. */
export function changeReport(changes: readonly DatasetChange[], before: readonly Headline[] | null, after: readonly Headline[]): string[] {
  if (before === null) return ['Change report: no previous build to compare with (first build).'];
  const lines = ['Change report against the previous build:'];
  const moved = changes.filter((c) => c.added + c.removed + c.changed > 0);
  if (moved.length === 0) lines.push('  rows: no dataset changed');
  for (const c of moved) {
    lines.push(`  ${c.dataset}: ${c.before} -> ${c.after} rows (+${c.added} added, -${c.removed} removed, ~${c.changed} changed)`);
  }
  for (const h of after) {
    const b = before.find((x) => x.method === h.method);
    const was = headlineText(b);
    const now = headlineText(h);
    lines.push(`  headline (${h.method}): ${was === now ? `unchanged, ${now}` : `${was}  ->  ${now}`}`);
  }
  return lines;
}
