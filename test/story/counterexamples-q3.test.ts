/** The counterexamples of the claims added with the data to October 2026 make their claims fail
 *  (and the published data make them hold). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/charts/types.ts';
import { derive, headlines } from '../../src/pipeline/derive/index.ts';
import type { RawDatasets } from '../../src/pipeline/datasets.ts';
import { computeStory } from '../../src/story/facts.ts';
import { counterexamples as flip } from '../../src/story/figures/flip.counterexamples.ts';
import { counterexamples as next } from '../../src/story/figures/next.counterexamples.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;

function holds(claim: string, edit: (raw: RawDatasets) => void = () => {}): boolean | undefined {
  const raw = structuredClone(fixture.datasets);
  edit(raw);
  const d = derive(raw);
  const data = { ...fixture, datasets: raw, derived: { ...d, headlines: headlines(d) } };
  return computeStory(data).claims.find((c) => c.id === claim)?.holds;
}

describe('counterexamples of the claims about the outlets’ reports', () => {
  for (const c of [...flip, ...next]) {
    it(`${c.claim} holds on the data and fails when ${c.name}`, () => {
      expect(holds(c.claim)).toBe(true);
      expect(holds(c.claim, c.edit)).toBe(false);
    });
  }
});
