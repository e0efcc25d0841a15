/**
 * The key of reported vs estimated marks is explained once on the article (after its first
 * chart with estimates), in full on the methodology page, and on the embed page of every chart
 * that plots an estimate, and of no other (src/components/EstimateKey.astro; issue 24).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESTIMATE_KEY, ESTIMATES, ESTIMATE_DEFINITION } from '../../src/charts/estimate.ts';
import { hasEstimates } from '../../src/charts/estimate.ts';
import { buildCharts } from '../../src/charts/index.ts';
import { siteData } from '../../src/publish/site/site-data.ts';
import { DIST } from './helpers.ts';

const read = (p: string) => readFileSync(`${DIST}/${p}`, 'utf8');
const keys = (html: string) => html.match(/data-estimate-key/g)?.length ?? 0;
const charts = buildCharts(siteData);

describe('the estimate key', () => {
  it('appears once on the article, right after the first chart that draws an estimate', () => {
    const html = read('index.html');
    expect(keys(html)).toBe(1);
    const first = charts.find((c) => hasEstimates(c) && html.includes(`data-chart="${c.id}"`))!;
    const at = html.indexOf('data-estimate-key');
    expect(html.indexOf(`data-chart="${first.id}"`)).toBeLessThan(at);
    // No other chart starts between that chart and the key.
    const between = html.slice(html.indexOf(`data-chart="${first.id}"`), at);
    expect(between.match(/<figure[^>]*data-chart="([^"]+)"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(html).toContain(ESTIMATE_KEY.reported);
  });

  it('defines every kind on the methodology page', () => {
    const html = read('methodology/index.html');
    expect(html).toContain('id="estimates"');
    const text = html.replaceAll('&#39;', "'").replaceAll('&amp;', '&');
    for (const k of ESTIMATES) expect(text).toContain(ESTIMATE_DEFINITION[k]);
  });

  it('shows on the embed of a chart with estimates, and only there', () => {
    const built = readdirSync(`${DIST}/embed`).filter((d) => !d.includes('.'));
    expect(built.length).toBeGreaterThan(0);
    for (const id of built) {
      const chart = charts.find((c) => c.id === id);
      if (!chart) continue;
      expect(keys(read(`embed/${id}/index.html`)), id).toBe(hasEstimates(chart) ? 1 : 0);
    }
  });
});
