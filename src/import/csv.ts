/**
 * CSV in and out for the importer, as text cells. Rows already in data/ are carried as the
 * strings they were read as, so rows an import does not touch are written back byte for byte.
 */
import Papa from 'papaparse';
import { csvCell, spreadsheetProblem } from '../lib/csv.ts';
import type { ImportProblem } from './problems.ts';

export { csvCell };

/** One dataset file as the importer handles it: its header and rows of text cells. */
export interface CsvTable {
  header: string[];
  rows: string[][];
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

/**
 * Cells that would be unsafe in a spreadsheet (a formula, a control or bidi character), with
 * their line and column in the file to be written. Only text cells count: a number stays one.
 */
export function spreadsheetProblems(table: CsvTable, file: string): ImportProblem[] {
  const out: ImportProblem[] = [];
  table.rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      const why = spreadsheetProblem(cell);
      if (why)
        out.push({
          file,
          line: i + 2,
          column: j + 1,
          field: table.header[j],
          value: JSON.stringify(cell).replace(
            /[\u202a-\u202e\u2066-\u2069]/gu,
            (c) => `\\u${c.codePointAt(0)!.toString(16)}`,
          ),
          expected: why,
        });
    }),
  );
  return out;
}
