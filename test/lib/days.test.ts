/** Day and week arithmetic on ISO dates (src/lib/days.ts) and the charts' month ticks built on it. */
import { describe, expect, it } from 'vitest';
import { monthTicks } from '../../src/charts/theme.ts';
import { addDays, daysApart, daysBetween, mondayOf } from '../../src/lib/days.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('days', () => {
  it('addDays crosses month and year ends and a leap day, both ways', () => {
    expect(addDays('2026-02-23', 6)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('mondayOf gives the Monday of the Monday-to-Sunday week that holds a date', () => {
    expect(mondayOf('2026-02-10')).toBe('2026-02-09'); // a Tuesday
    expect(mondayOf('2026-02-15')).toBe('2026-02-09'); // its Sunday
    expect(mondayOf('2026-02-09')).toBe('2026-02-09');
  });
  it('daysApart counts whole days (signed); daysBetween measures date-times in fractional days', () => {
    expect(daysApart('2026-02-09', '2026-02-15')).toBe(6);
    expect(daysApart('2026-02-15', '2026-02-09')).toBe(-6);
    expect(daysBetween('2026-03-28', '2026-03-29T12:00:00Z')).toBe(1.5);
  });
  it('monthTicks starts at the next first of a month unless the range starts on one, and keeps every step-th', () => {
    const d = (s: string) => new Date(s);
    expect(monthTicks(d('2026-01-15T00:00:00Z'), d('2026-04-01T00:00:00Z')).map(iso)).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(monthTicks(d('2026-01-01T12:00:00Z'), d('2026-02-15T00:00:00Z')).map(iso)).toEqual([
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(monthTicks(d('2025-11-02T00:00:00Z'), d('2026-06-30T00:00:00Z'), 2).map(iso)).toEqual([
      '2025-12-01',
      '2026-02-01',
      '2026-04-01',
      '2026-06-01',
    ]);
  });
});
