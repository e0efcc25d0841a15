import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.ts';
import type { SiteData } from '../../src/charts/types.ts';
import type { RawDatasets } from '../../src/pipeline/datasets.ts';
import { ARTICLE, type Block } from '../../src/story/article.ts';
import { ClaimError, computeStory } from '../../src/story/facts.ts';
import { PEG_WEEK_START } from '../../src/lib/story-settings.ts';
import { CopyError, prepareArticle, renderArticle, renderText } from '../../src/story/prepare.ts';
import { wordedChart } from '../charts/fixture.ts';
import { siteFrom } from './site-from.ts';

const href = (h: string) => `/${h}`;
const articleText = (data: SiteData) =>
  prepareArticle(computeStory(data), buildCharts(data), href)
    .blocks.flatMap((b) =>
      b.type === 'p' || b.type === 'h2'
        ? [b.html]
        : b.type === 'scrolly'
          ? b.steps.flatMap((s) => s.html)
          : [],
    )
    .join('\n');

const setTokens = (raw: RawDatasets, weekStart: string, origin: 'CN' | 'US', tokens: number) => {
  const row = raw['weekly-tokens'].find((r) => r.week_start === weekStart && r.origin === origin);
  if (!row) throw new Error(`fixture has no ${origin} row for ${weekStart}`);
  row.tokens = tokens;
};

