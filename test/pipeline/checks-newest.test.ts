/** The newest row of each count must have both sides (issue 19, point 6): checks-newest.ts. */
import { describe, expect, it } from 'vitest';
import type { ApiDay } from '../../src/pipeline/derive/api.ts';
import type { WeeklyTokenRow } from '../../src/pipeline/datasets.ts';
import { oneSidedApiDay, oneSidedMediaWeek } from '../../src/pipeline/checks-newest.ts';

const week = (week_start: string, origin: WeeklyTokenRow['origin']) =>
  ({ week_start, origin, tokens: 1 }) as WeeklyTokenRow;
const day = (date: string, cn: number, us: number) =>
  ({ date, cn, us, other: 0, undisclosed: 0, outside: 0, all: cn + us }) as ApiDay;

describe('oneSidedMediaWeek', () => {
  it('a newest week with only a U.S. row is named, with the side it lacks', () => {
    const rows = [week('2026-09-28', 'CN'), week('2026-09-28', 'US'), week('2026-10-05', 'US')];
    expect(oneSidedMediaWeek(rows)).toMatchObject({
      count: 'media',
      date: '2026-10-05',
      has: 'US',
      missing: 'CN',
    });
  });

  it('a one-sided week before the newest, or a newest week with a platform total only, is not', () => {
    const rows = [
      week('2026-07-27', 'CN'),
      week('2026-09-28', 'CN'),
      week('2026-09-28', 'US'),
      week('2026-10-05', 'all'),
    ];
    expect(oneSidedMediaWeek(rows)).toBeNull();
  });
});

describe('oneSidedApiDay', () => {
  it('a newest day with no Chinese model is named; an earlier one is not', () => {
    expect(oneSidedApiDay([day('2026-09-11', 5, 3), day('2026-09-12', 0, 3)])).toMatchObject({
      count: 'api',
      date: '2026-09-12',
      has: 'US',
      missing: 'CN',
    });
    expect(oneSidedApiDay([day('2026-09-11', 0, 3), day('2026-09-12', 5, 3)])).toBeNull();
    expect(oneSidedApiDay([])).toBeNull();
  });
});
