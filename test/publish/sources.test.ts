// The short source line and the full list under each chart: computed from the chart's
// sources, short publisher names, a count, captures after ";", nothing typed by hand, no
// space before punctuation, markup in the data shown as text.
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/pipeline/datasets.ts';
import { API_SOURCE } from '../../src/pipeline/derive/api.ts';
import {
  chartSourceSummary,
  orderedSources,
  shortPublisher,
  sourceLineHtml,
  sourceNamesText,
  sourceListHtml,
  sourceSummary,
} from '../../src/publish/share/sources.ts';

const src = (
  id: string,
  publisher: string,
  kind: SourceRow['kind'] = 'secondary',
  extra: Partial<SourceRow> = {},
): SourceRow =>
  ({
    id,
    title: `Title ${id}`,
    publisher,
    published: null,
    url: `https://example.org/${id}`,
    accessed: '2026-11-28',
    kind,
    note: null,
    ...extra,
  }) as SourceRow;
const byId = (rows: SourceRow[]) => new Map(rows.map((r) => [r.id, r]));

describe('short publisher names', () => {
  it.each([
    ['National Business Daily (NBD, 每日经济新闻)', 'NBD'],
    ['CNA (Channel NewsAsia)', 'CNA'],
    ['NBC San Diego (CNBC)', 'NBC San Diego'],
    ['36Kr (English edition)', '36Kr'],
    ['IT之家 (IThome), citing CCTV Finance (央视财经)', 'IT之家'],
    ['udn.com (Economic Daily News, 經濟日報)', 'udn.com'],
    ['Reuters (repost on srnnews.com)', 'Reuters'],
    ['WTTL (Washington Tariff & Trade Letter)', 'WTTL'],
    ['CGTN', 'CGTN'],
    ['U.S. Bureau of Industry and Security', 'U.S. Bureau of Industry and Security'],
  ])('%s -> %s', (long, short) => expect(shortPublisher(long)).toBe(short));
});

describe('the source line', () => {
  const rows = [
    src('a', 'National Business Daily (NBD, 每日经济新闻)', 'primary'),
    src('b', '36Kr (English edition)'),
    src('c', 'CGTN'),
    src('d', 'Phemex News'),
    src('e', 'Bastille Post'),
    src('f', 'CGTN'),
    src('g', 'NetEase 163.com (self-media account)'),
    src('h', 'IT之家 (IThome), citing CCTV Finance (央视财经)'),
    src('cap', 'github.com/x/openrouter-rankings', 'capture', {
      title: 'OpenRouter rankings page, daily captures',
    }),
  ];

  it('names three publishers, counts the rest, and puts captures after a semicolon', () => {
    const s = sourceSummary(
      orderedSources(['b', 'c', 'a', 'd', 'e', 'f', 'g', 'h', 'cap'], byId(rows)),
    );
    expect(s.text).toBe(
      'Sources: NBD, 36Kr, CGTN and 4 more; OpenRouter rankings page, daily captures',
    );
    expect(s.more).toBe(4);
  });

  it('names a fourth publisher rather than writing "and 1 more"; one source is "Source"', () => {
    expect(sourceSummary(orderedSources(['a', 'b', 'c', 'd'], byId(rows))).text).toBe(
      'Sources: NBD, 36Kr, CGTN and Phemex News',
    );
    expect(sourceSummary(orderedSources(['cap'], byId(rows))).text).toBe(
      'Source: OpenRouter rankings page, daily captures',
    );
    expect(sourceSummary(orderedSources(['c', 'f'], byId(rows))).text).toBe('Source: CGTN');
  });

  it('as HTML: linked names, "N more" linked to the full list, a full stop, no space before punctuation, markup as text', () => {
    const evil = [...rows, src('x', 'Evil <b>x</b> Press', 'primary')];
    const html = sourceLineHtml(
      sourceSummary(orderedSources(['x', 'a', 'b', 'c', 'd', 'e', 'cap'], byId(evil))),
      '#chart-x-sources-list',
    );
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<a href="#chart-x-sources-list">3 more</a>');
    expect(html.endsWith('.')).toBe(true);
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toBe(
      'Sources: Evil &lt;b&gt;x&lt;/b&gt; Press, NBD, 36Kr and 3 more; OpenRouter rankings page, daily captures.',
    );
    expect(text).not.toMatch(/\s[;.,:]/);
  });

  it("leads with a licence's citation word for word, names the cited source no second time, and lists the rest after 'Also'", () => {
    const citation = 'Source: OpenRouter (openrouter.ai/rankings), as of 12 September 2026.';
    const withApi = [...rows, src(API_SOURCE, 'OpenRouter', 'primary')];
    const chart = { sourceIds: [API_SOURCE, 'a', 'b', 'cap'], citation };
    const s = chartSourceSummary(chart, byId(withApi));
    expect(s.text).toBe(`${citation} Also: NBD and 36Kr; OpenRouter rankings page, daily captures`);
    const html = sourceLineHtml(s, '#x').replace(/<[^>]+>/g, '');
    expect(html).toBe(`${s.text}.`);
    // Only the cited source: the citation alone, one full stop.
    const alone = chartSourceSummary({ sourceIds: [API_SOURCE], citation }, byId(withApi));
    expect(sourceLineHtml(alone, '#x')).toBe(citation);
    expect(`${alone.text}.`).toBe(citation);
    // No citation: the API is named like any source.
    const plain = chartSourceSummary({ sourceIds: [API_SOURCE, 'a'] }, byId(withApi));
    expect(plain.text).toBe('Sources: OpenRouter and NBD');
  });
});

