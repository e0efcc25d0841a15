/**
 * The hero chart: lead changes computed from the data (on fixtures), the flip it must show,
 * and no label overlapping another at any width from 320 to 1280 px in any state.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { leadChanges, type LeadPeriod } from '../../src/charts/lead-changes.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { FLIP_STATES, flipModel, impliedRuns } from '../../src/charts/share-flip-model.ts';
import { SCROLLY_SIZE } from '../../src/lib/widths.ts';
import { loadFixture, wordedCharts } from './fixture.ts';
import { labelBoxes } from './label-boxes.ts';

const data = loadFixture();
// The chart with its words from the document (the module leaves them to it).
const chart = wordedCharts(data).find((c) => c.id === 'share-flip')!;

const day = (d: string, leader: LeadPeriod['leader']): LeadPeriod => ({
  start: d,
  end: d,
  leader,
  estimate: null,
});

describe('leadChanges', () => {
  it('finds each change of leader, located when the periods touch', () => {
    const cs = leadChanges([
      day('2026-05-20', 'CN'),
      day('2026-05-21', 'US'),
      day('2026-05-22', 'tie'),
      day('2026-05-23', 'CN'),
      day('2026-05-30', 'US'),
    ]);
    expect(cs.map((c) => [c.before.end, c.after.end, c.leader, c.located])).toEqual([
      ['2026-05-20', '2026-05-21', 'US', true],
      ['2026-05-21', '2026-05-23', 'CN', false],
      ['2026-05-23', '2026-05-30', 'US', false],
    ]);
  });
  it('finds none when one side leads throughout', () => {
    expect(leadChanges([day('2026-05-20', 'CN'), day('2026-05-21', 'CN')])).toEqual([]);
  });
  it('rejects periods out of date order', () => {
    expect(() => leadChanges([day('2026-05-21', 'CN'), day('2026-05-20', 'US')])).toThrow(
      /out of order.*index 1/,
    );
  });
});

describe('the flip on the fixture data', () => {
  const model = flipModel(data);
  it('OpenRouter’s own daily data: the U.S. ahead on 21, 22 and 26 May, China since 27 May', () => {
    expect(model.changes['api-day'].map((c) => [c.after.end, c.leader, c.located])).toEqual([
      ['2026-05-21', 'US', true],
      ['2026-05-23', 'CN', true],
      ['2026-05-26', 'US', true],
      ['2026-05-27', 'CN', true],
    ]);
    expect(chart.title).toBe('China overtook the U.S. on OpenRouter and has led since 27 May');
    expect(chart.description).toContain('the U.S. was ahead on 21, 22 and 26 May 2026');
  });
  it('the outlets’ count: U.S. weeks in late February (back-calculated) and late April (implied)', () => {
    const toUs = model.changes.media.filter((c) => c.leader === 'US');
    expect(toUs.map((c) => c.after.start)).toEqual(['2026-02-23', '2026-04-20']);
    // AIbase's report of 2–8 March makes 23 February – 1 March a back-calculation from it
    // (FACT-CHECK-2, error 2); late April is known only from the outlets' streak counts.
    expect(toUs.map((c) => c.after.estimate)).toEqual(['back-calculated', 'implied']);
    // Late February touches the week before it; April follows weeks with no figure or claim.
    expect(toUs.map((c) => c.located)).toEqual([true, false]);
  });
  it('has at most five named states and a title of at most 12 words', () => {
    expect(chart.states!.map((s) => s.id)).toEqual([...FLIP_STATES]);
    expect(chart.states!.length).toBeLessThanOrEqual(5);
    expect(chart.title.split(/\s+/).length).toBeLessThanOrEqual(12);
  });
});

/** Boxes of the hollow bands for runs of implied weeks (class implied), from the rendered SVG. */
function bandBoxes(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return [...document.querySelectorAll('g.implied rect')].map((r) => {
    const n = (a: string) => Number(r.getAttribute(a));
    return {
      text: r.querySelector('title')?.textContent ?? 'implied weeks',
      x0: n('x'),
      x1: n('x') + n('width'),
      y0: n('y'),
      y1: n('y') + n('height'),
    };
  });
}

/** Boxes (4 px each way, a dot's size) of each drawn line's last point in view, from the
 *  rendered SVG: the point a label must leave clear. */
