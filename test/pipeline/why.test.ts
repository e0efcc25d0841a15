/**
 * The measured "why" on hand-made inputs, every expected figure worked out by hand in the
 * comments; and the share decomposition's exactness on the project's own data.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  apiDailyTokens,
  labs as labsSpec,
  type ApiDailyTokenRow,
  type ApiModelPriceRow,
  type AppClassRow,
  type AppRow,
  type LabRow,
  type ModelPriceRow,
} from '../../src/pipeline/datasets.ts';
import { appClassShares } from '../../src/pipeline/derive/app-classes.ts';
import {
  contextBand,
  priceBand,
  priceMix,
  weightedMedian,
} from '../../src/pipeline/derive/price-mix.ts';
import { shareShift, wholeWeeks } from '../../src/pipeline/derive/share-shift.ts';
import { stealthWeeks } from '../../src/pipeline/derive/stealth.ts';
import { loadDataset } from '../../src/pipeline/load.ts';
import { apiRow, labRow } from './rows.ts';

const lab = labRow;
const LABS = [lab('minimax', 'CN'), lab('google', 'US'), lab('openrouter', 'undisclosed')];

const row = apiRow;

const price = (
  permaslug: string,
  status: ApiModelPriceRow['price_status'],
  input: number | null,
  output: number | null,
  ctx: number | null,
): ApiModelPriceRow => ({
  permaslug,
  model_id: null,
  price_status: status,
  input_usd_per_mtok: input,
  output_usd_per_mtok: output,
  context_tokens: ctx,
  priced_from: null,
  reason: status === 'unpriced' ? 'test' : null,
  raw_file: 'x',
  note: null,
  source_ids: ['x'],
});

describe('price mix (tokens by price band, weighted median and mean, context bands)', () => {
  const rows = [
    row('2026-06-01', 'minimax/a', 600),
    row('2026-06-01', 'minimax/b:free', 200),
    row('2026-06-02', 'minimax/c', 200),
    row('2026-06-01', 'google/g', 300),
    row('2026-06-02', 'google/h', 100),
    row('2026-06-02', 'other', 1000),
  ];
  const prices = [
    price('minimax/a', 'snapshot', 0.3, 1.2, 1_048_576),
    price('minimax/b:free', 'free-variant', 0, 0, null),
    price('minimax/c', 'unpriced', null, null, null),
    price('google/g', 'snapshot', 0.5, 3, 1_000_000),
    price('google/h', 'snapshot', 5, 25, 200_000),
  ];
  const mix = priceMix(rows, prices, LABS, 10);
  const week = (o: string) => mix.weeks.find((w) => w.origin === o)!;

  it('puts free, cheap and unpriced tokens in their bands; unpriced stays counted', () => {
    // China: 1,000 tokens; a at (10*0.3+1.2)/11 = 0.3818 (under $0.50), b free, c unpriced.
    const cn = week('CN');
    expect(cn.tokens).toBe(1000);
    expect(cn.days).toBe(2);
    expect(cn.band_pct).toEqual({
      free: 20,
      'under-0.5': 60,
      '0.5-to-3': 0,
      'over-3': 0,
      unpriced: 20,
    });
    expect(cn.free_pct).toBe(20);
    expect(cn.unpriced_tokens).toBe(200);
    // Mean over the 800 priced tokens: 600 * 0.3818 / 800 = 0.28636; median: 200 at 0 < 400.
    expect(cn.mean_blended).toBeCloseTo((600 * (4.2 / 11)) / 800, 10);
    expect(cn.median_blended).toBeCloseTo(4.2 / 11, 10);
    // Context: a is 1M+, b and c have no known window.
    expect(cn.context_pct['1m-plus']).toBe(60);
    expect(cn.context_pct.unknown).toBe(40);
  });

  it('gives the U.S. side its own bands, mean and median', () => {
    // g: (5+3)/11 = 0.7273 ($0.50-$3), h: (50+25)/11 = 6.818 (over $3); 300 and 100 tokens.
    const us = week('US');
    expect(us.band_pct['0.5-to-3']).toBe(75);
    expect(us.band_pct['over-3']).toBe(25);
    expect(us.mean_blended).toBeCloseTo(2.25, 10); // (300*8/11 + 100*75/11) / 400 = 900/400
    expect(us.median_blended).toBeCloseTo(8 / 11, 10);
    expect(us.context_pct['1m-plus']).toBe(75);
    expect(us.context_pct['200k-to-1m']).toBe(25);
  });

  it('leaves the `other` row out, and states the gap to the snapshot', () => {
    expect(mix.weeks.reduce((t, w) => t + w.tokens, 0)).toBe(1400);
    expect(mix.first_day).toBe('2026-06-01');
    expect(mix.gap_days_max).toBe(116); // 29 days of June left + 31 + 31 + 25
    expect(mix.gap_days_min).toBe(115);
    expect(mix.missing).toEqual([]);
  });

  it('moves a model across a band edge when the mix changes', () => {
    // At 3:1, a is (0.9+1.2)/4 = 0.525: over $0.50.
    const cn = priceMix(rows, prices, LABS, 3).weeks.find((w) => w.origin === 'CN')!;
    expect(cn.band_pct['0.5-to-3']).toBe(60);
    expect(cn.band_pct['under-0.5']).toBe(0);
  });

  it('counts a model with no price row as unpriced and names it', () => {
    const m = priceMix([...rows, row('2026-06-02', 'google/new', 100)], prices, LABS, 10);
    expect(m.missing).toEqual(['google/new']);
    expect(m.weeks.find((w) => w.origin === 'US')!.band_pct.unpriced).toBe(20);
  });

  it('bands and the weighted median at their edges', () => {
    expect(priceBand(0.5, false)).toBe('0.5-to-3');
    expect(priceBand(3, false)).toBe('0.5-to-3');
    expect(priceBand(3.01, false)).toBe('over-3');
    expect(priceBand(0, false)).toBe('free');
    expect(priceBand(null, true)).toBe('unpriced');
    expect(contextBand(199_999)).toBe('under-200k');
    expect(contextBand(200_000)).toBe('200k-to-1m');
    expect(contextBand(1_000_000)).toBe('1m-plus');
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 2, weight: 1 },
      ]),
    ).toBe(1);
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 5, weight: 3 },
      ]),
    ).toBe(5);
    expect(weightedMedian([])).toBeNull();
  });
});

describe('share shift: per-model parts of the change in China’s share of the pair', () => {
  // Week A: CN m1 300, US u1 100 -> 75%. Week B: CN m1 300 + m2 200, US u1 100 + u2 400 -> 50%.
  const rows = [
    row('2026-06-01', 'minimax/m1', 300),
    row('2026-06-01', 'google/u1', 100),
    row('2026-06-01', 'openrouter/s', 999),
    row('2026-06-01', 'other', 999),
    row('2026-06-08', 'minimax/m1', 300),
    row('2026-06-09', 'minimax/m2', 200),
    row('2026-06-08', 'google/u1', 100),
    row('2026-06-10', 'google/u2', 400),
  ];
  const s = shareShift(rows, LABS, '2026-06-01', '2026-06-08');
  const pp = (slug: string) => s.models.find((m) => m.permaslug === slug)!.pp;

  it('gives each model half its change in pair share, signed by side', () => {
    expect(s.share_a).toBe(75);
    expect(s.share_b).toBe(50);
    expect(s.change_pp).toBeCloseTo(-25, 9);
    expect(pp('minimax/m1')).toBeCloseTo(-22.5, 9); // (30% - 75%) / 2
    expect(pp('minimax/m2')).toBeCloseTo(10, 9); // (20% - 0) / 2
    expect(pp('google/u1')).toBeCloseTo(7.5, 9); // -(10% - 25%) / 2
    expect(pp('google/u2')).toBeCloseTo(-20, 9); // -(40% - 0) / 2
    expect(s.models.map((m) => m.permaslug)).toEqual([
      'minimax/m1',
      'google/u2',
      'minimax/m2',
      'google/u1',
    ]);
    expect(s.by_presence.new).toBeCloseTo(-10, 9);
    expect(s.by_presence.both).toBeCloseTo(-15, 9);
    expect(s.by_presence.gone).toBe(0);
  });

  it('adds up exactly (integer fractions over one denominator)', () => {
    expect(s.models.reduce((t, m) => t + BigInt(m.num), 0n)).toBe(BigInt(s.change_num));
  });

  it('adds up exactly on the project’s own Data API rows, first whole week to latest', async () => {
    const dataDir = fileURLToPath(new URL('../../data', import.meta.url));
    const api: ApiDailyTokenRow[] = [];
    const labs: LabRow[] = [];
    await loadDataset(labsSpec, dataDir, {}, (r) => labs.push(r as LabRow));
    await loadDataset(apiDailyTokens, dataDir, {}, (r) => api.push(r as ApiDailyTokenRow));
    const weeks = wholeWeeks(api);
    expect(weeks.length).toBeGreaterThanOrEqual(2);
    const real = shareShift(api, labs, weeks[0]!, weeks.at(-1)!);
    expect(real.models.reduce((t, m) => t + BigInt(m.num), 0n)).toBe(BigInt(real.change_num));
    // And the exact change is the difference of the two shares.
    expect(real.change_pp).toBeCloseTo(real.share_b - real.share_a, 9);
  });

  it('finds whole weeks only', () => {
    const days = Array.from({ length: 9 }, (_, i) => row(`2026-06-0${i + 1}`, 'minimax/m1', 1));
    expect(wholeWeeks(days)).toEqual(['2026-06-01']);
  });
});

describe('stealth weeks', () => {
  const prices = [
    { model_id: 'openrouter/hunter-alpha', revealed_as: 'minimax' },
  ] as unknown as ModelPriceRow[];
  it('shows the share as published and with a later attribution', () => {
    // Published: CN 100, US 100 -> 50%. Attributed: hunter-alpha (100) is CN -> 200/300.
    const w = stealthWeeks(
      [
        row('2026-06-01', 'minimax/m1', 100),
        row('2026-06-01', 'google/u1', 100),
        row('2026-06-02', 'openrouter/hunter-alpha-20260601', 100),
        row('2026-06-02', 'openrouter/owl', 50),
      ],
      prices,
      LABS,
    );
    expect(w).toHaveLength(1);
    expect(w[0]!.stealth_tokens).toBe(150);
    expect(w[0]!.attributed_tokens).toBe(100);
    expect(w[0]!.cn_share_published).toBe(50);
    expect(w[0]!.cn_share_attributed).toBeCloseTo(200 / 3, 10);
    // Bounds: all 150 stealth tokens Chinese (250 of 350) or American (100 of 350).
    expect(w[0]!.cn_share_if_cn).toBeCloseTo((100 * 250) / 350, 10);
    expect(w[0]!.cn_share_if_us).toBeCloseTo((100 * 100) / 350, 10);
  });
});

describe('app classes', () => {
  const app = (name: string, tokens: number, requests: number): AppRow => ({
    snapshot_date: '2026-05-01',
    fetched_at_utc: '2026-05-01T00:00:00Z',
    rank: 1,
    name,
    tokens,
    requests,
    categories: null,
    source_file: 'x',
  });
  const cls = (a: string, c: AppClassRow['app_class']): AppClassRow => ({
    app: a,
    app_class: c,
    tags_seen: null,
    rule: 'x',
    source_ids: ['x'],
  });
  it('splits the listed apps’ tokens by class, with tokens per request', () => {
    const [c] = appClassShares(
      [app('A', 600, 2), app('B', 300, 3), app('C', 100, 10), app('D', 0, 1)],
      [cls('A', 'personal-agent'), cls('B', 'coding-agent'), cls('C', 'chat-roleplay')],
    );
    expect(c!.share_pct['personal-agent']).toBe(60);
    expect(c!.share_pct['coding-agent']).toBe(30);
    expect(c!.share_pct['chat-roleplay']).toBe(10);
    expect(c!.tokens_per_request['personal-agent']).toBe(300);
    expect(c!.tokens_per_request['chat-roleplay']).toBe(10);
    expect(c!.tokens_per_request.unclassified).toBe(0); // D: no class row, counted as unclassified
    expect(c!.missing).toEqual(['D']);
  });
});
