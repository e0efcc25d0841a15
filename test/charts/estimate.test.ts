/**
 * One way to show uncertainty (issue 24; src/charts/estimate.ts). Walks every chart's rows and
 * its drawing at both widths: every estimated row is drawn hollow (in an estimate-mark group,
 * filled with the background, outlined in colour) and no reported row is; the tooltips say
 * which kind of estimate a hollow mark is; and no chart draws uncertainty any other way (a
 * hollow or half-filled mark outside the estimate groups, a dashed "derived" link).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  ESTIMATE_CLASS,
  ESTIMATE_LABEL,
  ESTIMATE_WORDS,
  ESTIMATES,
  hasEstimates,
  REPORTED_CLASS,
} from '../../src/charts/estimate.ts';
import { buildCharts } from '../../src/charts/index.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { cssVar } from '../../src/lib/palette.ts';
import { loadFixture } from './fixture.ts';

const data = loadFixture();
const charts = buildCharts(data);
const HOLLOW = cssVar('bg');
const WIDTHS = [640, 360];
/** Any kind's words, as tooltips quote them. */
const KIND_WORDS = new RegExp(
  ESTIMATES.flatMap((k) => [ESTIMATE_LABEL[k], ESTIMATE_WORDS[k]])
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);
/** Charts whose every row is drawn in the default state: there, every estimated row must have
 *  its hollow mark (elsewhere a state or a zoom may leave rows out of view). */
const ALL_ROWS_DRAWN = new Set([
  'share-by-method',
  'author-shares',
  'weekly-tokens',
  'policy-usage',
  'prices',
]);
/** Hollow marks that mean something other than an estimate, and what they mean (no chart may
 *  draw a faint dot: it reads as an estimate too). None today: prices tells input from output
 *  by shape, and tool-calls draws its daily captures solid. */
const OTHER_HOLLOW: Record<string, string> = {};

type El = { tagName: string; getAttribute(n: string): string | null; parentNode: unknown };
const attr = (el: El, name: string): string | null =>
  el.getAttribute(name) ?? (el.parentNode as El | null)?.getAttribute?.(name) ?? null;
const marksIn = (doc: Document, selector: string): El[] =>
  [...doc.querySelectorAll(`${selector} > circle, ${selector} > path`)] as unknown as El[];
const titleOf = (el: El): string =>
  ((el as unknown as Element).querySelector('title')?.textContent ?? '').trim();

function draw(chartId: string, width: number): Document {
  const chart = charts.find((c) => c.id === chartId)!;
  return parseHTML(`<!doctype html><html><body>${renderSvg(chart, width)}</body></html>`)
    .document as unknown as Document;
}

describe('estimates are drawn one way in every chart', () => {
  it('the charts that plot estimates say so (share-flip, share-by-method, weekly-tokens, author-shares, policy-usage)', () => {
    const withEstimates = charts.filter((c) => hasEstimates(c)).map((c) => c.id);
    expect(withEstimates).toEqual(
      expect.arrayContaining([
        'share-flip',
        'share-by-method',
        'weekly-tokens',
        'author-shares',
        'policy-usage',
      ]),
    );
  });

  for (const chart of charts)
    for (const width of WIDTHS)
      it(`${chart.id} at ${width}px: estimated rows hollow, reported rows filled, nothing else hollow`, () => {
        const doc = draw(chart.id, width);
        const est = marksIn(doc, `g.${ESTIMATE_CLASS}`);
        const rep = marksIn(doc, `g.${REPORTED_CLASS}`);
        for (const el of est) {
          expect(attr(el, 'fill'), `${chart.id}: estimate fill`).toBe(HOLLOW);
          expect(attr(el, 'stroke'), `${chart.id}: estimate outline`).not.toMatch(
            /^(none|var\(--c-bg\))?$/,
          );
          const t = titleOf(el);
          if (t)
            expect(t, `${chart.id}: a hollow mark's tooltip names its kind`).toMatch(KIND_WORDS);
        }
        for (const el of rep) {
          expect(attr(el, 'fill'), `${chart.id}: reported fill`).not.toMatch(
            /^(none|var\(--c-bg\))$/,
          );
          const t = titleOf(el);
          if (t) expect(t, `${chart.id}: a filled mark's tooltip`).not.toMatch(KIND_WORDS);
        }
        if (!chart.estimate) expect(est.length + rep.length, `${chart.id}`).toBe(0);
        if (hasEstimates(chart) && width === 640) expect(est.length).toBeGreaterThan(0);
        if (ALL_ROWS_DRAWN.has(chart.id)) {
          const estimated = chart.rows.filter((r) => chart.estimate!(r) !== null).length;
          expect(
            est.length,
            `${chart.id}: a hollow mark for every estimated row`,
          ).toBeGreaterThanOrEqual(estimated);
        }
        // No other symbol for uncertainty: no hollow or half-filled dot outside the estimate
        // groups (keys excepted), no dashed "derived" link.
        const dots = [...doc.querySelectorAll('g[aria-label="dot"]')] as unknown as Element[];
        for (const g of dots) {
          if (g.classList.contains(ESTIMATE_CLASS) || g.classList.contains('key')) continue;
          for (const el of [
            ...g.querySelectorAll(':scope > circle, :scope > path'),
          ] as unknown as El[]) {
            const fill = attr(el, 'fill');
            if (!(chart.id in OTHER_HOLLOW))
              expect(fill, `${chart.id}: a hollow mark outside the estimate groups`).not.toBe(
                HOLLOW,
              );
            expect(Number(attr(el, 'fill-opacity') ?? 1), `${chart.id}: a half-filled mark`).toBe(
              1,
            );
          }
        }
        expect(doc.querySelectorAll('.derived, .dot-secondary, .dot-derived').length).toBe(0);
      });
});