function lastPointBoxes(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return [...document.querySelectorAll('g[aria-label="line"]')].flatMap((g) => {
    const ends = [...g.querySelectorAll('path')].map((path) =>
      (/([-\d.]+),([-\d.]+)$/.exec(path.getAttribute('d') ?? '') ?? []).slice(1).map(Number),
    );
    const last = ends
      .filter((e) => e.length === 2)
      .sort((a, b) => a[0]! - b[0]!)
      .at(-1);
    if (!last) return [];
    const [x, y] = last as [number, number];
    const text = `the last point of ${g.getAttribute('class') ?? 'a line'}`;
    return [{ text, x0: x - 4, x1: x + 4, y0: y - 4, y1: y + 4 }];
  });
}

describe('weeks implied by the streak counts', () => {
  const model = flipModel(data);
  const runs = impliedRuns(model.implied);
  it('are joined into runs of consecutive weeks with one leader', () => {
    expect(runs.reduce((n, r) => n + r.weeks, 0)).toBe(
      model.implied.filter((w) => w.leader !== 'tie').length,
    );
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]!.start > runs[i - 1]!.end, runs[i]!.start).toBe(true);
    // The summer's weeks with no outlet figure make one long run, China ahead.
    expect(runs.some((r) => r.leader === 'CN' && r.weeks >= 10)).toBe(true);
    expect(runs.filter((r) => r.leader === 'US').map((r) => r.start)).toContain('2026-04-20');
  });
  it('a gap of a week or a change of leader starts a new run', () => {
    const w = (start: string, end: string, leader: 'CN' | 'US') =>
      ({ ...model.implied[0]!, start, end, leader }) as (typeof model.implied)[number];
    expect(
      impliedRuns([
        w('2026-06-01', '2026-06-07', 'CN'),
        w('2026-06-08', '2026-06-14', 'CN'),
        w('2026-06-22', '2026-06-28', 'CN'),
        w('2026-06-29', '2026-07-05', 'US'),
      ]).map((r) => [r.start, r.end, r.leader, r.weeks]),
    ).toEqual([
      ['2026-06-01', '2026-06-14', 'CN', 2],
      ['2026-06-22', '2026-06-28', 'CN', 1],
      ['2026-06-29', '2026-07-05', 'US', 1],
    ]);
  });
  it('are drawn as one hollow band per run (not a mark per week) on the side that led', () => {
    const svg = renderSvg(chart, 680, 'all');
    const bands = bandBoxes(svg);
    expect(bands).toHaveLength(runs.length);
    expect(svg).not.toContain('symbol="triangle"');
    const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
    const y50 = Number(document.querySelector('g.fifty-line line')!.getAttribute('y1'));
    // The chart draws China's runs, then the U.S.'s, each in date order.
    const bySide = [
      ...runs.filter((r) => r.leader === 'CN'),
      ...runs.filter((r) => r.leader === 'US'),
    ];
    bySide.forEach((r, i) => {
      const b = bands[i]!;
      if (r.leader === 'CN') expect(b.y1).toBeLessThan(y50);
      else expect(b.y0).toBeGreaterThan(y50);
    });
  });
});

describe('labels', () => {
  // The widths of the label-box check, and the sizes the article draws the scroller at
  // (src/lib/widths.ts: the phone and the desktop drawing of the sticky graphic).
  const sizes: Array<{ width: number; height?: number }> = [
    ...[320, 360, 375, 480, 680, 1024, 1280].map((width) => ({ width })),
    SCROLLY_SIZE.narrow,
    SCROLLY_SIZE.wide,
  ];
  for (const { width, height } of sizes)
    for (const state of FLIP_STATES)
      it(`no label (or tick label, or band of implied weeks) overlaps another, a line's last point or the drawing's edge at ${width}${height ? `x${height}` : ''} px, state ${state}`, () => {
        const svg = renderSvg(chart, width, state, { height });
        const labels = labelBoxes(svg);
        expect(labels.length).toBeGreaterThanOrEqual(5);
        const boxes = [...labels, ...bandBoxes(svg)];
        for (const b of boxes) {
          expect(b.x0, b.text).toBeGreaterThanOrEqual(0);
          expect(b.x1, b.text).toBeLessThanOrEqual(width);
        }
        const points = lastPointBoxes(svg);
        expect(points.length).toBeGreaterThanOrEqual(2);
        // Labels and bands against each other, and labels against the lines' last points
        // (points may meet, and a band may reach a point on the 50% line).
        const pairs = [
          ...boxes.flatMap((a, i) => boxes.slice(i + 1).map((b) => [a, b] as const)),
          ...labels.flatMap((a) => points.map((b) => [a, b] as const)),
        ];
        for (const [a, b] of pairs) {
          const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
          expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
        }
      });
});
