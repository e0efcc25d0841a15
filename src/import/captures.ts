/**
 * The capture datasets in memory: rows of each section by capture (fetched_at_utc), replaced a
 * whole capture at a time, plus the index of snapshot files (data/captures/files.csv). Also
 * turns them into the samples the capture-quality gate judges.
 */
import { splitNotWritten } from '../pipeline/quality/index.ts';
import type { CaptureFileEntry, CaptureSample } from '../pipeline/quality/judge.ts';
import {
  CAPTURE_SECTIONS,
  SECTION_SPECS,
  type CaptureSection,
} from '../pipeline/quality/sections.ts';
import type { CsvTable } from './csv.ts';
import type { Snapshot } from './snapshot.ts';

/** Rows of one dataset grouped by capture time, in capture-time order. */
export class CaptureTable {
  private readonly byTime = new Map<string, string[][]>();
  readonly header: string[];
  private readonly time: number;

  constructor(table: CsvTable, timeColumn = 'fetched_at_utc') {
    this.header = table.header;
    this.time = table.header.indexOf(timeColumn);
    for (const r of table.rows) {
      const t = r[this.time]!;
      const list = this.byTime.get(t) ?? [];
      list.push(r);
      this.byTime.set(t, list);
    }
  }

  get(fetchedAt: string): string[][] | undefined {
    return this.byTime.get(fetchedAt);
  }

  /** Replaces one capture's rows (none: removes it); says how its rows compare with before. */
  set(fetchedAt: string, rows: string[][]): { added: number; unchanged: number; restated: number } {
    const was = this.byTime.get(fetchedAt);
    if (rows.length === 0) this.byTime.delete(fetchedAt);
    else this.byTime.set(fetchedAt, rows);
    if (!was) return { added: rows.length, unchanged: 0, restated: 0 };
    const same =
      was.length === rows.length &&
      was.every((r, i) => r.join('\u0000') === rows[i]!.join('\u0000'));
    return same
      ? { added: 0, unchanged: rows.length, restated: 0 }
      : { added: 0, unchanged: 0, restated: Math.max(rows.length, was.length) };
  }

  /** Every row, by capture time (then as stored: rank order). */
  rows(): string[][] {
    return [...this.byTime.keys()]
      .sort((a, b) => Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1))
      .flatMap((t) => this.byTime.get(t)!);
  }

  captures(): Array<[string, string[][]]> {
    return [...this.byTime.entries()];
  }
}

/** The index row of a snapshot file, in the column order of data/captures/files.csv. */
export function fileRow(s: Snapshot, rawFile: string, sha256: string): string[] {
  const counts = CAPTURE_SECTIONS.map((sec) => {
    const r = s.sections.find((x) => x.section === sec)!;
    return 'rows' in r ? r.rows.length : 0;
  });
  const notWritten = s.sections.flatMap((r) =>
    'notWritten' in r ? [`${r.section}: ${r.notWritten}`] : [],
  );
  return [
    s.date,
    s.fetchedAt,
    s.sourceFile,
    rawFile,
    sha256,
    s.empty ? 'empty' : 'captured',
    ...counts.map(String),
    notWritten.join('; '),
  ];
}

/** The gate's view of the capture tables: one sample per capture and section. */
export function samplesOf(tables: Record<CaptureSection, CaptureTable>): CaptureSample[] {
  return CAPTURE_SECTIONS.flatMap((section) => {
    const t = tables[section];
    const spec = SECTION_SPECS[section];
    const id = t.header.indexOf(spec.idColumn);
    const value = t.header.indexOf(spec.valueColumn);
    const date = t.header.indexOf('snapshot_date');
    return t.captures().map(([fetchedAt, rows]) => ({
      section,
      fetched_at_utc: fetchedAt,
      snapshot_date: rows[0]![date]!,
      ids: rows.map((r) => r[id]!),
      values: rows.map((r) => Number(r[value])),
    }));
  });
}

/** The gate's view of the file index. */
export function fileEntriesOf(index: CaptureTable): CaptureFileEntry[] {
  const col = (name: string) => index.header.indexOf(name);
  return index.captures().map(([fetchedAt, [r]]) => ({
    snapshot_date: r![col('snapshot_date')]!,
    fetched_at_utc: fetchedAt,
    rows: Object.fromEntries(CAPTURE_SECTIONS.map((s) => [s, Number(r![col(s)])])) as Record<
      CaptureSection,
      number
    >,
    not_written: splitNotWritten(r![col('not_written')] ?? ''),
  }));
}
