/**
 * The update's plausibility gate (src/publish/update/plausibility.ts) on the real data: every
 * held day passes; an absurd count, a platform total out of line and a day without its "other"
 * row are each named, with the figure and the median they were judged against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiRows, implausibleDays } from '../../src/publish/update/plausibility.ts';
import { ROOT } from './project.ts';

const rows = apiRows(readFileSync(join(ROOT, 'data/api-daily-tokens.csv'), 'utf8'));
const dates = [...new Set(rows.map((r) => r.date))].sort();
const last = dates.at(-1)!;
const edited = (f: (r: (typeof rows)[number]) => (typeof rows)[number] | null) =>
  rows.flatMap((r) => (r.date === last ? (f({ ...r }) ?? []) : [r]));

describe('the plausibility gate', () => {
  it('passes every real day judged against the days before it', () => {
    for (let i = 1; i < dates.length; i++)
      expect(
        implausibleDays(
          rows.filter((r) => r.date <= dates[i]!),
          [dates[i]!],
        ),
      ).toEqual([]);
  });

  it('holds one model at 9,007,199,254,740,991 tokens, naming the model, the figure and its median', () => {
    const top = rows.find((r) => r.date === last && r.model_permaslug !== 'other')!;
    const reasons = implausibleDays(
      edited((r) =>
        r.model_permaslug === top.model_permaslug
          ? { ...r, total_tokens: Number.MAX_SAFE_INTEGER }
          : r,
      ),
      [last],
    );
    expect(reasons.join('\n')).toContain(`${last}: the platform total is`);
    expect(reasons.join('\n')).toContain(
      `${last}: ${top.model_permaslug} has 9,007,199,254,740,991 tokens`,
    );
  });

  it('holds a day whose platform total is a quarter of the median', () => {
    const reasons = implausibleDays(
      edited((r) => ({ ...r, total_tokens: Math.round(r.total_tokens / 4) })),
      [last],
    );
    expect(reasons).toEqual([
      expect.stringMatching(/the platform total is .* 0\.3× the median of the 14 days before/),
    ]);
  });

  it('holds a day without its "other" row', () => {
    const reasons = implausibleDays(
      edited((r) => (r.model_permaslug === 'other' ? null : r)),
      [last],
    );
    expect(reasons[0]).toBe(
      `${last}: 0 "other" rows; a day has exactly one (everything outside the top 50).`,
    );
  });
});
