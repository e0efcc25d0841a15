/**
 * npm run fetch against a local HTTP server on 127.0.0.1 that replays the real saved Data API
 * responses and the failure cases (401, 429 with Retry-After, 500, malformed and truncated
 * bodies). No test reaches the internet; clock and sleep are injected, so no test waits.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fetchRankings,
  FetchError,
  MAX_WINDOW_DAYS,
  windows,
  type FetchOptions,
} from '../../src/import/fetch.ts';
import { importFiles } from '../../src/import/run.ts';
import { API_RAW, cleanup, emptyDataDir, fingerprint, outside } from './helpers.ts';
import { filesUnder } from '../../src/import/raw-store.ts';
import { closeServers, replay, saved, serve, type Handler } from '../support/data-api-replay.ts';
import { rejection } from '../support/rejection.ts';

const KEY = 'sk-or-test-SECRET-0123456789';

afterEach(async () => {
  await closeServers();
  cleanup();
});

/** A fake clock that only moves when the code under test sleeps. */
function fakeTime() {
  let now = Date.UTC(2026, 5, 23, 9, 0, 0);
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

function options(dataDir: string, base: string, extra: Partial<FetchOptions> = {}): FetchOptions {
  const t = fakeTime();
  return { dataDir, baseUrl: base, key: KEY, clock: t.clock, sleep: t.sleep, ...extra };
}

const fetchError = (p: Promise<unknown>): Promise<FetchError> => rejection(p, FetchError);

describe('windows', () => {
  it('cuts a range into windows of at most 30 days', () => {
    expect(MAX_WINDOW_DAYS).toBe(30);
    expect(windows('2026-05-20', '2026-06-22')).toEqual([
      { start: '2026-05-20', end: '2026-06-18' },
      { start: '2026-06-19', end: '2026-06-22' },
    ]);
    expect(windows('2026-06-01', '2026-06-01')).toEqual([
      { start: '2026-06-01', end: '2026-06-01' },
    ]);
    expect(windows('2026-01-01', '2026-12-31')).toHaveLength(13);
  });
});

describe('fetching from a replay of the real responses', () => {
  it('saves each response under data/raw with its meta and imports it, with the key only in the Authorization header', async () => {
    const server = await serve(replay);
    const dir = emptyDataDir();
    const r = await fetchRankings(
      options(dir, server.base, { from: '2026-05-24', to: '2026-06-22' }),
    );
    expect(server.requests).toEqual([
      { start: '2026-05-24', end: '2026-06-22', auth: `Bearer ${KEY}` },
    ]);
    expect(r.outcome).toBe('changed');
    expect(r.daysAdded).toHaveLength(30);
    expect(r.windows).toEqual([
      {
        start: '2026-05-24',
        end: '2026-06-22',
        requests: 1,
        asOf: '2026-06-23T07:46:09.570Z',
        rows: 1530,
      },
    ]);
    // the raw response, byte for byte, under the name the importer gives it
    expect(
      readFileSync(join(dir, 'raw/openrouter-data-api/rankings-daily/2026-06-22.json')),
    ).toEqual(readFileSync(join(API_RAW, '2026-06-22.json')));
    // the key is in no file and no line of the report
    for (const f of filesUnder(dir)) expect(readFileSync(f, 'utf8')).not.toContain('SECRET');
    expect(r.report.join('\n')).not.toContain('SECRET');
  });

  it('splits a long range into 30-day windows and gives the same dataset as importing the responses', async () => {
    const server = await serve(replay);
    const dir = emptyDataDir();
    const r = await fetchRankings(
      options(dir, server.base, { from: '2026-05-20', to: '2026-06-22' }),
    );
    expect(server.requests.map((q) => `${q.start}..${q.end}`)).toEqual([
      '2026-05-20..2026-06-18',
      '2026-06-19..2026-06-22',
    ]);
    expect(r.daysAdded).toHaveLength(34);
    const reference = emptyDataDir();
    await importFiles({
      dataDir: reference,
      paths: outside(
        saved.filter((s) => s.file <= '2026-06-22.json').map((s) => join(API_RAW, s.file)),
      ),
    });
    const days = (d: string) =>
      readFileSync(join(d, 'api-daily-tokens.csv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 5).join(','));
    expect(days(dir)).toEqual(days(reference));
  });

  it('defaults to the day after the last imported day, up to yesterday (UTC)', async () => {
    const server = await serve(replay);
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside([join(API_RAW, '2026-06-18.json')]) });
    const t = fakeTime(); // 23 June 2026, 09:00 UTC
    await fetchRankings({
      dataDir: dir,
      baseUrl: server.base,
      key: KEY,
      clock: t.clock,
      sleep: t.sleep,
    });
    expect(server.requests.map((q) => `${q.start}..${q.end}`)).toEqual(['2026-06-19..2026-06-22']);
  });

  it('says there is nothing to fetch when the data is up to date', async () => {
    const server = await serve(replay);
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside([join(API_RAW, '2026-06-22.json')]) });
    const r = await fetchRankings(options(dir, server.base));
    expect(r.outcome).toBe('nothing-to-fetch');
    expect(server.requests).toEqual([]);
  });

  it('makes at most 30 requests a minute', async () => {
    const served: number[] = [];
    const t = fakeTime();
    const server = await serve((_req, res, q) => {
      served.push(t.clock());
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: [],
          meta: {
            as_of: '2026-06-23T07:46:09.570Z',
            start_date: q.start,
            end_date: q.end,
            version: 'v1',
          },
        }),
      );
    });
    const dir = emptyDataDir();
    // 1951 days: 66 windows of at most 30 days
    const r = await fetchRankings({
      dataDir: dir,
      baseUrl: server.base,
      key: KEY,
      clock: t.clock,
      sleep: t.sleep,
      from: '2021-01-01',
      to: '2026-05-05',
    });
    expect(r.requests).toBe(66);
    for (let i = 30; i < served.length; i++)
      expect(served[i]! - served[i - 30]!).toBeGreaterThanOrEqual(60_000);
    expect(t.sleeps.length).toBeGreaterThan(0);
  });
});

