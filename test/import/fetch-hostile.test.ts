/**
 * npm run fetch against a hostile or broken upstream (issue 19), on the local replay of the Data
 * API: an answer that does not match its request, a day or an as_of in the future, an as_of
 * older than the data held, a flood, a stall, silence, and names with control or bidi
 * characters. Each is refused with the limit or field named, and the data folder is unchanged.
 * Limits are injected small (50 ms, 1 KB), so no test waits for the real ones.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkAnswer,
  FETCH_LIMITS,
  fetchRankings,
  FetchError,
  type FetchOptions,
} from '../../src/import/fetch.ts';
import { importFiles } from '../../src/import/run.ts';
import { API_RAW, cleanup, emptyDataDir, fingerprint, outside } from './helpers.ts';
import {
  closeServers,
  fixtureReplay,
  hostile,
  latest,
  serve,
  type ApiRow,
  type Handler,
  unaccepting,
} from '../support/data-api-replay.ts';

const KEY = 'sk-or-test-SECRET-hostile';
/** 23 June 2026, 09:00 UTC: the last complete day is 22 June. */
const NOW = Date.UTC(2026, 5, 23, 9, 0, 0);

afterEach(async () => {
  await closeServers();
  cleanup();
});

/** A data folder holding the response of 18 June (as_of 2026-06-19T08:20:44.552Z). */
async function heldData(): Promise<string> {
  const dir = emptyDataDir();
  await importFiles({ dataDir: dir, paths: outside([join(API_RAW, '2026-06-18.json')]) });
  return dir;
}

async function refused(
  handler: Handler,
  extra: Partial<FetchOptions> = {},
): Promise<{ err: FetchError; ms: number }> {
  const server = await serve(handler);
  const dir = await heldData();
  const before = fingerprint(dir);
  const started = performance.now();
  let err: unknown;
  try {
    await fetchRankings({
      dataDir: dir,
      baseUrl: server.base,
      key: KEY,
      clock: () => NOW,
      sleep: async () => {},
      from: '2026-06-19',
      to: '2026-06-22',
      ...extra,
    });
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - started;
  expect(err).toBeInstanceOf(FetchError);
  expect((err as Error).message).not.toContain('SECRET');
  expect(fingerprint(dir)).toEqual(before);
  return { err: err as FetchError, ms };
}

const rowsOf = (date: string, slugs: string[]): ApiRow[] =>
  slugs.map((s, i) => ({ date, model_permaslug: s, total_tokens: String(1000 - i) }));

const answer =
  (data: ApiRow[], meta: (q: { start: string; end: string }) => object): Handler =>
  (_req, res, q) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data, meta: { version: 'v1', ...meta(q) } }));

describe('an answer is checked against its request', () => {
  it('a future day (window answered with 2027-01-01 and meta.end_date 2027-01-01) is refused', async () => {
    const { err } = await refused(
      answer(rowsOf('2027-01-01', ['openai/gpt-x', 'other']), (q) => ({
        start_date: q.start,
        end_date: '2027-01-01',
        as_of: '2026-06-23T07:00:00.000Z',
      })),
    );
    expect(err.kind).toBe('bad-response');
    expect(err.message).toMatch(/field "meta.end_date" got "2027-01-01"; expected 2026-06-22/);
  });

  it('a day after the last complete UTC day is refused even inside the window', () => {
    const r = {
      format: 'data-api-rankings-daily' as const,
      asOf: '2026-06-23T07:00:00.000Z',
      startDate: '2026-06-22',
      endDate: '2026-06-23',
      days: [{ date: '2026-06-23', rows: [{ permaslug: 'other', tokens: '1' }] }],
      rowCount: 1,
    };
    expect(() =>
      checkAnswer(
        r,
        { start: '2026-06-22', end: '2026-06-23' },
        { now: NOW, lastComplete: '2026-06-22', held: new Map(), label: 'x' },
      ),
    ).toThrow(/"data\[\]\.date" got "2026-06-23"; expected a complete UTC day, at most 2026-06-22/);
  });

  it('--to after yesterday is refused before any request', async () => {
    const { err } = await refused(fixtureReplay(latest.data, '2026-06-23T07:00:00.000Z'), {
      to: '2026-06-23',
    });
    expect(err.kind).toBe('bad-range');
  });

  it('a future as_of (2099) is refused', async () => {
    const { err } = await refused(fixtureReplay(latest.data, '2099-01-01T00:00:00.000Z'));
    expect(err.message).toMatch(
      /field "meta.as_of" got "2099-01-01T00:00:00.000Z"; expected a time not after now/,
    );
  });

  it('an as_of older than the figures held for the same days is refused', async () => {
    const { err } = await refused(fixtureReplay(latest.data, '2026-06-01T00:00:00.000Z'), {
      from: '2026-06-15',
    });
    expect(err.message).toMatch(/expected a time not before the as_of already held for 2026-06-15/);
  });

  it('an empty window (no new day upstream yet) saves nothing', async () => {
    const server = await serve(fixtureReplay([], '2026-06-23T07:00:00.000Z'));
    const dir = await heldData();
    const before = fingerprint(dir);
    const r = await fetchRankings({
      dataDir: dir,
      baseUrl: server.base,
      key: KEY,
      clock: () => NOW,
      sleep: async () => {},
    });
    expect(r.outcome).toBe('unchanged');
    expect(fingerprint(dir)).toEqual(before);
  });
});

