/** Derivations on small hand-made inputs: every figure checked against arithmetic done here. */
import { describe, expect, it } from 'vitest';
import type {
  AppRow,
  LabRow,
  MarketShareRow,
  ModelCaptureRow,
  ModelPriceRow,
  ToolCallRow,
  WeeklyTokenRow,
} from '../../src/pipeline/datasets.ts';
import { marketShare, weeklyTokens } from '../../src/pipeline/datasets.ts';
import { appIntensity, toolCallSplit } from '../../src/pipeline/derive/agents.ts';
import {
  groupCaptures,
  lastBeforeReset,
  WHOLE_WEEK_GAP_HOURS,
  type Capture,
} from '../../src/pipeline/derive/captures.ts';
import { derive, headlines, type Headline } from '../../src/pipeline/derive/index.ts';
import { CONTINUITY_SPAN_HOURS } from '../../src/pipeline/quality/judge.ts';
import { blendedPrice, pricePoints, sessionCost } from '../../src/pipeline/derive/prices.ts';
import { BLEND_INPUT_PER_OUTPUT, PRICE_REFERENCE_MODEL } from '../../src/lib/story-settings.ts';
import { adjacentWeeks, leadSeries } from '../../src/pipeline/derive/streaks.ts';
import {
  authorWeeks,
  mediaWeeks,
  modelWeeks,
  type WeekPoint,
} from '../../src/pipeline/derive/weeks.ts';
import { changeReport, diffRows } from '../../src/pipeline/report.ts';

const lab = (
  slug: string,
  origin: LabRow['origin'],
  revealed_as: string | null = null,
): LabRow => ({
  slug,
  lab: slug,
  origin,
  revealed_as,
  revealed_on: null,
  note: null,
  source_ids: ['desk'],
});
const LABS: LabRow[] = [
  lab('minimax', 'CN'),
  lab('xiaomi', 'CN'),
  lab('google', 'US'),
  lab('openai', 'US'),
  lab('mistralai', 'other'),
  lab('openrouter', 'undisclosed'),
  lab('hunter', 'undisclosed', 'xiaomi'),
];

const week = (
  week_start: string,
  week_end: string,
  origin: 'CN' | 'US' | 'all',
  tokens: number,
  extra: Partial<WeeklyTokenRow> = {},
): WeeklyTokenRow => ({
  week_start,
  week_end,
  origin,
  tokens,
  wow_change_pct: null,
  status: 'reported',
  formula: null,
  derived_from: null,
  scope: 'leaderboard sum',
  source_ids: ['src-a'],
  note: null,
  ...extra,
});

