/**
 * The hero chart: lead changes computed from the data (on fixtures), the flip it must show,
 * and no label overlapping another at any width from 320 to 1280 px in any state.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { leadChanges, type LeadPeriod } from '../../src/charts/lead-changes.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { FLIP_STATES, flipModel } from '../../src/charts/share-flip.ts';
import { textWidth } from '../../src/charts/theme.ts';
import { loadFixture, wordedCharts } from './fixture.ts';

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

/** Boxes (px, in the SVG's own units) of every label the chart places: frame notes, end labels
 *  and annotations (class flip-label), from the rendered SVG. */
function labelBoxes(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  const num = (s: string | null, i: number) =>
    Number(/translate\(([-\d.]+),([-\d.]+)\)/.exec(s ?? '')?.[i] ?? 0);
  const boxes: { text: string; x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const g of document.querySelectorAll('g.flip-label')) {
    const size = Number(g.getAttribute('font-size'));
    for (const t of g.querySelectorAll('text')) {
      const anchor = t.getAttribute('text-anchor') ?? g.getAttribute('text-anchor') ?? 'start';
      const x = num(g.getAttribute('transform'), 1) + num(t.getAttribute('transform'), 1);
      const y = num(g.getAttribute('transform'), 2) + num(t.getAttribute('transform'), 2);
      const em = Number(/([-\d.]+)em/.exec(t.getAttribute('y') ?? '')?.[1] ?? 0);
      const base = y + em * size;
      const w = textWidth(t.textContent ?? '', size);
      const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      boxes.push({
        text: t.textContent ?? '',
        x0,
        x1: x0 + w,
        y0: base - 0.8 * size,
        y1: base + 0.2 * size,
      });
    }
  }
  return boxes;
}

describe('labels', () => {
  for (const width of [320, 375, 480, 680, 1024, 1280])
    for (const state of FLIP_STATES)
      it(`no label overlaps another or leaves the drawing at ${width} px, state ${state}`, () => {
        const boxes = labelBoxes(renderSvg(chart, width, state));
        expect(boxes.length).toBeGreaterThanOrEqual(3);
        for (const b of boxes) {
          expect(b.x0, b.text).toBeGreaterThanOrEqual(0);
          expect(b.x1, b.text).toBeLessThanOrEqual(width);
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
          }
      });
});
