/**
 * The redesigned charts follow the data, not today's dates or counts: the compressed time
 * axis, the policy timeline's labels, the usage window over every counting method (including
 * one added later), and the weekly-tokens chart's gaps and kinds of value.
 */
import { describe, expect, it } from 'vitest';
import { usageSpan } from '../../src/charts/policy-parts.ts';
import { policyTimelineChart } from '../../src/charts/policy-timeline.ts';
import { policyUsageChart } from '../../src/charts/policy-usage.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { timeAxis } from '../../src/charts/time-axis.ts';
import type { SiteData } from '../../src/charts/types.ts';
import { weeklyTokensChart } from '../../src/charts/weekly-tokens.ts';
import type { WeekPoint } from '../../src/pipeline/derive/weeks.ts';
import { loadFixture, wordedChart } from './fixture.ts';

const copy = (): SiteData => JSON.parse(JSON.stringify(loadFixture())) as SiteData;

/** Text marks of a class in an SVG: their text and position (Plot writes translate(x,y)). */
function texts(svg: string, cls: string): Array<{ text: string; x: number; y: number }> {
  const out: Array<{ text: string; x: number; y: number }> = [];
  for (const g of svg.matchAll(new RegExp(`<g [^>]*class="${cls}"[^>]*>([\\s\\S]*?)</g>`, 'g'))) {
    for (const t of g[1]!.matchAll(
      /<text[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)/g,
    ))
      out.push({ text: t[3]!, x: Number(t[1]), y: Number(t[2]) });
  }
  return out;
}

describe('time axis', () => {
  const events = [
    '2022-10-07',
    '2023-10-17',
    '2024-12-02',
    '2025-01-15',
    '2025-04-09',
    '2025-07-14',
    '2026-01-13',
    '2026-03-05',
  ];
  const axis = timeAxis({
    events,
    keep: [['2026-02-09', '2026-05-16']],
    start: 10,
    compressedYear: 30,
    gap: 12,
    full: 400,
  });

  it('compresses the years with fewer than two events and no usage data, and breaks the axis there', () => {
    expect(axis.segments.map((s) => [s.y0, s.y1, s.compressed])).toEqual([
      [2022, 2024, true],
      [2025, 2026, false],
    ]);
    expect(axis.breaks).toHaveLength(1);
    expect(axis.segments[0]!.p1 - axis.segments[0]!.p0).toBe(90);
    expect(axis.domain).toEqual([Date.UTC(2022, 0, 1), Date.UTC(2026, 5, 1)]);
    expect(axis.end).toBeCloseTo(10 + 90 + 12 + 400, 6);
  });

  it('places dates in order, and keeps a year at full scale once it has enough events or usage data', () => {
    const ps = events.map((e) => axis.at(e));
    for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeGreaterThan(ps[i - 1]!);
    const more = timeAxis({
      events: [...events, '2023-03-01'],
      keep: [['2024-06-01', '2024-06-07']],
      start: 0,
      compressedYear: 30,
      gap: 12,
      full: 400,
    });
    expect(more.segments.map((s) => [s.y0, s.y1, s.compressed])).toEqual([
      [2022, 2022, true],
      [2023, 2026, false],
    ]);
    expect(more.breaks).toHaveLength(1);
  });

  it('has no break when no year is compressed', () => {
    const dense = timeAxis({
      events: ['2025-01-01', '2025-02-01', '2026-01-01', '2026-02-01'],
      keep: [],
      start: 0,
      compressedYear: 30,
      gap: 12,
      full: 300,
    });
    expect(dense.breaks).toEqual([]);
    expect(dense.segments.every((s) => !s.compressed)).toBe(true);
  });
});

describe('policy timeline', () => {
  it('never stacks labels: one line each, at least a label height apart, at any width', () => {
    for (const data of [loadFixture(), withManyEvents()]) {
      const chart = policyTimelineChart(data);
      for (const width of [360, 680]) {
        const labels = texts(renderSvg(chart, width), 'event-label').sort((a, b) => a.y - b.y);
        expect(labels.length).toBe(chart.rows.length);
        for (let i = 1; i < labels.length; i++)
          expect(
            labels[i]!.y - labels[i - 1]!.y,
            `${labels[i - 1]!.text} / ${labels[i]!.text}`,
          ).toBeGreaterThanOrEqual(11);
        const { height } = chart.plot(width);
        for (const l of labels) expect(l.y).toBeLessThanOrEqual(height!);
      }
    }
  });

  it('marks compressed years only when there are some', () => {
    const svg = renderSvg(policyTimelineChart(loadFixture()), 680);
    expect(svg).toContain('compressed');
    expect(svg).toContain('class="axis-break"');
    const dense = copy();
    const ev = dense.datasets['policy-events'];
    // Two events in every year: nothing to compress.
    for (const y of [2022, 2023, 2024])
      ev.push({ ...ev[0]!, date: `${y}-06-01`, event: `Extra ${y}` });
    const denseSvg = renderSvg(policyTimelineChart(dense), 680);
    expect(denseSvg).not.toContain('compressed-label');
    expect(denseSvg).not.toContain('class="axis-break"');
  });
});

