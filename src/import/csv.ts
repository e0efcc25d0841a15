/**
 * CSV in and out for the importer, as text cells. Rows already in data/ are carried as the
 * strings they were read as, so rows an import does not touch are written back byte for byte.
 */
import Papa from 'papaparse';
import type { ImportProblem } from './problems.ts';

/** One dataset file as the importer handles it: its header and rows of text cells. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Quotes a cell only when it must be (a comma, a double quote or a line break in it), doubling
 * inner quotes: the minimal quoting of the capture CSVs already in data/.
 */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The file text: a header line and one line per row, each ended by `newline`. */
export function formatCsv(table: CsvTable, newline: '\n' | '\r\n'): string {
  const lines = [table.header, ...table.rows].map((r) => r.map(csvCell).join(','));
  return lines.map((l) => l + newline).join('');
}

/**
 * Parses a dataset file the importer is about to extend. Only its shape is checked here (the
 * header it must have, a cell per column); `npm run data` checks every value.
 */
export function parseCsv(
  text: string,
  file: string,
  header: readonly string[],
): { table: CsvTable } | { problem: ImportProblem } {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: true });
  const [first, ...rows] = parsed.data;
  if (!first) return { table: { header: [...header], rows: [] } };
  if (first.join(',') !== header.join(',')) {
    return {
      problem: {
        file,
        line: 1,
        value: first.join(','),
        expected: `the header ${header.join(',')}`,
      },
    };
  }
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0 || parsed.errors.length > 0) {
    const row = bad >= 0 ? bad + 2 : (parsed.errors[0]!.row ?? 0) + 1;
    return {
      problem: {
        file,
        line: row,
        expected: `${header.length} cells a row (${header.join(',')}); run npm run data to see every problem of this file`,
      },
    };
  }
  return { table: { header: first, rows } };
}