describe('names with control or bidi characters', () => {
  for (const [what, bad, cp] of [
    ['NUL', 'openai/gpt\u0000x', 'U+0000'],
    ['U+202E (right-to-left override)', 'openai/gpt-\u202Ekcab', 'U+202E'],
  ] as const) {
    it(`${what} in a model name is refused with the field and the code point`, async () => {
      const { err } = await refused(
        answer(rowsOf('2026-06-22', ['openai/gpt-5', bad, 'other']), (q) => ({
          start_date: q.start,
          end_date: q.end,
          as_of: '2026-06-23T07:00:00.000Z',
        })),
      );
      expect(err.kind).toBe('bad-response');
      expect(err.message).toContain('data[1].model_permaslug');
      expect(err.message).toContain(cp);
      // eslint-disable-next-line no-control-regex -- the message must not carry a NUL through
      expect(err.message).not.toMatch(/[\u0000\u202e]/u);
    });
  }
});

describe('limits: each reported by name, in bounded time', () => {
  const small = { MAX_BODY_BYTES: 1024, IDLE_TIMEOUT_MS: 50, REQUEST_DEADLINE_MS: 20_000 };

  it('the real limits are the documented ones', () => {
    expect(FETCH_LIMITS).toEqual({
      MAX_BODY_BYTES: 16 * 1024 * 1024,
      CONNECT_TIMEOUT_MS: 15_000,
      IDLE_TIMEOUT_MS: 30_000,
      REQUEST_DEADLINE_MS: 120_000,
    });
  });

  it('a 50 MB body: MAX_BODY_BYTES', async () => {
    const { err } = await refused(hostile.huge(50), { limits: small });
    expect(err).toMatchObject({ kind: 'limit', limit: 'MAX_BODY_BYTES' });
    expect(err.message).toMatch(
      /^MAX_BODY_BYTES hit for rankings-daily 2026-06-19 to 2026-06-22: the body is larger than 1,024 bytes/,
    );
  });

  it('a body that stalls mid-stream: IDLE_TIMEOUT_MS', async () => {
    const { err, ms } = await refused(hostile.stalled, { limits: small });
    expect(err).toMatchObject({ kind: 'limit', limit: 'IDLE_TIMEOUT_MS' });
    expect(err.message).toMatch(/no byte arrived for 0.05 s/);
    expect(ms).toBeLessThan(30_000);
  });

  it('a server that never answers: IDLE_TIMEOUT_MS (no headers)', async () => {
    const { err } = await refused(hostile.silent, { limits: small });
    expect(err).toMatchObject({ kind: 'limit', limit: 'IDLE_TIMEOUT_MS' });
  });

  it('a server that accepts no connection (a full accept queue): CONNECT_TIMEOUT_MS, in bounded time', async () => {
    const port = await unaccepting();
    try {
      const { err, ms } = await refused(hostile.silent, {
        baseUrl: port.base,
        limits: { ...small, CONNECT_TIMEOUT_MS: 100 },
      });
      expect(err).toMatchObject({ kind: 'limit', limit: 'CONNECT_TIMEOUT_MS' });
      expect(err.message).toMatch(
        /^CONNECT_TIMEOUT_MS hit for rankings-daily 2026-06-19 to 2026-06-22: no connection within 0.1 s/,
      );
      // Not retried: one connect timeout, not four (the limit is 100 ms; the bound is generous
      // for a loaded machine and still far below one real 15 s timeout).
      expect(ms).toBeLessThan(10_000);
    } finally {
      port.close();
    }
  });

  it('a body that trickles a byte every 10 ms for ever: REQUEST_DEADLINE_MS', async () => {
    const { err } = await refused(hostile.trickle(10), {
      limits: { MAX_BODY_BYTES: 1 << 20, IDLE_TIMEOUT_MS: 5_000, REQUEST_DEADLINE_MS: 400 },
    });
    expect(err).toMatchObject({ kind: 'limit', limit: 'REQUEST_DEADLINE_MS' });
  });
});