/** A copy of the data with a fourth counting method whose weeks reach beyond the others. */
function withFourthMethod(first: string, last: string): SiteData {
  const data = copy();
  const template = data.derived.weeks.authors[0]!;
  const weeks: WeekPoint[] = [first, last].map((d, i) => ({
    ...template,
    method: 'openrouter' as never,
    week_start: null,
    week_end: d,
    cn_share: 60 + i,
    status: 'derived',
  }));
  (data.derived.weeks as Record<string, WeekPoint[]>).openrouter = weeks;
  return data;
}

function withManyEvents(): SiteData {
  const data = copy();
  const ev = data.datasets['policy-events'];
  const base = ev[ev.length - 1]!;
  for (let i = 0; i < 40; i++)
    ev.push({
      ...base,
      date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      event: `Synthetic event ${i}`,
    });
  return data;
}

describe('policy usage', () => {
  it('takes its window from every counting method in the data, including one added later', () => {
    const before = usageSpan(loadFixture());
    const data = withFourthMethod('2026-01-18', '2026-11-08');
    const [u0, u1] = usageSpan(data);
    expect(u0).toBe('2026-01-18');
    expect(u1).toBe('2026-11-08');
    expect(before[1] < u1).toBe(true);
    const chart = wordedChart(data, 'policy-usage');
    expect(chart.title).toMatch(/^Usage data begin in January 2026, after/);
    expect(new Set(chart.rows.map((r: { method: string }) => r.method))).toContain('openrouter');
    expect(chart.description).toContain('openrouter');
    // The timeline's shaded span is the same window.
    const timeline = wordedChart(data, 'policy-timeline');
    expect(timeline.description).toContain('to 8 November 2026');
  });

  it('gives the usage lines at least half the chart width (not a corner of a 2022-2026 axis)', () => {
    for (const width of [360, 680]) {
      const svg = renderSvg(policyUsageChart(loadFixture()), width);
      // The points of the usage series (classes method-<name>).
      const xs = [
        ...svg.matchAll(/<g [^>]*class="method-[a-z]+[^"]*" aria-label="dot">([\s\S]*?)<\/g>/g),
      ].flatMap((g) => [...g[1]!.matchAll(/cx="([\d.]+)"/g)].map((m) => Number(m[1])));
      expect(xs.length).toBeGreaterThan(5);
      const span = Math.max(...xs) - Math.min(...xs);
      expect(span / width, `usage lines span ${span} of ${width} px`).toBeGreaterThan(0.5);
    }
  });
});

describe('weekly tokens', () => {
  const links = (svg: string) =>
    [...svg.matchAll(/<g [^>]*class="series-line( derived)?"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((g) =>
      [...g[2]!.matchAll(/d="M([\d.]+),[\d.]+L([\d.]+),/g)].map((m) => ({
        dashed: !!g[1],
        x1: Number(m[1]),
        x2: Number(m[2]),
      })),
    );

  it('joins only adjacent weeks: a week with no figure stays a gap, and is marked', () => {
    const chart = weeklyTokensChart(loadFixture());
    const svg = renderSvg(chart, 680, 'all');
    const ls = links(svg);
    expect(ls.length).toBeGreaterThan(0);
    const weekPx = Math.min(...ls.map((l) => l.x2 - l.x1));
    for (const l of ls)
      expect(l.x2 - l.x1, 'a line never spans a missing week').toBeLessThan(weekPx * 1.5);
    const missing = new Set(
      chart.rows
        .filter((r: { status: string }) => r.status === 'missing')
        .map((r: { week_start: string }) => r.week_start),
    );
    expect(missing.size).toBeGreaterThan(0);
    expect(svg).toContain('class="gap-band"');
    expect(svg).toMatch(/no figures?/);
  });

  it('draws back-calculated and secondary values hollow (the one estimate rule), solid links, each kind named in the key', () => {
    const data = copy();
    const reported = data.datasets['weekly-tokens'].find(
      (r) => r.status === 'reported' && r.origin === 'US',
    )!;
    reported.status = 'secondary';
    const svg = renderSvg(weeklyTokensChart(data), 680, 'all');
    expect(svg).toMatch(/<g[^>]*fill="var\(--c-bg\)"[^>]*class="estimate-mark"/);
    expect(links(svg).some((l) => l.dashed)).toBe(false);
    expect(svg).not.toContain('fill-opacity="0.35"');
    for (const k of ['reported', 'estimated (back-calculated, secondary source)', 'no figure'])
      expect(svg).toContain(`>${k}<`);
    // Without secondary rows the key does not offer one.
    const none = copy();
    none.datasets['weekly-tokens'] = none.datasets['weekly-tokens'].filter(
      (r) => r.status !== 'secondary',
    );
    none.derived.weeks.media = none.derived.weeks.media.filter((w) => w.status !== 'secondary');
    expect(renderSvg(weeklyTokensChart(none), 680, 'all')).not.toContain('secondary source');
  });
});