describe('failures from the server: one clear error each, data folder unchanged', () => {
  async function fails(handler: Handler, kind: FetchError['kind'], message: RegExp) {
    const server = await serve(handler);
    const dir = emptyDataDir();
    await importFiles({ dataDir: dir, paths: outside([join(API_RAW, '2026-06-18.json')]) });
    const before = fingerprint(dir);
    const t = fakeTime();
    const err = await fetchError(
      fetchRankings({
        dataDir: dir,
        baseUrl: server.base,
        key: KEY,
        clock: t.clock,
        sleep: t.sleep,
        from: '2026-05-24',
        to: '2026-06-22',
      }),
    );
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('SECRET');
    expect(fingerprint(dir)).toEqual(before);
    return { server, sleeps: t.sleeps };
  }

  it('no key: one line saying how to set it', async () => {
    const err = await fetchError(
      fetchRankings({ dataDir: emptyDataDir(), key: '', baseUrl: 'http://127.0.0.1:9/never' }),
    );
    expect(err.kind).toBe('no-key');
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toMatch(/set OPENROUTER_API_KEY/);
  });

  it('401: says the key was refused', async () => {
    const { server } = await fails(
      (_q, res) => res.writeHead(401).end('{"error":"invalid key"}'),
      'unauthorized',
      /OpenRouter refused the key \(HTTP 401\)/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('429: waits as long as Retry-After says, then goes on', async () => {
    let calls = 0;
    const server = await serve((req, res, q) => {
      calls++;
      if (calls === 1) res.writeHead(429, { 'retry-after': '7' }).end('slow down');
      else replay(req, res, q);
    });
    const dir = emptyDataDir();
    const t = fakeTime();
    const r = await fetchRankings({
      dataDir: dir,
      baseUrl: server.base,
      key: KEY,
      clock: t.clock,
      sleep: t.sleep,
      from: '2026-05-24',
      to: '2026-06-22',
    });
    expect(t.sleeps).toEqual([7000]);
    expect(r.windows[0]!.requests).toBe(2);
    expect(r.daysAdded).toHaveLength(30);
  });

  it('500: retries with growing waits, then fails clearly', async () => {
    const { server, sleeps } = await fails(
      (_q, res) => res.writeHead(500).end('internal error'),
      'server',
      /OpenRouter answered HTTP 500 for rankings-daily 2026-05-24 to 2026-06-22 4 times in a row .*Nothing was saved or imported; try again later/,
    );
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toEqual([2000, 4000, 8000]);
  });

  it('500 then 200: the retry succeeds', async () => {
    let calls = 0;
    const server = await serve((req, res, q) =>
      ++calls === 1 ? res.writeHead(503).end() : replay(req, res, q),
    );
    const t = fakeTime();
    const r = await fetchRankings({
      dataDir: emptyDataDir(),
      baseUrl: server.base,
      key: KEY,
      clock: t.clock,
      sleep: t.sleep,
      from: '2026-05-24',
      to: '2026-06-22',
    });
    expect(r.daysAdded).toHaveLength(30);
    expect(t.sleeps).toEqual([2000]);
  });

  it('a malformed body', async () => {
    await fails(
      (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"data": [{"date": "2026-06-01",, }]}'),
      'bad-response',
      /the response for rankings-daily 2026-05-24 to 2026-06-22:1:33: expected valid JSON \(Expected double-quoted property name\)/,
    );
  });

  it('a truncated body', async () => {
    const cut = readFileSync(join(API_RAW, '2026-06-22.json')).subarray(0, 3000);
    await fails(
      (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(cut),
      'bad-response',
      /ends part-way through \(3000 bytes; a cut-off download\?\)/,
    );
  });

  it('a body that is not a rankings-daily response, or has a bad token count', async () => {
    await fails(
      (_q, res) => res.writeHead(200).end('{"error": {"message": "oops"}}'),
      'bad-response',
      /expected a Data API rankings-daily response/,
    );
    await fails(
      (_q, res) =>
        res.writeHead(200).end(
          JSON.stringify({
            data: [{ date: '2026-06-01', model_permaslug: 'other', total_tokens: '1.5e12' }],
          }),
        ),
      'bad-response',
      /data\[0\]\.total_tokens" got "1\.5e12"; expected a whole number of tokens/,
    );
  });
});

describe('scripts/fetch.ts as a process', () => {
  const script = fileURLToPath(new URL('../../scripts/fetch.ts', import.meta.url));
  const run = (env: Record<string, string | undefined>, args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [script, ...args], {
        env: { ...process.env, OPENROUTER_API_KEY: undefined, ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('without a key prints one line on how to set it and exits 1', async () => {
    const r = await run({ DATA_DIR: emptyDataDir() }, ['--from', '2026-06-01']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^No API key: set OPENROUTER_API_KEY/),
    ]);
  });

  it('fetches from the base URL in OPENROUTER_API_BASE_URL and never prints the key', async () => {
    const server = await serve(replay);
    const dir = emptyDataDir();
    const r = await run(
      { DATA_DIR: dir, OPENROUTER_API_KEY: KEY, OPENROUTER_API_BASE_URL: server.base },
      ['--from', '2026-05-24', '--to', '2026-06-22'],
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /rankings-daily 2026-05-24 to 2026-06-22: 1530 rows, as_of 2026-06-23T07:46:09\.570Z/,
    );
    expect(r.stdout).toContain(
      'copied to data/raw/openrouter-data-api/rankings-daily/2026-06-22.json',
    );
    expect(r.stdout + r.stderr).not.toContain('SECRET');
    expect(server.requests[0]!.auth).toBe(`Bearer ${KEY}`);
  });
});
