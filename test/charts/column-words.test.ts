// The page's data tables speak words: every column of every chart has a heading a reader can
// read (not the CSV's snake_case name), and every status code in the rows is spelt out.
import { describe, expect, it } from 'vitest';
import { cellWords, headingFor, STATUS_WORDS } from '../../src/charts/column-words.ts';
import { buildCharts } from '../../src/charts/index.ts';
import { loadFixture } from './fixture.ts';

const charts = buildCharts(loadFixture());

describe('data table words', () => {
  it.each(charts.map((c) => [c.id, c] as const))(
    '%s: every column has a heading in words',
    (_id, chart) => {
      for (const c of chart.columns) {
        const heading = headingFor(c);
        expect(heading, `${chart.id}: column ${c.label}`).toBeDefined();
        expect(heading, `${chart.id}: column ${c.label}`).not.toMatch(/_|^[a-z]/);
      }
    },
  );

  it('every status code in the rows has its words, and a table cell shows them', () => {
    const codes = new Set(
      charts.flatMap((c) =>
        c.columns.some((col) => col.key === 'status')
          ? (c.rows as Array<{ status?: unknown }>).map((r) => String(r.status))
          : [],
      ),
    );
    expect(codes.size).toBeGreaterThan(1);
    for (const code of codes) expect(STATUS_WORDS[code], `status "${code}"`).toBeDefined();
    expect(cellWords('status', 'derived')).toBe('back-calculated');
    expect(cellWords('week_end', '2026-09-06')).toBe('6 September 2026');
    expect(cellWords('model', 'Qwen3.5 Plus 2026-02-15')).toBe('Qwen3.5 Plus 2026-02-15');
  });

  it('a column without words has no heading (so the check above can fail)', () => {
    expect(headingFor({ label: 'made_up_pct' })).toBeUndefined();
    expect(headingFor({ label: 'made_up_pct', heading: 'Made up, %' })).toBe('Made up, %');
  });
});
