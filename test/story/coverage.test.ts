/**
 * The coverage walk (src/story/coverage.ts) over every text a reader reads, from the prepared
 * page model: every comparative, superlative, ordinal, count, streak, "all/every/never/none",
 * "latest/first" and month or period in words is written by code (a placeholder) or sits in a
 * sentence bound to a claim. A placeholder elsewhere in the sentence excuses nothing.
 *
 * Chart texts (titles, subtitles, notes, descriptions, state labels) of all the charts, the
 * article's and the methodology page's, are the document's templates and are walked like the
 * paragraphs, with no backlog; so are the pages' meta texts (src/publish/site/page-texts.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.ts';
import type { AnyChart, SiteData } from '../../src/charts/types.ts';
import { ARTICLE, HEAD, MORE_CHARTS, type Block } from '../../src/story/article.ts';
import { pageReaderTexts } from '../../src/publish/site/page-texts.ts';
import { CHART_IDS } from '../../src/charts/index.ts';
import type { ReaderText } from '../../src/story/coverage.ts';
import { readerTexts, triggerWords, unboundWords, type Unbound } from '../../src/story/coverage.ts';
import { computeStory } from '../../src/story/facts.ts';
import { CLAIM_MARKER, renderArticle, type Head } from '../../src/story/prepare.ts';
import { sentences } from '../../src/story/sentences.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;
const story = computeStory(fixture);
const charts = buildCharts(fixture);

/** The walk over the article as prepared from these blocks, head and charts. */
function walk(
  blocks: readonly Block[] = ARTICLE,
  head: Head = HEAD,
  cs: AnyChart[] = charts,
  pages: readonly ReaderText[] = pageReaderTexts(),
) {
  return unboundWords(
    readerTexts(
      renderArticle(story, cs, (h) => h, blocks, head, MORE_CHARTS),
      undefined,
      pages,
    ),
  );
}
/** The article's blocks with one chart's words edited in the document. */
const withChartWords = (
  chart: string,
  edit: (copy: NonNullable<Extract<Block, { type: 'figure' }>['copy']>) => object,
): Block[] =>
  ARTICLE.map((b) =>
    (b.type === 'figure' || b.type === 'scrolly') && b.chart === chart
      ? ({ ...b, copy: { ...b.copy, ...edit(b.copy ?? {}) } } as Block)
      : b,
  );
const key = (u: Unbound) => `${u.where}: ${u.word.toLowerCase()}`;
const fresh = (us: readonly Unbound[]) => us;

describe('the coverage walk over every text a reader reads', () => {
  it('walks the title, summary, dek, headings, paragraphs, steps and every chart text', () => {
    const texts = readerTexts(
      renderArticle(story, charts, (h) => h),
      undefined,
      pageReaderTexts(),
    );
    const where = new Set(texts.map((t) => t.where.replace(/ \(.*\)$|".*"|\d+$/g, '').trim()));
    for (const kind of ['title', 'summary', 'dek', 'heading', 'paragraph', 'step'])
      expect(where, kind).toContain(kind);
    for (const page of ['page methodology description', 'page methodology imageAlt'])
      expect(where, page).toContain(page);
    // Every chart: the article's and the methodology page's.
    for (const id of CHART_IDS)
      for (const field of ['title', 'subtitle', 'description'])
        expect(where, `${id} ${field}`).toContain(`chart ${id} ${field}`);
  });

  it('leaves no unchecked word in any text a reader reads', () => {
    const found = walk();
    console.log(
      `coverage walk: ${found.length} unchecked word(s) in the copy, the chart texts and the meta texts`,
    );
    expect(found.map((u) => `${key(u)} in "${u.sentence}"`)).toEqual([]);
  });

  it('splits sentences at full stops and keeps claim markers with their sentence', () => {
    expect(sentences('China led.{!a} The U.S. did not. Then {x} rose.{!b}{!c}')).toEqual([
      'China led.{!a}',
      'The U.S. did not.',
      'Then {x} rose.{!b}{!c}',
    ]);
  });

  it('a word a placeholder wrote is computed; the same word typed is not', () => {
    expect(triggerWords('China {leadWord} in {week}.')).toEqual([]);
    expect(triggerWords('China led in {week}.')).toEqual(['led']);
    expect(new RegExp(CLAIM_MARKER.source).test('China led.{!x}')).toBe(true);
  });
});

describe('planted unchecked superlatives fail the walk', () => {
  it('in the title', () => {
    const head = { ...HEAD, title: `${HEAD.title}. The biggest shift yet` };
    expect(fresh(walk(ARTICLE, head)).map(key)).toEqual(['title (Headline): biggest']);
  });

  it('in a heading', () => {
    const blocks: Block[] = [...ARTICLE, { type: 'h2', id: 'x', text: 'The largest gap' }];
    expect(fresh(walk(blocks)).map(key)).toEqual(['heading "The largest gap": largest']);
  });

  it('in an alt text (a chart description)', () => {
    const blocks = withChartWords('share-flip', (c) => ({
      description: `${c.description} It was the widest split ever.`,
    }));
    expect(fresh(walk(blocks)).map(key)).toEqual(['chart share-flip description: widest']);
  });

  it('in a chart title', () => {
    const blocks = withChartWords('share-by-method', () => ({
      title: 'The biggest gap between the counts',
    }));
    expect(fresh(walk(blocks)).map(key)).toEqual(['chart share-by-method title: biggest']);
  });

  it('in a chart note', () => {
    const blocks = withChartWords('share-by-method', (c) => ({
      notes: [...(c.notes ?? []), 'The largest count is the outlets’.'],
    }));
    const notes = ARTICLE.flatMap((b) =>
      b.type === 'figure' && b.chart === 'share-by-method' ? (b.copy?.notes ?? []) : [],
    );
    expect(fresh(walk(blocks)).map(key)).toEqual([
      `chart share-by-method note ${notes.length + 1}: largest`,
    ]);
  });

  it('in a meta description', () => {
    const pages = pageReaderTexts().map((p) =>
      p.where === 'page methodology description'
        ? { ...p, template: `${p.template} The most complete count is OpenRouter’s.` }
        : p,
    );
    expect(fresh(walk(ARTICLE, HEAD, charts, pages)).map(key)).toEqual([
      'page methodology description: most',
    ]);
  });

  it('in a sentence that already has a figure', () => {
    const blocks: Block[] = [
      ...ARTICLE,
      { type: 'p', text: 'In the week of {pegWeek}, China had its highest share.' },
    ];
    expect(fresh(walk(blocks)).map((u) => u.word)).toEqual(['highest']);
  });

  it('but not in a sentence bound to a claim', () => {
    const blocks: Block[] = [
      ...ARTICLE,
      { type: 'p', text: 'In the week of {pegWeek}, China led.{!peg-china-leads}' },
    ];
    expect(fresh(walk(blocks))).toEqual([]);
  });
});
