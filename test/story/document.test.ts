/**
 * The copy's ArchieML document (src/story/article.aml): every value is found at its own line
 * (the parser gives none), the block table rejects unknown types and fields and missing ones,
 * and an unknown placeholder, claim or chart id fails with the document's line and the nearest
 * known names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.ts';
import type { SiteData } from '../../src/charts/types.ts';
import {
  ARTICLE_FILE,
  BLOCK_TYPES,
  DocumentError,
  nearest,
  parseArticle,
} from '../../src/story/document.ts';
import { computeStory } from '../../src/story/facts.ts';
import { CopyError, renderArticle } from '../../src/story/prepare.ts';

const source = readFileSync(new URL(`../../${ARTICLE_FILE}`, import.meta.url), 'utf8');
const lines = source.split('\n');
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;

/** The problems a document's text raises, parsed and rendered against the fixture's figures. */
function problemsOf(text: string): string[] {
  try {
    const doc = parseArticle(text);
    renderArticle(computeStory(fixture), buildCharts(fixture), (h) => h, doc.blocks, doc.head);
  } catch (e) {
    if (e instanceof DocumentError) return e.problems;
    if (e instanceof CopyError) return e.message.split('\n').slice(1);
    throw e;
  }
  return [];
}

/** The 1-based line of the first line holding `text` (the test's own search, not the module's). */
const lineWith = (text: string, from = 0) =>
  lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;

