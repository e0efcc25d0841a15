/**
 * Derived rows of weekly-tokens.csv name the reported row they are calculated from
 * (derived_from); a derived row whose input was removed or changed stops the build at its line.
 * Fixture: line 2 is CN 2–8 Feb, derived as "4.12T / (1 + 106%)" from line 4 (CN 9–15 Feb).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFormula } from '../../src/pipeline/derived-rows.ts';
import { buildData } from '../../src/pipeline/run.ts';
import { cleanup, copyFixture, dataError, mutate, replaceOnce, tempDir } from './helpers.ts';

afterEach(cleanup);

const FILE = 'weekly-tokens.csv';
const build = (dataDir: string) =>
  buildData({ dataDir, outDir: join(tempDir('derived-out-'), 'generated') });

describe('derived rows are checked against the row they come from', () => {
  it('reads the real formulas: start value, its precision and the change', () => {
    expect(
      parseFormula('4.69T / (1 + 11.83%) (CN 9–15 Mar reported with its week-on-week change)'),
    ).toEqual({
      start: 4.69e12,
      startText: '4.69T',
      tolerance: 0.005e12,
      changePct: 11.83,
    });
    expect(parseFormula('3.294T / (1 − 9.33%) (US 9–15 Mar)')).toMatchObject({
      start: 3.294e12,
      changePct: -9.33,
    });
    expect(parseFormula('sum of three rows')).toBeUndefined();
  });

  it('fails at the derived row when the reported row it names is removed', async () => {
    const dir = copyFixture();
    mutate(dir, FILE, (t) =>
      replaceOnce(
        t,
        '2026-02-09,2026-02-15,CN,4120000000000,106,reported,,,leaderboard sum,nbd-2026-02-27,\n',
        '',
      ),
    );
    const err = await dataError(build(dir));
    expect(err.problems).toEqual([
      expect.objectContaining({
        file: 'data/weekly-tokens.csv',
        line: 2,
        field: 'derived_from',
        value: '2026-02-09 CN',
        expected: expect.stringMatching(
          /has no such row any more: restore that row, or recalculate or remove this derived row/,
        ),
      }),
    ]);
    expect(err.message).toContain(
      'data/weekly-tokens.csv:2: column "derived_from" got "2026-02-09 CN"',
    );
  });

  it('fails when the source row now holds another value than the formula starts from', async () => {
    const dir = copyFixture();
    mutate(dir, FILE, (t) => replaceOnce(t, 'CN,4120000000000,106', 'CN,4500000000000,106'));
    const err = await dataError(build(dir));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({
      line: 2,
      field: 'formula',
      value: '4.12T / (1 + 106%)',
    });
    expect(err.problems[0]!.expected).toContain(
      'the formula starts from 4.12T, but that row now has 4.5T (4500000000000)',
    );
    expect(err.problems[0]!.expected).toContain('= 2184466019417');
  });

  it('fails when the derived value is not what its formula gives', async () => {
    const dir = copyFixture();
    mutate(dir, FILE, (t) => replaceOnce(t, 'CN,2000000000000,', 'CN,2100000000000,'));
    const err = await dataError(build(dir));
    expect(err.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 4,
        field: 'tokens',
        value: '2100000000000',
        expected:
          'what the formula gives, 4.12T / (1 + 106%) = 2000000000000 (to the nearest million tokens)',
      }),
    ]);
  });

  it('requires derived_from on a derived row, and only there', async () => {
    const dir = copyFixture();
    mutate(dir, FILE, (t) => replaceOnce(t, '(1 + 106%),2026-02-09 CN,', '(1 + 106%),,'));
    mutate(dir, FILE, (t) =>
      replaceOnce(t, 'US,3000000000000,,reported,,,', 'US,3000000000000,,reported,,2026-02-09 US,'),
    );
    const err = await dataError(build(dir));
    expect(err.problems.map((p) => [p.line, p.field, p.value])).toEqual([
      [2, 'derived_from', ''],
      [3, 'derived_from', '2026-02-09 US'],
    ]);
    expect(err.problems[0]!.expected).toMatch(/the key of the reported row it is calculated from/);
    expect(err.problems[1]!.expected).toMatch(/^empty: only derived rows/);
  });
});