describe('the full list', () => {
  it('gives title, publisher, date or "undated", kind; files with rows and sha256; the build date; a link to every source', () => {
    const rows = [
      src('a', 'NBD', 'primary', { published: '2026-02-27', title: 'Is it up?' }),
      src('b', 'CGTN'),
    ];
    const sha = 'ab'.repeat(32);
    const { items, data } = sourceListHtml(
      rows,
      [
        {
          dataset: 'weekly-tokens',
          file: 'data/weekly-tokens.csv',
          sha256: sha,
          bytes: 1,
          rows: 1300,
        },
      ] as never,
      '2026-12-02T01:02:03Z',
      {
        sources: '/methodology/#sources',
        dataset: (d) => `/methodology/#ds-${d}`,
      },
    );
    const plain = items.map((h) => h.replace(/<[^>]+>/g, ''));
    expect(plain[0]).toBe('Is it up? NBD, 27 February 2026, primary.');
    expect(plain[1]).toBe('Title b. CGTN, undated, secondary.');
    expect(items[0]).toContain('href="https://example.org/a"');
    expect(data).toContain('href="/methodology/#ds-weekly-tokens"');
    expect(data).toContain('href="/methodology/#sources"');
    expect(data.replace(/<[^>]+>/g, '')).toBe(
      `Data: data/weekly-tokens.csv, 1,300 rows, sha256 ${sha.slice(0, 12)}. Built 2 December 2026. Every source, with notes.`,
    );
    for (const t of [...plain, data]) expect(t.replace(/<[^>]+>/g, '')).not.toMatch(/\s[;.,:]/);
  });
});

describe('source ids in a table', () => {
  it('name each publisher once, a capture by its title, and keep an unknown id visible', () => {
    const rows = [
      src('n1', 'NBD (Daily Economic News)', 'primary'),
      src('n2', 'NBD (Daily Economic News)'),
      src('c', 'CGTN'),
      src('cap', 'github.com/x/openrouter-rankings', 'capture', { title: 'Daily captures' }),
    ];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(sourceNamesText('n1;n2; c;cap', byId)).toBe(
      `${shortPublisher('NBD (Daily Economic News)')}, CGTN, Daily captures`,
    );
    expect(sourceNamesText('nope-2026-01-01', byId)).toBe('nope-2026-01-01');
    expect(sourceNamesText('', byId)).toBe('');
  });
});
