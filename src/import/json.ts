/**
 * Reads a raw download as JSON and says precisely why it cannot be read: an empty file, a file
 * that is not JSON at all, a file cut off before its end (a broken download), or malformed JSON
 * at a given line and column.
 */
import type { ImportProblem } from './problems.ts';

export type JsonRead =
  | { ok: true; value: unknown }
  | { ok: false; problem: ImportProblem; kind: 'empty' | 'not-json' | 'truncated' | 'malformed' };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/**
 * Whether the text stops inside a string or with brackets still open: what a download cut off
 * part-way looks like (as opposed to a wrong character in the middle).
 */
function endsOpen(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91)
      depth++; // { [
    else if (c === 125 || c === 93) depth--; // } ]
  }
  return inString || depth > 0;
}

/**
 * Where JSON.parse stopped. V8 gives "at position N" for most errors but not for an unexpected
 * token; then the shortest prefix that fails on that token is found by bisection.
 */
function errorOffset(text: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (!message.startsWith('Unexpected token')) return undefined;
  const failsOnToken = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (e) {
      return (e as Error).message.startsWith('Unexpected token');
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsOnToken(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

export function readJson(bytes: Buffer, file: string): JsonRead {
  let text = bytes.toString('utf8');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const trimmed = text.trim();
  if (trimmed === '') {
    return {
      ok: false,
      kind: 'empty',
      problem: { file, expected: 'JSON content: the file is empty (a failed download?)' },
    };
  }
  const first = trimmed[0];
  if (first !== '{' && first !== '[') {
    return {
      ok: false,
      kind: 'not-json',
      problem: {
        file,
        line: 1,
        column: 1,
        value: JSON.stringify(trimmed.slice(0, 40)),
        expected:
          'a JSON file (an OpenRouter rankings-page snapshot or a Data API response); this file is not JSON',
      },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = (e as Error).message;
    if (endsOpen(text)) {
      const at = lineColumn(text, text.trimEnd().length);
      return {
        ok: false,
        kind: 'truncated',
        problem: {
          file,
          ...at,
          expected: `complete JSON: the file ends part-way through (${bytes.length} bytes; a cut-off download?). Download it again`,
        },
      };
    }
    const offset = errorOffset(text, message);
    const at = offset === undefined ? {} : lineColumn(text, offset);
    const reason = message
      .replace(/ at position \d+.*$/s, '')
      .replace(/ in JSON$/, '')
      .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
    return {
      ok: false,
      kind: 'malformed',
      problem: { file, ...at, expected: `valid JSON (${reason})` },
    };
  }
}