/** fetched_at_utc for day d of March 2026 at hour h. */
const at = (d: number, h = 7) =>
  `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
const share = (
  t: string,
  rank: number,
  author: string,
  tokens: number,
  share_pct: number,
): MarketShareRow => ({
  snapshot_date: t.slice(0, 10),
  fetched_at_utc: t,
  rank,
  author,
  tokens,
  share_pct,
  source_file: `data/${t.slice(0, 10)}/rankings.json`,
});

describe('mediaWeeks', () => {
  it("pairs CN and US rows per week, in week order, with China's share of the pair", () => {
    const w = mediaWeeks([
      week('2026-02-09', '2026-02-15', 'US', 3e12),
      week('2026-02-02', '2026-02-08', 'CN', 1e12),
      week('2026-02-09', '2026-02-15', 'CN', 4.5e12, { source_ids: ['src-a', 'src-b'] }),
      week('2026-02-02', '2026-02-08', 'US', 3e12),
    ]);
    expect(w.map((p) => [p.week_start, p.week_end, p.cn, p.us])).toEqual([
      ['2026-02-02', '2026-02-08', 1e12, 3e12],
      ['2026-02-09', '2026-02-15', 4.5e12, 3e12],
    ]);
    expect(w[0]!.cn_share).toBe(25);
    expect(w[1]!.cn_share).toBeCloseTo(60, 10);
    expect(w[1]!.source_ids).toEqual(['src-a', 'src-b']);
    expect(
      w.every(
        (p) =>
          p.status === 'reported' && p.formula === 'share = CN / (CN + US)' && p.method === 'media',
      ),
    ).toBe(true);
  });

  it("marks a week derived when either side is derived and records that side's formula", () => {
    const [p] = mediaWeeks([
      week('2026-03-02', '2026-03-08', 'CN', 4193866000000, {
        status: 'derived',
        formula: '4.69T / (1 + 11.83%)',
      }),
      week('2026-03-02', '2026-03-08', 'US', 3632955000000, {
        status: 'derived',
        formula: '3.294T / (1 − 9.33%)',
      }),
    ]);
    expect(p!.status).toBe('derived');
    expect(p!.formula).toBe(
      'share = CN / (CN + US); CN: 4.69T / (1 + 11.83%); US: 3.294T / (1 − 9.33%)',
    );
  });

  it('leaves the share empty when one side is missing, and ignores "all" rows for the pair', () => {
    const [p] = mediaWeeks([
      week('2026-05-04', '2026-05-10', 'all', 25.7e12),
      week('2026-05-04', '2026-05-10', 'US', 5e12),
    ]);
    expect(p).toMatchObject({ cn: null, us: 5e12, cn_share: null, other: null });
  });
});

describe('captures: groupCaptures and lastBeforeReset', () => {
  const cap = (t: string, total: number): Capture<MarketShareRow> => ({
    fetched_at_utc: t,
    snapshot_date: t.slice(0, 10),
    rows: [share(t, 1, 'xiaomi', total, 10)],
  });
  const total = (rs: readonly MarketShareRow[]) => rs.reduce((s, r) => s + r.tokens, 0);

  it('groups consecutive rows of one fetch time into one capture', () => {
    const rows = [
      share(at(1), 1, 'xiaomi', 5, 1),
      share(at(1), 2, 'google', 4, 1),
      share(at(2), 1, 'google', 3, 1),
    ];
    expect(groupCaptures(rows).map((c) => [c.fetched_at_utc, c.rows.map((r) => r.rank)])).toEqual([
      [at(1), [1, 2]],
      [at(2), [1]],
    ]);
  });

  it('keeps the last capture before each fall of the counter, whole when the next came within the gap', () => {
    const caps = [
      cap(at(1), 10),
      cap(at(2), 20),
      cap(at(2, 19), 5),
      cap(at(3), 8),
      cap(at(5, 8), 3),
      cap(at(6), 4),
    ];
    const out = lastBeforeReset(caps, total);
    // at(2)->at(2,19): 12 h, whole; at(3)->at(5,8): 49 h, partial; the last capture is partial (no reset seen yet)
    expect(out.map((c) => [c.fetched_at_utc, c.whole])).toEqual([
      [at(2), true],
      [at(3), false],
      [at(6), false],
    ]);
  });

  it(`counts a gap of exactly WHOLE_WEEK_GAP_HOURS (${WHOLE_WEEK_GAP_HOURS} h) as whole, a minute more as partial`, () => {
    const exact = lastBeforeReset(
      [
        cap('2026-03-01T00:00:00Z', 10),
        cap(`2026-03-02T${String(WHOLE_WEEK_GAP_HOURS - 24).padStart(2, '0')}:00:00Z`, 1),
      ],
      total,
    );
    expect(exact[0]!.whole).toBe(true);
    const over = lastBeforeReset(
      [
        cap('2026-03-01T00:00:00Z', 10),
        cap(`2026-03-02T${String(WHOLE_WEEK_GAP_HOURS - 24).padStart(2, '0')}:01:00Z`, 1),
      ],
      total,
    );
    expect(over[0]!.whole).toBe(false);
  });

  // FACT-CHECK-2 E11: the author captures of 1, 7 and 8 April 2026 (sums 10.2T, 7.5T, 10.6T).
  // The fall from 1 to 7 April does not persist to 8 April, yet six days lie between: the new
  // week counted more days by 8 April than the old one had by 1 April. The rule used to drop it.
  it('counts a fall that recovers only beyond CONTINUITY_SPAN_HOURS as a reset (1 -> 7 April)', () => {
    const caps = [
      cap('2026-03-31T07:07:00Z', 6.6),
      cap('2026-04-01T07:15:00Z', 10.2),
      cap('2026-04-07T07:10:00Z', 7.5),
      cap('2026-04-08T07:12:00Z', 10.6),
      cap('2026-04-09T07:16:00Z', 13.2),
    ];
    expect(lastBeforeReset(caps, total).map((c) => [c.fetched_at_utc, c.whole])).toEqual([
      ['2026-04-01T07:15:00Z', false],
      ['2026-04-09T07:16:00Z', false],
    ]);
  });

  it(`still reads a fall that recovers within CONTINUITY_SPAN_HOURS (${CONTINUITY_SPAN_HOURS} h) as no reset`, () => {
    const caps = [
      cap('2026-04-01T00:00:00Z', 10),
      cap('2026-04-02T00:00:00Z', 4),
      cap(`2026-04-04T${String(CONTINUITY_SPAN_HOURS - 72).padStart(2, '0')}:00:00Z`, 12),
    ];
    expect(lastBeforeReset(caps, total).map((c) => c.fetched_at_utc)).toEqual([
      `2026-04-04T${String(CONTINUITY_SPAN_HOURS - 72).padStart(2, '0')}:00:00Z`,
    ]);
  });

  it('returns a single capture as a partial week and nothing for no captures', () => {
    expect(lastBeforeReset([cap(at(1), 1)], total).map((c) => c.whole)).toEqual([false]);
    expect(lastBeforeReset([], total)).toEqual([]);
  });
});

describe('authorWeeks and modelWeeks', () => {
  it('sums tokens and shares by origin; other, undisclosed and unknown authors count as other', () => {
    const rows = [
      share(at(1), 1, 'xiaomi', 400, 20),
      share(at(1), 2, 'google', 300, 15),
      share(at(1), 3, 'minimax', 100, 5.04),
      share(at(1), 4, 'mistralai', 50, 2.5),
      share(at(1), 5, 'openrouter', 30, 1.5),
      share(at(1), 6, 'not-in-labs', 20, 1),
      share(at(1), 7, 'hunter', 10, 0.5), // revealed stealth: still undisclosed as published
      share(at(2), 1, 'google', 10, 20), // reset, 24 h later
    ];
    const [w, current] = authorWeeks(rows, LABS);
    expect(w).toMatchObject({
      method: 'authors',
      week_start: null,
      week_end: '2026-03-01',
      fetched_at_utc: at(1),
      status: 'derived',
      cn: 500,
      us: 300,
      other: 110,
      cn_pct_of_all: 25,
      us_pct_of_all: 15,
      source_ids: ['or-rankings-captures'],
    });
    expect(w!.cn_share).toBeCloseTo(62.5, 10);
    expect(current).toMatchObject({ week_end: '2026-03-02', cn: 0, us: 10, status: 'partial' });
  });

  it("modelWeeks counts models by their author's origin and has no share of all", () => {
    const m = (t: string, rank: number, author: string, tokens: number): ModelCaptureRow => ({
      snapshot_date: t.slice(0, 10),
      fetched_at_utc: t,
      rank,
      model_id: `${author}/m${rank}`,
      name: `M${rank}`,
      author,
      slug: `m${rank}`,
      tokens,
      share_pct: 1,
      change: null,
      source_file: 'data/2026-03-01/rankings.json',
    });
    const [w] = modelWeeks(
      [
        m(at(1), 1, 'minimax', 70),
        m(at(1), 2, 'openai', 20),
        m(at(1), 3, 'openrouter', 10),
        m(at(2), 1, 'openai', 5),
      ],
      LABS,
    );
    expect(w).toMatchObject({
      method: 'models',
      cn: 70,
      us: 20,
      other: 10,
      cn_pct_of_all: null,
      us_pct_of_all: null,
      status: 'derived',
    });
    expect(w!.cn_share).toBeCloseTo(77.78, 2);
  });
});

describe('leadSeries', () => {
  const pt = (week_end: string, cn: number | null, us: number | null): WeekPoint => ({
    method: 'media',
    week_start: null,
    week_end,
    cn,
    us,
    other: null,
    cn_share: null,
    cn_pct_of_all: null,
    us_pct_of_all: null,
    status: 'reported',
    formula: '',
    fetched_at_utc: null,
    source_ids: [],
  });

  it('counts a streak over adjacent weeks and restarts it after a missing week', () => {
    const s = leadSeries([
      pt('2026-02-08', 3, 2),
      pt('2026-02-15', 4, 2),
      pt('2026-02-22', 5, 2), // three weeks in a row
      pt('2026-03-08', 6, 2), // 1 March missing: the run restarts
      pt('2026-03-15', 6, 7),
      pt('2026-03-22', 7, 7),
      pt('2026-03-29', null, 7),
      pt('2026-04-05', 8, 1),
    ]);
    expect(s.map((p) => [p.leader, p.streak])).toEqual([
      ['CN', 1],
      ['CN', 2],
      ['CN', 3],
      ['CN', 1],
      ['US', 1],
      ['tie', 1],
      [null, 0],
      ['CN', 1],
    ]);
    expect(s.map((p) => p.gap)).toEqual([1, 2, 3, 4, -1, 0, null, 7]);
  });

  it('gives week-on-week changes only between adjacent weeks with a non-zero base', () => {
    const s = leadSeries([
      pt('2026-02-08', 200, 0),
      pt('2026-02-15', 250, 50),
      pt('2026-03-01', 300, 40),
      pt('2026-03-07', 150, 50),
    ]);
    expect(s.map((p) => [p.cn_wow_pct, p.us_wow_pct])).toEqual([
      [null, null],
      [25, null],
      [null, null],
      [-50, 25],
    ]);
  });

  it('treats week ends 5 to 9 days apart as adjacent', () => {
    expect(
      [4, 5, 7, 9, 10].map((d) =>
        adjacentWeeks('2026-03-01', `2026-03-${String(1 + d).padStart(2, '0')}`),
      ),
    ).toEqual([false, true, true, true, false]);
  });
});

describe('prices', () => {
  const price = (
    model: string,
    lab_slug: string,
    input: number,
    output: number,
    revealed_as: string | null = null,
  ): ModelPriceRow =>
    ({
      model,
      model_id: `${lab_slug}/${model.toLowerCase().replaceAll(' ', '-')}`,
      lab_slug,
      revealed_as,
      revealed_on: revealed_as ? '2026-03-18' : null,
      release_date: null,
      input_usd_per_mtok: input,
      output_usd_per_mtok: output,
      cache_read_usd_per_mtok: null,
      context_tokens: null,
      has_free_variant: false,
      status: 'reported',
      source_ids: ['src-a'],
    }) as ModelPriceRow;

  it(`blends input and output at ${BLEND_INPUT_PER_OUTPUT}:1`, () => {
    expect(BLEND_INPUT_PER_OUTPUT).toBe(10);
    expect(blendedPrice(0.3, 1.2)).toBeCloseTo(4.2 / 11, 12);
    expect(blendedPrice(2.5, 15)).toBeCloseTo(40 / 11, 12);
    expect(blendedPrice(1, 1)).toBe(1);
    expect(blendedPrice(1, 3, 1)).toBe(2);
  });

  it('gives multiples of the reference model, null for the reference itself; free, and a stealth model undisclosed as published with its revealed origin beside it', () => {
    const pts = pricePoints(
      [
        price(PRICE_REFERENCE_MODEL, 'minimax', 0.3, 1.2),
        price('GPT X', 'openai', 2.5, 15),
        price('Hunter', 'openrouter', 0, 0, 'xiaomi'),
        price('Mystery', 'nobody', 1, 1),
      ],
      LABS,
    );
    const [ref, gpt, hunter, mystery] = pts;
    expect(ref).toMatchObject({
      origin: 'CN',
      revealed_as: null,
      revealed_origin: null,
      input_x_ref: null,
      output_x_ref: null,
      blended_x_ref: null,
      free: false,
    });
    expect(gpt!.input_x_ref).toBeCloseTo(2.5 / 0.3, 12);
    expect(gpt!.output_x_ref).toBeCloseTo(12.5, 12);
    expect(gpt!.blended_x_ref).toBeCloseTo(40 / 4.2, 12);
    expect(gpt!.blended).toBeCloseTo(40 / 11, 12);
    expect(gpt!.origin).toBe('US');
    expect(hunter).toMatchObject({
      free: true,
      blended: 0,
      origin: 'undisclosed',
      revealed_as: 'xiaomi',
      revealed_origin: 'CN',
      revealed_on: '2026-03-18',
      lab_slug: 'openrouter',
      input_x_ref: 0,
    });
    expect(mystery).toMatchObject({ origin: 'undisclosed', revealed_as: null });
  });

  it('has no multiples when the reference model is absent', () => {
    const [p] = pricePoints([price('GPT X', 'openai', 2.5, 15)], LABS);
    expect([p!.input_x_ref, p!.output_x_ref, p!.blended_x_ref]).toEqual([null, null, null]);
  });

  it('prices a session from its input share', () => {
    const p = { input_usd_per_mtok: 0.3, output_usd_per_mtok: 1.2 };
    expect(sessionCost(p, 1e6, 0.9)).toBeCloseTo(0.39, 12);
    expect(sessionCost(p, 2e6, 1)).toBeCloseTo(0.6, 12);
    expect(sessionCost(p, 5e5, 0)).toBeCloseTo(0.6, 12);
    expect(sessionCost(p, 0, 0.5)).toBe(0);
  });
});

describe('agents: appIntensity and toolCallSplit', () => {
  it('divides tokens by requests and splits categories on "|"', () => {
    const app = (
      rank: number,
      tokens: number,
      requests: number,
      categories: string | null,
    ): AppRow => ({
      snapshot_date: '2026-03-28',
      fetched_at_utc: at(28),
      rank,
      name: `app${rank}`,
      tokens,
      requests,
      categories,
      source_file: 'data/2026-03-28/rankings.json',
    });
    const out = appIntensity([
      app(1, 802957283969, 13620750, 'personal-agent'),
      app(2, 1000, 8, 'cli-agent|ide-extension'),
      app(3, 5, 5, null),
    ]);
    expect(out.map((a) => a.categories)).toEqual([
      ['personal-agent'],
      ['cli-agent', 'ide-extension'],
      [],
    ]);
    expect(out[0]!.tokens_per_request).toBe(802957283969 / 13620750);
    expect(Math.round(out[0]!.tokens_per_request)).toBe(58951);
    expect(out.map((a) => a.tokens_per_request).slice(1)).toEqual([125, 1]);
  });

  it('splits tool-call shares by origin per capture, rounded to 0.1, with the unlisted rest', () => {
    const tc = (t: string, rank: number, author: string, share_pct: number): ToolCallRow => ({
      snapshot_date: t.slice(0, 10),
      fetched_at_utc: t,
      rank,
      model_id: `${author}/x`,
      name: 'x',
      author,
      slug: 'x',
      calls: 100,
      share_pct,
      source_file: 'data/2026-03-28/rankings.json',
    });
    const out = toolCallSplit(
      [
        tc(at(28), 1, 'xiaomi', 10.9),
        tc(at(28), 2, 'google', 7.1),
        tc(at(28), 3, 'minimax', 6.04),
        tc(at(28), 4, 'mistralai', 0.9),
        tc(at(28), 5, 'unknown', 0.2),
        tc(at(29), 1, 'openai', 50),
      ],
      LABS,
    );
    expect(out).toEqual([
      {
        fetched_at_utc: at(28),
        snapshot_date: '2026-03-28',
        cn_pct: 16.9,
        us_pct: 7.1,
        other_pct: 1.1,
        unlisted_pct: 74.9,
      },
      {
        fetched_at_utc: at(29),
        snapshot_date: '2026-03-29',
        cn_pct: 0,
        us_pct: 50,
        other_pct: 0,
        unlisted_pct: 50,
      },
    ]);
  });
});

describe('diffRows and changeReport', () => {
  const a = week('2026-02-02', '2026-02-08', 'CN', 1);
  const b = week('2026-02-02', '2026-02-08', 'US', 2);
  const c = week('2026-02-09', '2026-02-15', 'CN', 3);

  it('matches rows by key and counts added, removed and changed', () => {
    expect(diffRows(weeklyTokens, [a, b], [a, b])).toEqual({
      dataset: 'weekly-tokens',
      before: 2,
      after: 2,
      added: 0,
      removed: 0,
      changed: 0,
    });
    expect(diffRows(weeklyTokens, [a, b], [{ ...a, tokens: 9 }, c])).toEqual({
      dataset: 'weekly-tokens',
      before: 2,
      after: 2,
      added: 1,
      removed: 1,
      changed: 1,
    });
    expect(diffRows(weeklyTokens, [], [a, b, c])).toMatchObject({
      added: 3,
      removed: 0,
      changed: 0,
    });
    const t = (r: number) => share(at(1), r, 'xiaomi', r, 1);
    expect(diffRows(marketShare, [t(1), t(2)], [t(1), { ...t(2), tokens: 7 }, t(3)])).toMatchObject(
      { added: 1, removed: 0, changed: 1 },
    );
  });

  const head = (over: Partial<Headline> = {}): Headline => ({
    method: 'media',
    week_end: '2026-02-15',
    cn: 4.12e12,
    us: 2.94e12,
    cn_share: 58.357,
    leader: 'CN',
    streak: 1,
    ...over,
  });

  it('says when there is no previous build', () => {
    expect(changeReport([], null, [head()])).toEqual([
      'Change report: no previous build to compare with (first build).',
    ]);
  });

  it('lists moved datasets and each headline, before -> after when it changed', () => {
    const lines = changeReport(
      [diffRows(weeklyTokens, [a], [a, b]), diffRows(marketShare, [], [])],
      [head(), head({ method: 'authors' })],
      [
        head({ week_end: '2026-02-22', cn: 5.16e12, us: 2.7e12, cn_share: 65.6489, streak: 2 }),
        head({ method: 'authors' }),
        head({ method: 'models', leader: 'US', cn: 1, us: 2, cn_share: 33.3 }),
      ],
    );
    expect(lines).toEqual([
      'Change report against the previous build:',
      '  weekly-tokens: 1 -> 2 rows (+1 added, -0 removed, ~0 changed)',
      '  headline (media): week to 2026-02-15: CN 4.12T, US 2.94T, CN share 58.4%, CN lead  ->  week to 2026-02-22: CN 5.16T, US 2.7T, CN share 65.6%, CN lead (2 weeks running)',
      '  headline (authors): unchanged, week to 2026-02-15: CN 4.12T, US 2.94T, CN share 58.4%, CN lead',
      '  headline (models): none  ->  week to 2026-02-15: CN 1, US 2, CN share 33.3%, US lead',
    ]);
  });
});

describe('derive and headlines', () => {
  it('picks, per method, the latest week with both sides known, with its leader and streak', () => {
    const raw = {
      'weekly-tokens': [
        week('2026-02-02', '2026-02-08', 'CN', 3),
        week('2026-02-02', '2026-02-08', 'US', 2),
        week('2026-02-09', '2026-02-15', 'CN', 5),
        week('2026-02-09', '2026-02-15', 'US', 1),
        week('2026-02-16', '2026-02-22', 'US', 9),
      ],
      'captures-market-share': [],
      'captures-models': [],
      'captures-tool-calls': [],
      'captures-apps': [],
      'captures-benchmarks': [],
      'captures-fastest': [],
      'captures-files': [],
      'model-prices': [],
      'api-model-prices': [],
      'app-classes': [],
      labs: LABS,
      'api-daily-tokens': [],
      'lead-streaks': [],
    } as unknown as Parameters<typeof derive>[0];
    const h = headlines(derive(raw));
    expect(h).toEqual([
      {
        method: 'media',
        week_end: '2026-02-15',
        cn: 5,
        us: 1,
        cn_share: (100 * 5) / 6,
        leader: 'CN',
        streak: 2,
      },
    ]);
  });
});
