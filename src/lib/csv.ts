/**
 * The one CSV writer of the project: downloads (toCsv) and the files written into data/ (csvCell)
 * both come from here, with one rule for what a spreadsheet would run as a formula.
 *
 *   toCsv(['model', 'tokens'], [{ model: 'x/y', tokens: 3 }]);  // a download, CRLF, quoted text
 *   csvCell('a,b');                                              // '"a,b"' (a data/ file)
 */
import Papa from 'papaparse';
import { UNSAFE_CHARS } from './unsafe-text.ts';

/**
 * Cells a spreadsheet would run as a formula (OWASP, "CSV Injection"): text that starts with
 * =, +, -, @, a tab, a carriage return or NUL. A plain number (-4.5, +2, 1e6) is exempt: a
 * spreadsheet reads it as that number, and our numbers must stay numbers.
 */
export const FORMULA_TRIGGER = /^(?![-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$)[=+\-@\t\r\0]/;

/** A CSV cell of a download: lists joined with ";", null as empty, everything else as is. */
const cell = (v: unknown): unknown =>
  Array.isArray(v) ? v.join(';') : v === null || v === undefined ? '' : v;

/**
 * Rows to CSV (UTF-8, header row, CRLF as RFC 4180) with papaparse. Every CSV we publish goes
 * through here. Names in our data come from third parties, so a text cell that matches
 * FORMULA_TRIGGER gets a leading single quote (papaparse's escapeFormulae with our rule), and
 * every non-empty text cell is quoted, so a spreadsheet that splits on ";" cannot start a new
 * cell inside one. Numbers are written as plain numbers, unquoted.
 */
export function toCsv(fields: string[], rows: Array<Record<string, unknown>>): string {
  const data = rows.map((r) => fields.map((f) => cell(r[f])));
  const quotes = (v: unknown) => typeof v === 'string' && v !== '';
  return `${Papa.unparse({ fields, data }, { newline: '\r\n', escapeFormulae: FORMULA_TRIGGER, quotes })}\r\n`;
}

/**
 * A cell of a file in data/: quoted only when it must be (a comma, a double quote or a line
 * break in it), inner quotes doubled, the minimal quoting of the files already there, so rows an
 * import does not touch are written back byte for byte. data/ holds true values, so a cell is
 * never altered to defuse it: spreadsheetProblem() refuses it before it is written instead.
 */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Why a text cell bound for data/ is unsafe in a spreadsheet, or null when it is safe. */
export function spreadsheetProblem(s: string): string | null {
  if (UNSAFE_CHARS.test(s.replace(/\r?\n/g, ' ')))
    return 'no control or bidirectional-override characters (they reach the page and the downloads)';
  if (FORMULA_TRIGGER.test(s))
    return 'a cell that does not start with =, +, -, @ (a spreadsheet would run it as a formula)';
  return null;
}
