/**
 * The capture-quality gate in the pipeline: verdicts for every capture in the datasets, the
 * datasets with set-aside captures left out (what every derivation reads), and counts.
 */
import type { CaptureFileRow, DatasetName, RawDatasets } from '../datasets.ts';
import {
  judgeCaptures,
  type CaptureFileEntry,
  type CaptureSample,
  type CaptureVerdict,
  type VerdictKind,
} from './judge.ts';
import { CAPTURE_SECTIONS, SECTION_SPECS, type CaptureSection } from './sections.ts';

export type { CaptureVerdict, VerdictKind } from './judge.ts';

type CaptureDataset = (typeof SECTION_SPECS)[CaptureSection]['dataset'];
type AnyRow = Record<string, unknown> & { fetched_at_utc: string; snapshot_date: string };

/** "tool_calls: …; models: …" as written in files.csv -> one item per section. */
export function splitNotWritten(cell: string | null): string[] {
  if (!cell) return [];
  return cell.split(new RegExp(`; (?=(?:${CAPTURE_SECTIONS.join('|')}): )`));
}

export function fileEntries(rows: readonly CaptureFileRow[]): CaptureFileEntry[] {
  return rows.map((r) => ({
    snapshot_date: r.snapshot_date,
    fetched_at_utc: r.fetched_at_utc,
    rows: Object.fromEntries(CAPTURE_SECTIONS.map((s) => [s, r[s]])) as Record<
      CaptureSection,
      number
    >,
    not_written: splitNotWritten(r.not_written),
  }));
}

/** One sample per capture and section, from the typed datasets (rows are in capture order). */
export function samples(raw: RawDatasets): CaptureSample[] {
  return CAPTURE_SECTIONS.flatMap((section) => {
    const spec = SECTION_SPECS[section];
    const rows = raw[spec.dataset as CaptureDataset] as readonly AnyRow[];
    const out: CaptureSample[] = [];
    let cur:
      | {
          section: CaptureSection;
          snapshot_date: string;
          fetched_at_utc: string;
          ids: string[];
          values: number[];
        }
      | undefined;
    for (const r of rows) {
      if (cur?.fetched_at_utc !== r.fetched_at_utc) {
        cur = {
          section,
          snapshot_date: r.snapshot_date,
          fetched_at_utc: r.fetched_at_utc,
          ids: [],
          values: [],
        };
        out.push(cur);
      }
      cur.ids.push(String(r[spec.idColumn]));
      cur.values.push(r[spec.valueColumn] as number);
    }
    return out;
  });
}

/** Every capture's verdict (good, set aside with reasons, or empty). */
export function captureVerdicts(raw: RawDatasets): CaptureVerdict[] {
  return judgeCaptures(samples(raw), fileEntries(raw['captures-files']));
}

/** The capture times judged good, per section. */
export function goodTimes(
  verdicts: readonly CaptureVerdict[],
): Record<CaptureSection, Set<string>> {
  const out = Object.fromEntries(CAPTURE_SECTIONS.map((s) => [s, new Set<string>()])) as Record<
    CaptureSection,
    Set<string>
  >;
  for (const v of verdicts) if (v.verdict === 'good') out[v.section].add(v.fetched_at_utc);
  return out;
}

/** The rows of a capture dataset that belong to good captures. */
export function goodRows<R extends { fetched_at_utc: string }>(
  dataset: DatasetName,
  rows: readonly R[],
  verdicts: readonly CaptureVerdict[],
): R[] {
  const section = CAPTURE_SECTIONS.find((s) => SECTION_SPECS[s].dataset === dataset);
  if (!section) return [...rows];
  const good = goodTimes(verdicts)[section];
  return rows.filter((r) => good.has(r.fetched_at_utc));
}

/** The datasets as the derivations see them: set-aside captures left out. */
export function withGoodCaptures(
  raw: RawDatasets,
  verdicts: readonly CaptureVerdict[],
): RawDatasets {
  const out = { ...raw } as Record<DatasetName, unknown>;
  for (const s of CAPTURE_SECTIONS) {
    const name = SECTION_SPECS[s].dataset;
    out[name] = goodRows(name, raw[name as CaptureDataset] as readonly AnyRow[], verdicts);
  }
  return out as unknown as RawDatasets;
}

export interface SectionCounts {
  section: CaptureSection;
  good: number;
  setAside: number;
  empty: number;
}

/** Verdict counts per section, in section order. */
export function verdictCounts(verdicts: readonly CaptureVerdict[]): SectionCounts[] {
  return CAPTURE_SECTIONS.map((section) => {
    const of = (k: VerdictKind) =>
      verdicts.filter((v) => v.section === section && v.verdict === k).length;
    return { section, good: of('good'), setAside: of('set-aside'), empty: of('empty') };
  });
}

/** The change-report lines: counts per section, then each set-aside capture with its reasons. */
export function verdictReport(verdicts: readonly CaptureVerdict[]): string[] {
  const lines = [
    'Capture-quality gate (captures judged by content; set-aside captures take no part in any figure):',
  ];
  for (const c of verdictCounts(verdicts)) {
    lines.push(`  ${c.section}: ${c.good} good, ${c.setAside} set aside, ${c.empty} empty`);
  }
  for (const v of verdicts) {
    if (v.verdict !== 'set-aside') continue;
    lines.push(
      `  set aside ${v.section} ${v.snapshot_date}: ${v.reasons.map((r) => r.replace(`${v.section} on ${v.snapshot_date}: `, '')).join('; ')}`,
    );
  }
  return lines;
}