describe('the copy document', () => {
  const doc = parseArticle(source);

  it('reads the head and every block, in order', () => {
    expect(doc.head.title).toMatch(/^Chinese AI models have overtaken U.S. ones/);
    expect(doc.head.claims).toEqual(['china-leads-latest-media-week']);
    expect(doc.blocks[0]?.type).toBe('scrolly');
    // At most eight figures in the article, the scroller's included (issue 24).
    expect(doc.blocks.filter((b) => b.type === 'figure').length).toBeGreaterThanOrEqual(5);
    expect(
      doc.blocks.filter((b) => b.type === 'figure' || b.type === 'scrolly').length,
    ).toBeLessThanOrEqual(8);
  });

  it('maps every text, paragraph and step to the line it is written on', () => {
    let checked = 0;
    const expectAt = (line: number | undefined, text: string) => {
      expect(line, text.slice(0, 60)).toBeGreaterThan(0);
      expect(lines[line! - 1], text.slice(0, 60)).toContain(text.slice(0, 40));
      checked++;
    };
    for (const key of ['kicker', 'title', 'dek', 'description'] as const)
      expectAt(doc.head.at?.fields[key], doc.head[key]);
    for (const b of doc.blocks) {
      expect(lines[b.at!.line - 1]).toMatch(/^type: /);
      if (b.type === 'h2' || b.type === 'p') expectAt(b.at?.fields.text, b.text);
      if (b.type === 'figure' || b.type === 'scrolly') expectAt(b.at?.fields.chart, b.chart);
      if (b.type === 'scrolly')
        for (const s of b.steps) {
          expectAt(s.at?.fields.state, s.state);
          s.text.forEach((t, k) => expectAt(s.at?.paragraphs?.text?.[k] ?? s.at?.fields.text, t));
        }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('an unknown placeholder fails with its line and the nearest figure names', () => {
    const bad = source.replace('In {pegWeek}, the outlets', 'In {pegWeak}, the outlets');
    const line = bad.split('\n').findIndex((l) => l.includes('{pegWeak}')) + 1;
    expect(line).toBe(lineWith('In {pegWeek}, the outlets'));
    const problems = problemsOf(bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${ARTICLE_FILE}:${line}: placeholder {pegWeak} has no figure`);
    expect(problems[0]).toContain('did you mean {pegWeek}?');
  });

  it('an unknown chart id, claim id or step state names its line and the nearest names', () => {
    const bad = source
      .replace('chart: app-intensity', 'chart: app-intensty')
      .replace('{!authors-lead-flips} In the first', '{!author-lead-flips} In the first')
      .replace('state: gaps', 'state: gap');
    const problems = problemsOf(bad);
    expect(problems).toEqual([
      expect.stringContaining(
        `${ARTICLE_FILE}:${lineWith('state: gaps')}: chart "share-flip" has no state "gap"; did you mean "gaps"?`,
      ),
      expect.stringContaining(
        `${ARTICLE_FILE}:${lineWith('{!authors-lead-flips} In the first')}: the copy cites claim "author-lead-flips"`,
      ),
      expect.stringContaining(
        `${ARTICLE_FILE}:${lineWith('chart: app-intensity')}: chart id "app-intensty" does not exist; did you mean "app-intensity"?`,
      ),
    ]);
    expect(problems[1]).toContain('did you mean {!authors-lead-flips}?');
  });

  it('a block of an unknown type, an unknown field and a missing field are named at their lines', () => {
    const bad = source
      .replace('type: graphic\nchart: price-bands', 'type: grafic\nchart: price-bands')
      .replace('type: heading\nid: policy\n', 'type: heading\n')
      .replace('chart: share-shift\n', 'chart: share-shift\ntitel: Shift\n');
    const badLines = bad.split('\n');
    const lineIn = (text: string) => badLines.findIndex((l) => l.includes(text)) + 1;
    const graphic = lineIn('chart: price-bands') - 1;
    const problems = problemsOf(bad);
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${ARTICLE_FILE}:${graphic}: block \\d+ has unknown type "grafic"; did you mean "graphic"\\?`,
        ),
      ),
    );
    const heading = lineIn('text: Policy: context') - 1;
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${ARTICLE_FILE}:${heading}: block \\d+ \\(heading\\) needs a field "id"`),
      ),
    );
    expect(problems).toContainEqual(
      expect.stringContaining('has no field "titel"; did you mean "title"?'),
    );
  });

  it('reads the corrections log from the document, newest first, and names a bad entry at its line', () => {
    const doc = parseArticle(source);
    expect(doc.corrections.length).toBeGreaterThan(10);
    const first = doc.corrections[0]!;
    expect(first.at?.fields.said).toBe(lineWith(`said: ${first.said}`));
    const dates = doc.corrections.map((c) => c.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const bad = source
      .replace(`date: ${first.date}\n`, 'date: 6 December 2026\n')
      .replace(`why: ${first.why}\n`, `whyy: ${first.why}\n`);
    const problems = problemsOf(bad);
    const badLines = bad.split('\n');
    const dateLine = badLines.findIndex((l) => l === 'date: 6 December 2026') + 1;
    expect(problems).toContainEqual(
      expect.stringContaining('has no field "whyy"; did you mean "why"?'),
    );
    expect(problems).toContainEqual(
      expect.stringContaining(`correction 1 (${first.id}) needs a field "why"`),
    );
    const good = source.replace(`why: ${first.why}\n`, `why: ${first.why}\n`);
    expect(problemsOf(good)).toEqual([]);
    const onlyDate = source.replace(`date: ${first.date}\n`, 'date: 6 December 2026\n');
    expect(problemsOf(onlyDate)).toEqual([
      `${ARTICLE_FILE}:${dateLine}: correction 1 (${first.id}): "date" must be a day as YYYY-MM-DD, not "6 December 2026"`,
    ]);
  });

  it('the block table names every type with its required fields', () => {
    expect(Object.keys(BLOCK_TYPES).sort()).toEqual(['graphic', 'heading', 'scroller', 'text']);
    for (const t of Object.values(BLOCK_TYPES))
      expect(Object.keys(t.required).length).toBeGreaterThan(0);
    expect(nearest('pegWeak', ['pegWeek', 'pegCn', 'apiTopN'], 2)).toEqual(['pegWeek', 'pegCn']);
  });
});
