/**
 * The measured "why" (src/story/figures/why.ts): every claim holds on the published data, and
 * each fails under its declared counterexample (why.counterexamples.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/charts/types.ts';
import { derive, headlines } from '../../src/pipeline/derive/index.ts';
import type { RawDatasets } from '../../src/pipeline/datasets.ts';
import { computeStory } from '../../src/story/facts.ts';
import { counterexamples } from '../../src/story/figures/why.counterexamples.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;

function storyFrom(edit: (raw: RawDatasets) => void = () => {}) {
  const raw = structuredClone(fixture.datasets);
  edit(raw);
  const d = derive(raw);
  return computeStory({ ...fixture, datasets: raw, derived: { ...d, headlines: headlines(d) } });
}

const base = storyFrom();
const whyClaims = base.claims.filter((c) => c.id.startsWith('why-'));

describe('the measured why', () => {
  it('makes its claims, and every one holds on the published data', () => {
    expect(whyClaims.length).toBeGreaterThanOrEqual(10);
    expect(whyClaims.filter((c) => !c.holds).map((c) => `${c.id}: ${c.figures}`)).toEqual([]);
  });

  it('declares a counterexample for every claim', () => {
    expect(new Set(counterexamples.map((c) => c.claim))).toEqual(
      new Set(whyClaims.map((c) => c.id)),
    );
  });

  for (const cx of counterexamples)
    it(`${cx.claim} fails when ${cx.name}`, () => {
      const claim = storyFrom(cx.edit).claims.find((c) => c.id === cx.claim);
      expect(claim, `claim ${cx.claim} is made`).toBeDefined();
      expect(claim!.holds, `${cx.claim} still holds: ${claim!.figures}`).toBe(false);
    });

  it('gives the figures the sections lead with', () => {
    const f = base.facts;
    // Checked against derived.why for the data of 20 May to 11 September 2026.
    expect(f.whyLatestWeek).toBe('31 August – 6 September 2026');
    expect(f.whyFirstWeek).toBe('25–31 May 2026');
    expect(f.whyCnCheapPct).toBe('65%');
    expect(f.whyUsCheapPct).toBe('63%');
    expect(f.whyUsCheapPctFirst).toBe('29%');
    expect(f.whyShareFirst).toBe('53.4%');
    expect(f.whyShareLatest).toBe('66.8%');
    expect(f.whyShiftPp).toBe('13.4 points');
    expect(f.whyShiftModels).toMatch(/^tencent\/hy4-preview \(new, China, \+6\.9 points/);
    expect(f.whySnapshotGapMin).toBe('14');
  });
});
