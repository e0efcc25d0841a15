/**
 * Chart words from the document (src/story/article.aml, src/story/chart-copy.ts): every chart of
 * the article and of the methodology page prints a title, subtitle and description; the
 * calculator's live words (src/lib/session-words.ts) agree with the document's default; and a
 * mistake in a chart's words stops the build at the document's line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCharts, CHART_IDS } from '../../src/charts/index.ts';
import type { SiteData } from '../../src/charts/types.ts';
import { sessionSubtitle, sessionTitle } from '../../src/lib/session-words.ts';
import { DEFAULT_SESSION_TOKENS } from '../../src/lib/story-settings.ts';
import { loadArticle, parseArticle } from '../../src/story/document.ts';
import { computeStory } from '../../src/story/facts.ts';
import { CopyError, renderArticle } from '../../src/story/prepare.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;
const story = computeStory(fixture);
const built = buildCharts(fixture);
const source = readFileSync(new URL('../../src/story/article.aml', import.meta.url), 'utf8');
const render = (aml: string) => {
  const doc = parseArticle(aml);
  return renderArticle(story, built, (h) => h, doc.blocks, doc.head, doc.more);
};

describe('chart words from the document', () => {
  const doc = loadArticle();
  const article = renderArticle(story, built, (h) => h, doc.blocks, doc.head, doc.more);

  it('every chart is placed once: in the article or in [methodologyCharts]', () => {
    const placed = [
      ...article.copy.flatMap((c) => (c.kind === 'chart' ? [c.chart.id] : [])),
      ...article.more.map((c) => c.id),
    ];
    expect([...placed].sort()).toEqual([...CHART_IDS].sort());
  });

  it('every placed chart prints a title, a subtitle and a description', () => {
    for (const c of article.charts) {
      expect(c.title, `${c.id} title`).not.toBe('');
      expect(c.subtitle, `${c.id} subtitle`).not.toBe('');
      expect(c.description, `${c.id} description`).not.toBe('');
      for (const s of c.states ?? []) expect(s.label, `${c.id} state ${s.id}`).not.toBe('');
    }
  });

  it('the methodology charts state their finding in at most 12 words', () => {
    for (const c of article.more)
      expect(c.title.split(/\s+/).length, `${c.id}: "${c.title}"`).toBeLessThanOrEqual(12);
  });

  it("the session-cost title and subtitle are the calculator's words at the default session", () => {
    const c = article.charts.find((x) => x.id === 'session-cost')!;
    const rows = c.rows as Array<{ model: string; cost_usd: number; free: boolean }>;
    const paid = rows.filter((r) => !r.free);
    const ends = {
      dear: { model: paid[0]!.model, cost: paid[0]!.cost_usd },
      cheap: { model: paid.at(-1)!.model, cost: paid.at(-1)!.cost_usd },
    };
    expect(c.title).toBe(sessionTitle(DEFAULT_SESSION_TOKENS, ends));
    expect(c.subtitle).toBe(sessionSubtitle(DEFAULT_SESSION_TOKENS, ends));
  });

  it('a misspelt placeholder in a chart description names the line and the nearest figure', () => {
    const aml = source.replace('description: {methodRanges}', 'description: {methodRange}');
    const line = aml.split('\n').findIndex((l) => l === 'description: {methodRange}') + 1;
    expect(() => render(aml)).toThrow(CopyError);
    expect(() => render(aml)).toThrow(
      new RegExp(
        `article\\.aml:${line}: placeholder \\{methodRange\\}.*did you mean \\{methodRanges\\}`,
      ),
    );
  });

  it('an unknown claim in a chart title, and a state the chart lacks, name their lines', () => {
    const aml = source
      .replace('{flipLedSince}{!api-daily-crossing}', '{flipLedSince}{!api-daily-crosing}')
      .replace('id: crossing\nlabel:', 'id: crosing\nlabel:');
    expect(() => render(aml)).toThrow(
      /cite claim "api-daily-crosing".*did you mean \{!api-daily-crossing\}/,
    );
    expect(() => render(aml)).toThrow(/chart "share-flip" has no state "crosing" to label/);
  });

  it('a chart in the article and in [methodologyCharts] too is an error', () => {
    const aml = source.replace('chart: weekly-tokens\n', 'chart: share-flip\n');
    expect(() => render(aml)).toThrow(/chart "share-flip" is in the article already/);
  });
});
