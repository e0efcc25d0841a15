/**
 * The weekly-tokens chart's generated description: its verbs follow the sign of each change
 * (issue 12: with China's latest week at 3.5T it used to say China's total "rose" from 4.12T).
 */
import { describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/charts/types.ts';
import { derive, headlines } from '../../src/pipeline/derive/index.ts';
import type { RawDatasets } from '../../src/pipeline/datasets.ts';
import { loadFixture, wordedChart } from './fixture.ts';

/** The fixture with the latest media week's China and U.S. totals replaced. */
function withLatest(cn: number, us: number): SiteData {
  const fixture = loadFixture();
  const raw = structuredClone(fixture.datasets) as RawDatasets;
  // The latest week both sides were reported (the description compares reported figures).
  const latest = raw['weekly-tokens']
    .filter((r) => r.origin === 'CN' && r.status === 'reported')
    .at(-1)!.week_start;
  for (const r of raw['weekly-tokens']) {
    if (r.week_start === latest && r.origin === 'CN') r.tokens = cn;
    if (r.week_start === latest && r.origin === 'US') r.tokens = us;
  }
  const d = derive(raw);
  return { ...fixture, datasets: raw, derived: { ...d, headlines: headlines(d) } };
}

describe('weekly-tokens description', () => {
  it('says "rose" for both sides when both totals grew (the published data)', () => {
    const { description } = wordedChart(loadFixture(), 'weekly-tokens');
    expect(description).toContain(
      "China's total rose from 4.12T in 9–15 February 2026 to 9.22T in 18–24 May 2026",
    );
    expect(description).toContain('while the U.S. total rose from 2.94T to 4.93T');
  });

  it('says "fell" when China’s latest total is below its first (4.12T -> 3.5T), and the U.S. one likewise', () => {
    const { description } = wordedChart(
      withLatest(3_500_000_000_000, 2_000_000_000_000),
      'weekly-tokens',
    );
    expect(description).toContain(
      "China's total fell from 4.12T in 9–15 February 2026 to 3.5T in 18–24 May 2026",
    );
    expect(description).toContain('while the U.S. total fell from 2.94T to 2T');
    expect(description).not.toMatch(/rose from/);
  });

  it('says "rose from 4.12T to 4T" nowhere: a fall to 4T reads as a fall', () => {
    const { description } = wordedChart(
      withLatest(4_000_000_000_000, 1_000_000_000_000),
      'weekly-tokens',
    );
    expect(description).toContain(
      "China's total fell from 4.12T in 9–15 February 2026 to 4T in 18–24 May 2026",
    );
  });

  it('says the total was the same in both weeks when it did not move', () => {
    const { description } = wordedChart(
      withLatest(4_120_000_000_000, 2_940_000_000_000),
      'weekly-tokens',
    );
    expect(description).toContain(
      "China's total was 4.12T in both 9–15 February 2026 and 18–24 May 2026",
    );
    expect(description).toContain('while the U.S. total was unchanged at 2.94T');
  });
});
