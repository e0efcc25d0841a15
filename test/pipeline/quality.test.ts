/**
 * The capture-quality gate: verdicts on the real captures (exactly the defects the scrape's
 * notes list, nothing the notes call consistent), relabelled panels on days the notes do not
 * name, the rules one by one on small inputs, and set-aside captures kept out of every figure.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/run.ts';
import { judgeCaptures, type CaptureSample } from '../../src/pipeline/quality/judge.ts';
import { buildData, type BuildOutput } from '../../src/pipeline/run.ts';
import { cleanup, tempDir } from './helpers.ts';
import { DATA, PAGE_RAW, readJsonFile, write } from '../import/helpers.ts';

afterAll(cleanup);

const setAside = (out: BuildOutput, section: string) =>
  out.derived.captureVerdicts
    .filter((v) => v.section === section && v.verdict === 'set-aside')
    .map((v) => v.snapshot_date.slice(5));
const verdictOf = (out: BuildOutput, section: string, date: string) =>
  out.derived.captureVerdicts.find((v) => v.section === section && v.snapshot_date === date)!;

/** A throwaway copy of data/ (all datasets and raw files). */
function dataCopy(): string {
  const dir = join(tempDir('quality-'), 'data');
  cpSync(DATA, dir, { recursive: true });
  return dir;
}
const build = (dataDir: string) =>
  buildData({ dataDir, outDir: join(tempDir('quality-out-'), 'generated') });

describe('the gate on the real captures (data/)', () => {
  let out: BuildOutput;
  beforeAll(async () => {
    out = (await build(dataCopy())).output;
  });

  it('sets aside the 12 token-count and 6 other-panel tool_calls captures the notes list, and no other', () => {
    const tokens = [
      '03-29',
      '04-01',
      '04-14',
      '04-15',
      '04-16',
      '04-19',
      '04-29',
      '04-30',
      '05-02',
      '05-06',
      '05-07',
      '05-13',
    ];
    const otherPanel = ['03-30', '04-10', '04-18', '04-21', '04-24', '05-10'];
    expect(setAside(out, 'tool_calls')).toEqual([...tokens, ...otherPanel].sort());
    for (const d of tokens)
      expect(verdictOf(out, 'tool_calls', `2026-${d}`).reasons[0]).toMatch(
        /values are token counts \(\d\.\de1[12]\), not tool-call counts/,
      );
    for (const d of otherPanel)
      expect(verdictOf(out, 'tool_calls', `2026-${d}`).reasons.join(' ')).toMatch(
        /shares only [0-2] of its 9 entries .*: another panel/,
      );
  });

  it('sets aside the 9 models captures of the gemini-2.5-flash-lite panel and the 2 May glitch, and no other', () => {
    const panel = ['04-01', '04-14', '04-16', '04-19', '04-29', '04-30', '05-06', '05-07', '05-13'];
    expect(setAside(out, 'models')).toEqual([...panel, '05-02'].sort());
    for (const d of panel)
      expect(verdictOf(out, 'models', `2026-${d}`).reasons[0]).toMatch(
        /values sum to \d\.\de8, [34]\.\d decades below the token counts of this section/,
      );
    expect(verdictOf(out, 'models', '2026-05-02').reasons).toEqual([
      'models on 2026-05-02: the week-to-date total falls and recovers above its earlier level within 48 hours (2026-05-01 7.1e12, 2026-05-02 4.9e11, 2026-05-03 1.0e13); a weekly counter only falls at its reset, and then stays down',
    ]);
  });

  it('sets aside nothing in market_share, apps, benchmarks or fastest; every section has the two empty captures', () => {
    for (const s of ['market_share', 'apps', 'benchmarks', 'fastest'])
      expect(setAside(out, s), s).toEqual([]);
    for (const s of ['market_share', 'models', 'tool_calls', 'apps', 'benchmarks', 'fastest']) {
      expect(
        out.derived.captureVerdicts
          .filter((v) => v.section === s && v.verdict === 'empty')
          .map((v) => v.snapshot_date),
      ).toEqual(['2026-05-17', '2026-05-18']);
      expect(out.derived.captureVerdicts.filter((v) => v.section === s)).toHaveLength(46);
    }
  });

  it('keeps set-aside captures out of every derivation', () => {
    const toolDays = out.derived.toolCalls.map((t) => t.snapshot_date);
    expect(toolDays).toHaveLength(26);
    expect(toolDays).not.toContain('2026-04-29');
    expect(toolDays).not.toContain('2026-04-10');
    const modelWeeks = out.derived.weeks.models.map((w) => `${w.week_end} ${w.status}`);
    // no week ends on a set-aside capture: the two weeks that never existed are gone
    expect(modelWeeks).toEqual([
      '2026-03-29 derived',
      '2026-03-31 partial',
      '2026-04-12 derived',
      '2026-04-18 partial',
      '2026-04-26 derived',
      '2026-05-03 derived',
      '2026-05-10 derived',
      '2026-05-16 partial',
    ]);
  });

  it('a week whose last good capture is far from its reset stays partial: 18 April (19 April was set aside)', () => {
    const w = out.derived.weeks.models.find((x) => x.week_end === '2026-04-18')!;
    expect(w.status).toBe('partial');
    expect(out.derived.weeks.authors.find((x) => x.week_end === '2026-04-18')?.status).toBe(
      'derived',
    );
  });
});

