/**
 * What a reader reads is in words (issue 24): no ISO date or timestamp, no number in
 * e-notation and no source key on any built page, in any panel a reader can open (tables,
 * sources, descriptions, the methodology's lists), or in the source lists fetched when a panel
 * opens. The data files, downloads and the terminal keep the machine forms. Exempt: a model's
 * own name that carries a date (OpenRouter's "Qwen3.5 Plus 2026-02-15"), as data/model-prices.csv
 * names it. Checked on the built site (npm test builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DIST } from '../embed/helpers.ts';

const ROOT = join(DIST, '..');
const MACHINE_FORMS: Array<[string, RegExp]> = [
  ['an ISO date', /(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])/],
  ['e-notation', /\b\d+(?:\.\d+)?e[+-]?\d+\b/],
];
const modelNames = Papa.parse<{ model: string }>(
  readFileSync(join(ROOT, 'data/model-prices.csv'), 'utf8'),
  {
    header: true,
    skipEmptyLines: true,
  },
)
  .data.map((r) => r.model)
  .filter((m) => /\d{4}-\d{2}-\d{2}/.test(m));
const sourceIds = Papa.parse<{ id: string }>(readFileSync(join(ROOT, 'data/sources.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data.map((r) => r.id);

/** The text a reader can read in an HTML fragment: no scripts, styles, code (hashes) or the
 *  embed snippet (HTML for embedders to paste). */
function readerText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('script, style, template, code, textarea'))
    el.remove();
  let text = (document.body.textContent ?? '').replace(/\s+/g, ' ');
  for (const name of modelNames) text = text.replaceAll(name, '(model name)');
  return text;
}

/** Every machine form in a text, with some context. */
function machineForms(text: string, ids: readonly string[] = sourceIds): string[] {
  const found: string[] = [];
  for (const [what, re] of MACHINE_FORMS) {
    const g = new RegExp(re.source, 'g');
    for (const m of text.matchAll(g))
      found.push(`${what}: …${text.slice(Math.max(0, m.index - 40), m.index + 30)}…`);
  }
  // A source key: one of data/sources.csv's ids standing alone (several are plain words).
  for (const id of ids.filter((x) => /\d|-.*-/.test(x)))
    if (new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text))
      found.push(`a source key: ${id}`);
  return found;
}

const pages = (): string[] => [
  'index.html',
  'methodology/index.html',
  ...readdirSync(join(DIST, 'embed'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `embed/${d.name}/index.html`),
];

describe('what a reader reads is in words', () => {
  it('the check finds each machine form it looks for', () => {
    expect(machineForms('as of 2026-09-12 (captures run 4.9e6 to 4.4e8)', [])).toHaveLength(3);
    expect(machineForms('Sources: nbd-2026-02-27', ['nbd-2026-02-27'])).toEqual([
      'a source key: nbd-2026-02-27',
    ]);
    expect(
      machineForms('12 September 2026; 4.9 million; NBD; Qwen3.5 Plus', ['nbd-2026-02-27']),
    ).toEqual([]);
  });

  it.each(pages())('%s', (page) => {
    expect(machineForms(readerText(readFileSync(join(DIST, page), 'utf8')))).toEqual([]);
  });

  it('the source lists fetched when a Sources panel opens', () => {
    const parts = readdirSync(join(DIST, 'parts')).filter((f) => f.endsWith('.json'));
    expect(parts.length).toBeGreaterThan(0);
    for (const file of parts) {
      const part = JSON.parse(readFileSync(join(DIST, 'parts', file), 'utf8')) as Record<
        string,
        unknown
      >;
      const html = Object.values(part)
        .filter((v): v is string => typeof v === 'string')
        .join(' ');
      expect(machineForms(readerText(html)), file).toEqual([]);
    }
  });
});
