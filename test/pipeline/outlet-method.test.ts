/**
 * The outlets' method rebuilt (src/pipeline/derive/outlet-method.ts), on a hand-made week whose
 * answer is worked out below, and a partial week that must never be compared.
 */
import { describe, expect, it } from 'vitest';
import type { LabRow, WeeklyTokenRow } from '../../src/pipeline/datasets.ts';
import { outletMethodWeeks } from '../../src/pipeline/derive/outlet-method.ts';
import { apiRow, labRow } from './rows.ts';

const lab = (slug: string, origin: LabRow['origin']): LabRow =>
  labRow(slug, origin, 'desk-classification');
const LABS = [
  lab('deepseek', 'CN'),
  lab('qwen', 'CN'),
  lab('openai', 'US'),
  lab('openrouter', 'undisclosed'),
];

const row = apiRow;

// Week 1, Monday 1 June to Sunday 7 June 2026, all seven days. Per day:
//   deepseek/a 10, openai/b 8, openai/d 4, qwen/c 3, other 100; openrouter/s 20 on 1 June only.
// Weekly: a 70, b 56, d 28, c 21, s 20 (other 700). Platform 70+56+28+21+20+700 = 895.
// Top 3: a (CN) 70, b (US) 56, d (US) 28 -> CN 70, US 84, stealth 0; CN share 70/154 = 45.45%.
// Daily top-50 count: CN 70+21 = 91, US 56+28 = 84; share 91/175 = 52%.
// Top 10 (all five models): CN 91, US 84, stealth 20.
const WEEK1 = ['01', '02', '03', '04', '05', '06', '07'].flatMap((d) => {
  const date = `2026-06-${d}`;
  return [
    row(date, 'deepseek/a', 10),
    row(date, 'openai/b', 8),
    row(date, 'openai/d', 4),
    row(date, 'qwen/c', 3),
    ...(d === '01' ? [row(date, 'openrouter/s', 20)] : []),
    row(date, 'other', 100),
  ];
});
// Week 2: three days only (8-10 June): a 1, b 2, other 5 a day -> partial, platform 24.
const WEEK2 = ['08', '09', '10'].flatMap((d) => [
  row(`2026-06-${d}`, 'deepseek/a', 1),
  row(`2026-06-${d}`, 'openai/b', 2),
  row(`2026-06-${d}`, 'other', 5),
]);

const weekly = (
  week_start: string,
  origin: WeeklyTokenRow['origin'],
  tokens: number,
  status: WeeklyTokenRow['status'],
): WeeklyTokenRow => ({
  week_start,
  week_end: week_start === '2026-06-01' ? '2026-06-07' : '2026-06-14',
  origin,
  tokens,
  wow_change_pct: null,
  status,
  formula: status === 'derived' ? '1T / (1 + 1%)' : null,
  derived_from: status === 'derived' ? '2026-06-08 CN' : null,
  scope: 'test',
  source_ids: ['s'],
  note: null,
});
const OUTLETS = [
  weekly('2026-06-01', 'CN', 70, 'reported'),
  weekly('2026-06-01', 'US', 80, 'secondary'),
  weekly('2026-06-01', 'all', 900, 'secondary'),
  // our own back-calculation is not an outlet's figure: never compared
  weekly('2026-06-01', 'CN', 1, 'derived'),
  // a partial week is never compared as a whole week
  weekly('2026-06-08', 'CN', 3, 'reported'),
];

describe("the outlets' method rebuilt from OpenRouter's data", () => {
  const [w1, w2] = outletMethodWeeks([...WEEK1, ...WEEK2], LABS, OUTLETS, 3);

  it('sums the week’s top N models by origin, ranked by weekly tokens, other and stealth apart', () => {
    expect(w1).toMatchObject({
      week_start: '2026-06-01',
      week_end: '2026-06-07',
      days: 7,
      partial: false,
      top_models: ['deepseek/a', 'openai/b', 'openai/d'],
      top_cn: 70,
      top_us: 84,
      top_undisclosed: 0,
      all_cn: 91,
      all_us: 84,
      platform: 895,
    });
    expect(w1!.top_cn_share).toBeCloseTo(45.4545, 3);
    expect(w1!.all_cn_share).toBeCloseTo(52, 6);
  });

  it('sets each outlet figure of a whole week against the rebuild; derived rows are not outlet figures', () => {
    expect(w1!.matches.map((m) => [m.origin, m.outlet, m.rebuilt, m.status])).toEqual([
      ['CN', 70, 70, 'reported'],
      ['US', 80, 84, 'secondary'],
      ['all', 900, 895, 'secondary'],
    ]);
    // (84 - 80) / 80 = +5%; (895 - 900) / 900 = -0.556%
    expect(w1!.matches.map((m) => m.diff_pct)).toEqual([0, 5, expect.closeTo(-0.5556, 3)]);
  });

  it('marks a week with days missing partial and never compares it', () => {
    expect(w2).toMatchObject({ days: 3, partial: true, top_cn: 3, top_us: 6, platform: 24 });
    expect(w2!.matches).toEqual([]);
  });

  it('counts stealth models for neither side, also when they rank in the top N', () => {
    const [all] = outletMethodWeeks(WEEK1, LABS, [], 10);
    expect(all).toMatchObject({ top_cn: 91, top_us: 84, top_undisclosed: 20 });
    expect(all!.top_models).toHaveLength(5);
  });
});