describe('a panel relabelled into another section, on days the notes do not name', () => {
  type Snap = Record<string, Array<Record<string, unknown>>> & { meta: Record<string, unknown> };
  const snapshot = (date: string) => readJsonFile(join(PAGE_RAW, date, 'rankings.json')) as Snap;

  /** Imports an edited capture over the real one into a copy of data/, then builds. */
  async function withEdited(date: string, edit: (s: Snap) => void): Promise<BuildOutput> {
    const dir = dataCopy();
    const s = snapshot(date);
    edit(s);
    const file = write(join(tempDir(), 'edited.json'), JSON.stringify(s));
    await importFiles({ dataDir: dir, paths: [file] });
    return (await build(dir)).output;
  }

  it('a panel of another scale: the models leaderboard under tool_calls on 22 April', async () => {
    const out = await withEdited('2026-04-22', (s) => {
      s.tool_calls = s.models!.map(({ tokens, ...r }) => ({ ...r, calls: tokens }));
    });
    const v = verdictOf(out, 'tool_calls', '2026-04-22');
    expect(v.verdict).toBe('set-aside');
    expect(v.reasons[0]).toMatch(
      /^tool_calls on 2026-04-22: values are token counts \(3\.1e12\), not tool-call counts/,
    );
    expect(v.reasons.join(' ')).toContain(
      'its entries and figures repeat the models section of the same capture',
    );
    // the models section itself is the real panel and stays good
    expect(verdictOf(out, 'models', '2026-04-22').verdict).toBe('good');
    expect(out.derived.toolCalls.map((t) => t.snapshot_date)).not.toContain('2026-04-22');
  });

  it('a same-scale panel of other models: the images panel under tool_calls on 5 May', async () => {
    const out = await withEdited('2026-05-05', (s) => {
      s.tool_calls = s.images!.map(({ images, ...r }) => ({ ...r, calls: images }));
    });
    const v = verdictOf(out, 'tool_calls', '2026-05-05');
    expect(v.verdict).toBe('set-aside');
    expect(v.reasons).toEqual([
      expect.stringMatching(
        /^tool_calls on 2026-05-05: shares only [0-4] of its 9 entries with 2026-05-04 and [0-4] with 2026-05-08, the nearest good captures either side .*: another panel$/,
      ),
    ]);
    expect(out.derived.toolCalls.map((t) => t.snapshot_date)).not.toContain('2026-05-05');
  });

  it('a same-scale panel of mostly the same models: the programming panel under models on 9 April (continuity)', async () => {
    const out = await withEdited('2026-04-09', (s) => {
      s.models = s.categories_programming!.map((r) => ({ ...r, change: null }));
    });
    const v = verdictOf(out, 'models', '2026-04-09');
    expect(v.verdict).toBe('set-aside');
    expect(v.reasons.join(' ')).toMatch(
      /models on 2026-04-09: the week-to-date total falls and recovers above its earlier level/,
    );
    expect(out.derived.weeks.models.map((w) => w.week_end)).not.toContain('2026-04-09');
  });

  it('apps holding the market-share panel: neither section can be trusted when both look plausible', async () => {
    const out = await withEdited('2026-04-23', (s) => {
      s.apps = s.market_share!.map((r) => ({
        rank: r.rank,
        name: r.author,
        tokens: r.tokens,
        requests: 1000,
        categories: [],
      }));
    });
    expect(verdictOf(out, 'apps', '2026-04-23').verdict).toBe('set-aside');
    expect(verdictOf(out, 'apps', '2026-04-23').reasons.join(' ')).toMatch(
      /apps on 2026-04-23: (values sum to|shares only)/,
    );
  });
});