describe('the copy is bound to the data', () => {
  it('every claim the copy makes holds on the published data', () => {
    const story = computeStory(siteFrom());
    const failed = story.claims.filter((c) => !c.holds).map((c) => `${c.id}: ${c.figures}`);
    expect(failed).toEqual([]);
    expect(story.claims.length).toBeGreaterThanOrEqual(15);
  });

  it('the peg week reads "58.7% of the pair" with both totals in house style', () => {
    const text = articleText(siteFrom());
    expect(text).toContain('58.7% of the pair');
    expect(text).toContain('4.69 trillion tokens');
    expect(text).toContain('3.29 trillion tokens');
    expect(text).toContain('9–15 March 2026');
  });

  it('an editor’s update to the peg week changes the numbers in the copy', () => {
    const before = articleText(siteFrom());
    const after = articleText(
      siteFrom((raw) => setTokens(raw, PEG_WEEK_START, 'US', 3_000_000_000_000)),
    );
    expect(after).not.toEqual(before);
    expect(after).toContain('3 trillion tokens');
    expect(after).toContain('61.0%');
    expect(after).not.toContain('58.7% of the pair');
  });

  it('adding a newer reported week moves the "latest week an outlet reported first-hand" sentence to it', () => {
    const text = articleText(
      siteFrom((raw) => {
        const tpl = raw['weekly-tokens'].find(
          (r) => r.week_start === '2026-05-04' && r.origin === 'CN',
        )!;
        raw['weekly-tokens'].push({
          ...tpl,
          week_start: '2026-10-05',
          week_end: '2026-10-11',
          tokens: 9_000_000_000_000,
          wow_change_pct: null,
        });
        raw['weekly-tokens'].push({
          ...tpl,
          origin: 'US',
          week_start: '2026-10-05',
          week_end: '2026-10-11',
          tokens: 4_000_000_000_000,
          wow_change_pct: null,
        });
        raw['weekly-tokens'].sort((a, b) =>
          a.week_start < b.week_start ? -1 : a.week_start > b.week_start ? 1 : 0,
        );
      }),
    );
    expect(text).toContain(
      'The latest week an outlet reported first-hand was 5–11 October 2026, with 69.2% for China',
    );
  });

  it('a data update that makes "narrower the week before" false fails the build, naming the claim and figures', () => {
    const data = siteFrom((raw) => setTokens(raw, '2026-03-02', 'US', 1_000_000_000_000));
    let error: unknown;
    try {
      prepareArticle(computeStory(data), buildCharts(data), href);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClaimError);
    const message = (error as Error).message;
    expect(message).toContain('gap-narrower-week-before');
    expect(message).toMatch(
      /gap 3\.19 trillion tokens in 2–8 March 2026 vs 1\.4 trillion tokens in 9–15 March 2026/,
    );
  });

  it('a U.S. lead in the peg week fails the "China leads" claim', () => {
    const data = siteFrom((raw) => setTokens(raw, PEG_WEEK_START, 'US', 5_000_000_000_000));
    expect(() => prepareArticle(computeStory(data), buildCharts(data), href)).toThrow(
      /peg-china-leads/,
    );
  });

  it('a U.S. lead in the latest week the media reported in full stops the build, naming that claim', () => {
    const data = siteFrom((raw) => setTokens(raw, '2026-05-18', 'US', 10_000_000_000_000));
    expect(() => prepareArticle(computeStory(data), buildCharts(data), href)).toThrow(
      /latest-reported-china-leads/,
    );
  });

  it('the share-by-method title says every count has China ahead only while each latest point does (latest.ts)', () => {
    // The title's words are the document's, bound to {!every-count-latest-china}: a count whose
    // latest week has the U.S. ahead stops the build instead of printing them.
    const title = (data: ReturnType<typeof siteFrom>) =>
      prepareArticle(computeStory(data), buildCharts(data), href).charts.find(
        (c) => c.id === 'share-by-method',
      )!.title;
    expect(title(siteFrom())).toBe(
      'Every count has China ahead in its latest week, by different margins',
    );
    const usLast = siteFrom((raw) => {
      const week = raw['weekly-tokens'].filter((r) => r.week_start === '2026-05-04');
      for (const r of week)
        raw['weekly-tokens'].push({
          ...r,
          week_start: '2026-10-05',
          week_end: '2026-10-11',
          tokens: r.origin === 'CN' ? 1e12 : r.origin === 'US' ? 3e12 : r.tokens,
          wow_change_pct: null,
        });
    });
    expect(() => title(usLast)).toThrow(/every-count-latest-china/);
  });

  it('a U.S. lead in the latest media week fails "China leads the latest media week", which the title and the summary cite', () => {
    const data = siteFrom((raw) => {
      const tpl = raw['weekly-tokens'].find(
        (r) => r.week_start === '2026-05-04' && r.origin === 'CN',
      )!;
      raw['weekly-tokens'].push({
        ...tpl,
        week_start: '2026-10-05',
        week_end: '2026-10-11',
        tokens: 4_000_000_000_000,
        wow_change_pct: null,
      });
      raw['weekly-tokens'].push({
        ...tpl,
        origin: 'US',
        week_start: '2026-10-05',
        week_end: '2026-10-11',
        tokens: 4_500_000_000_000,
        wow_change_pct: null,
      });
    });
    const story = computeStory(data);
    const claim = story.claims.find((c) => c.id === 'china-leads-latest-media-week');
    expect(claim).toMatchObject({
      holds: false,
      figures: 'CN 4T, US 4.5T in 5–11 October 2026 (latest week with both figures)',
    });
    const article = renderArticle(story, buildCharts(data), href);
    const citing = article.copy.filter(
      (c) => c.kind !== 'chart' && c.claims.includes('china-leads-latest-media-week'),
    );
    expect(citing.map((c) => c.kind)).toEqual(['title', 'summary']);
    expect(() => prepareArticle(story, buildCharts(data), href)).toThrow(
      /china-leads-latest-media-week/,
    );
    // With China ahead that week, it holds.
    expect(
      computeStory(siteFrom()).claims.find((c) => c.id === 'china-leads-latest-media-week')?.holds,
    ).toBe(true);
  });

  it('"Cheap is not only Chinese" names the cheapest U.S. model from the data, not a model typed into the copy', () => {
    const text = articleText(
      siteFrom((raw) => {
        const grok = raw['model-prices'].find((r) => r.model === 'Grok 4.1 Fast')!;
        raw['model-prices'].push({
          ...grok,
          model: 'Gemini Thrift',
          model_id: 'google/gemini-thrift',
          lab_slug: 'google',
          input_usd_per_mtok: 0.1,
          output_usd_per_mtok: 0.6,
        });
      }),
    );
    expect(text).toContain('Google’s Gemini Thrift lists below MiniMax M2.5');
    expect(text).not.toContain('xAI’s Grok 4.1 Fast lists below');
  });

  it('the prices chart says "all eight" rather than "eight of eight" when the U.S. model undercuts every Chinese one', () => {
    const data = siteFrom((raw) => {
      const grok = raw['model-prices'].find((r) => r.model === 'Grok 4.1 Fast')!;
      grok.input_usd_per_mtok = 0.01;
      grok.output_usd_per_mtok = 0.02;
    });
    const title = wordedChart(data, 'prices').title;
    expect(title).toMatch(/cheaper than all \w+ Chinese models/);
    expect(title).not.toMatch(/(\w+) of \1 Chinese/);
  });

  it('every chart id the copy uses exists, and the article shows at most eight (issue 24)', () => {
    const ids = buildCharts(siteFrom()).map((c) => c.id);
    const used = ARTICLE.flatMap((b) =>
      b.type === 'figure' || b.type === 'scrolly' ? [b.chart] : [],
    );
    for (const id of used) expect(ids).toContain(id);
    expect(new Set(used).size).toBeGreaterThanOrEqual(5);
    expect(new Set(used).size).toBeLessThanOrEqual(8);
  });

  it('an unknown chart id, placeholder or claim in the copy stops the build with all three named', () => {
    const data = siteFrom();
    const bad: Block[] = [
      { type: 'figure', chart: 'no-such-chart' },
      { type: 'p', text: 'A {noSuchFigure} here.{!no-such-claim}' },
    ];
    let error: unknown;
    try {
      prepareArticle(computeStory(data), buildCharts(data), href, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CopyError);
    const message = (error as Error).message;
    expect(message).toContain('no-such-chart');
    expect(message).toContain('{noSuchFigure}');
    expect(message).toContain('no-such-claim');
  });

  it('names from the data are escaped in the copy', () => {
    const text = articleText(
      siteFrom((raw) => {
        raw['model-prices'].find((r) => r.model === 'Step 3.5 Flash')!.model =
          'Step <b>Alpha</b> & "co"';
      }),
    );
    expect(text).toContain('Step &lt;b&gt;Alpha&lt;/b&gt; &amp; &quot;co&quot;');
    expect(text).not.toContain('<b>Alpha');
  });
});

describe('renderText', () => {
  it('fills {name}, capitalises {^name} for a sentence start, and escapes both', () => {
    const problems: string[] = [];
    const html = renderText(
      '{^n} of {m} models. See [the method](methodology/).',
      { n: 'six', m: '<nine>' },
      (h) => `/base/${h}`,
      problems,
    );
    expect(html).toBe(
      'Six of &lt;nine&gt; models. See <a href="/base/methodology/">the method</a>.',
    );
    expect(problems).toEqual([]);
  });
});