describe('the rules on small inputs', () => {
  const ids9 = (p: string) => Array.from({ length: 9 }, (_, i) => `${p}/m${i}`);
  const at = (d: number) => `2026-04-${String(d).padStart(2, '0')}T07:00:00+00:00`;
  const sample = (
    section: CaptureSample['section'],
    d: number,
    total: number,
    ids = ids9('a'),
  ): CaptureSample => ({
    section,
    snapshot_date: at(d).slice(0, 10),
    fetched_at_utc: at(d),
    ids,
    values: ids.map(() => total / ids.length),
  });
  const verdicts = (xs: CaptureSample[]) =>
    judgeCaptures(xs).map((v) => `${v.snapshot_date.slice(8)} ${v.verdict}`);

  it('a fall that recovers above the earlier level within days is a glitch; a fall that stays down is a reset', () => {
    const daily = [1, 2, 3, 0.1, 4, 5, 0.5, 1];
    expect(verdicts(daily.map((t, i) => sample('models', 10 + i, t * 1e12)))).toEqual([
      '10 good',
      '11 good',
      '12 good',
      '13 set-aside',
      '14 good',
      '15 good',
      '16 good',
      '17 good',
    ]);
  });

  it('a jump that falls back without a reset is a glitch (week-to-date sections only)', () => {
    const daily = [1, 2, 9, 3, 4];
    expect(verdicts(daily.map((t, i) => sample('market_share', 10 + i, t * 1e12)))).toEqual([
      '10 good',
      '11 good',
      '12 set-aside',
      '13 good',
      '14 good',
    ]);
    // apps does not count week to date: the same figures are not judged for continuity
    expect(verdicts(daily.map((t, i) => sample('apps', 10 + i, t * 1e12)))).toEqual([
      '10 good',
      '11 good',
      '12 good',
      '13 good',
      '14 good',
    ]);
  });

  it('continuity compares only captures at most 84 hours apart', () => {
    const xs = [
      sample('models', 10, 3e12),
      sample('models', 14, 0.1e12),
      sample('models', 18, 4e12),
    ];
    expect(verdicts(xs)).toEqual(['10 good', '14 good', '18 good']);
  });

  it('a list sharing few entries with its neighbours is another panel, even when a neighbour is another panel too', () => {
    const xs = [10, 11, 12, 13, 14, 15, 16].map((d) =>
      sample('tool_calls', d, 5e7, [12, 13].includes(d) ? ids9('other') : ids9('a')),
    );
    expect(verdicts(xs)).toEqual([
      '10 good',
      '11 good',
      '12 set-aside',
      '13 set-aside',
      '14 good',
      '15 good',
      '16 good',
    ]);
  });

  it('a list that changes for good (a new index, a new week) is not another panel: the captures on each side agree among themselves', () => {
    const xs = [10, 11, 12, 13, 14, 15, 16].map((d) =>
      sample('benchmarks', d, 1000, d < 13 ? ids9('old') : ids9('new')),
    );
    expect(verdicts(xs)).toEqual([
      '10 good',
      '11 good',
      '12 good',
      '13 good',
      '14 good',
      '15 good',
      '16 good',
    ]);
  });

  // A long history is judged capture by capture like a short one. (This used to be named "stays
  // fast" with no bound and a generator that did not do what its name said; a time bound would
  // depend on the machine, so the test now checks what it can: every verdict on a long history.)
  it('judges a long history: 20,000 hourly captures, every fourteenth another panel, exactly those set aside', () => {
    const other = (i: number) => i % 14 === 7;
    const xs = Array.from({ length: 20_000 }, (_, i): CaptureSample => {
      const t = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
      const ids = other(i) ? ids9('other') : ids9('a');
      return {
        section: 'tool_calls',
        snapshot_date: t.slice(0, 10),
        fetched_at_utc: t,
        ids,
        values: ids.map(() => 1e6 + i),
      };
    });
    const v = judgeCaptures(xs);
    const setAside = new Set(
      v.filter((x) => x.verdict === 'set-aside').map((x) => x.fetched_at_utc),
    );
    const expected = xs.filter((_, i) => other(i)).map((x) => x.fetched_at_utc);
    expect(expected.length).toBe(1429);
    expect([...setAside].sort()).toEqual(expected.sort());
  });

  it('two sections with the same figures: the one that fails its own checks is the wrong one; if neither does, both are set aside', () => {
    const m = sample('models', 10, 5e12);
    const t = { ...sample('tool_calls', 10, 5e12), values: m.values };
    const history = [11, 12, 13].map((d) => sample('tool_calls', d, 5e7 * (d - 9)));
    const v = judgeCaptures([m, t, ...history]);
    expect(
      v.filter((x) => x.snapshot_date === '2026-04-10').map((x) => `${x.section} ${x.verdict}`),
    ).toEqual(['models good', 'tool_calls set-aside']);
    const alone = judgeCaptures([m, t]);
    expect(alone.map((x) => `${x.section} ${x.verdict}`)).toEqual([
      'models set-aside',
      'tool_calls set-aside',
    ]);
    expect(alone[0]!.reasons[0]).toMatch(/one panel under two names; neither can be trusted/);
  });

  it('needs a history: one capture, or lists of fewer than five entries, are not judged on composition', () => {
    expect(verdicts([sample('models', 10, 1e12)])).toEqual(['10 good']);
    const short = [10, 11, 12].map((d) =>
      sample('market_share', d, 1e12 * (d - 9), d === 11 ? ['x', 'y', 'z'] : ['a', 'b', 'c']),
    );
    expect(verdicts(short)).toEqual(['10 good', '11 good', '12 good']);
  });

  it('judges by content, never by date: the real defect days pass when their content is good', () => {
    // The same series labelled on the notes' defect days is all good.
    const xs = [1, 14, 16, 19, 29, 30].map((d, i) => sample('models', d, (i + 1) * 1e12));
    expect(judgeCaptures(xs).every((v) => v.verdict === 'good')).toBe(true);
    expect(readdirSync(PAGE_RAW)).toContain('2026-04-29');
  });
});
