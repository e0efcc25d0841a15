/**
 * npm run fetch: OpenRouter Data API rankings-daily responses for a date range, saved under
 * data/raw/ and imported (through importFiles, so they are checked, named and merged exactly as
 * a file given to npm run import).
 *
 * - The key comes from OPENROUTER_API_KEY and is only ever put in the Authorization header:
 *   never printed, never written, never part of an error message.
 * - At most 30 requests in any minute (OpenRouter's limit per key); a 429 waits for its
 *   Retry-After; a 5xx or a failed connection is retried with growing waits, then fails.
 * - Ranges are split into windows of at most 30 days (the window the API returns by default;
 *   assumed to be the longest it accepts).
 * - All or nothing: if any window fails, nothing is saved or imported.
 * Clock, sleep and fetch are injectable so tests run against a local server without waiting.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utcDay } from 'd3-time';
import { isCalendarDate } from '../pipeline/columns.ts';
import { apiDailyTokens } from '../pipeline/datasets.ts';
import { parseApiResponse, type Restatement } from './data-api.ts';
import { detectFormat } from './detect.ts';
import { readJson } from './json.ts';
import { FileProblems, formatImportProblem } from './problems.ts';
import { importFiles, type ImportResult } from './run.ts';

export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';
/** Environment variable that overrides the API base URL (tests point it at 127.0.0.1). */
export const BASE_URL_ENV = 'OPENROUTER_API_BASE_URL';
export const KEY_ENV = 'OPENROUTER_API_KEY';
/** The longest window requested at once (assumed: the API's default window is 30 days). */
export const MAX_WINDOW_DAYS = 30;
export const REQUESTS_PER_MINUTE = 30;
/** Attempts for one window when the server fails (5xx) or the connection breaks. */
export const MAX_ATTEMPTS = 4;
/** The first wait after a failure; each further wait doubles. */
export const BACKOFF_MS = 2_000;
/** Attempts for one window that the server rate-limits (429). */
export const MAX_RATE_LIMITED = 5;

export type FetchErrorKind =
  | 'no-key'
  | 'bad-range'
  | 'unauthorized'
  | 'server'
  | 'network'
  | 'rate-limited'
  | 'bad-request'
  | 'bad-response';

/** A fetch that cannot go ahead; data/ is unchanged. The message never holds the key. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  constructor(kind: FetchErrorKind, message: string) {
    super(message);
    this.name = 'FetchError';
    this.kind = kind;
  }
}

export interface FetchOptions {
  dataDir: string;
  /** First and last day (YYYY-MM-DD, UTC). Defaults: the day after the last imported day; yesterday. */
  from?: string;
  to?: string;
  /** The API key; default: process.env.OPENROUTER_API_KEY. */
  key?: string;
  /** Default: process.env.OPENROUTER_API_BASE_URL, else https://openrouter.ai/api/v1. */
  baseUrl?: string;
  /** Injectable for tests: the time (ms), a wait, the HTTP client. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof globalThis.fetch;
  log?: (line: string) => void;
}

export interface WindowResult {
  start: string;
  end: string;
  /** HTTP requests made for this window (retries included). */
  requests: number;
  asOf: string | null;
  rows: number;
}

export interface FetchResult {
  /** 'nothing-to-fetch' when the data is already up to date for the range. */
  outcome: 'changed' | 'unchanged' | 'nothing-to-fetch';
  from: string;
  to: string;
  windows: WindowResult[];
  requests: number;
  /** The import of the saved responses (absent when nothing was fetched). */
  import?: ImportResult;
  daysAdded: string[];
  restatements: Restatement[];
  /** The lines npm run fetch prints (the import report included). */
  report: string[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The last date in data/api-daily-tokens.csv, or null when there is none. */
export function lastImportedDay(dataDir: string): string | null {
  const file = join(dataDir, apiDailyTokens.file);
  if (!existsSync(file)) return null;
  let last: string | null = null;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const d = line.slice(0, 10);
    if (isCalendarDate(d) && (last === null || d > last)) last = d;
  }
  return last;
}

/** [from, to] cut into windows of at most `max` days, in order. */
export function windows(
  from: string,
  to: string,
  max = MAX_WINDOW_DAYS,
): Array<{ start: string; end: string }> {
  const out: Array<{ start: string; end: string }> = [];
  const last = dayOf(to);
  for (let start = dayOf(from); start <= last; start = utcDay.offset(start, max)) {
    const end = utcDay.offset(start, max - 1);
    out.push({ start: isoDay(start), end: isoDay(end < last ? end : last) });
  }
  return out;
}

/** Seconds or an HTTP date in Retry-After, as milliseconds to wait (at least 1 s). */
export function retryAfterMs(header: string | null, now: number): number {
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs) && secs >= 0) return Math.max(1000, secs * 1000);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(1000, at - now);
  }
  return 60_000;
}

/** At most `perMinute` requests in any 60 seconds. */
class RateLimit {
  private readonly stamps: number[] = [];
  private readonly perMinute: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(perMinute: number, clock: () => number, sleep: (ms: number) => Promise<void>) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.sleep = sleep;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock();
      while (this.stamps.length > 0 && this.stamps[0]! <= now - 60_000) this.stamps.shift();
      if (this.stamps.length < this.perMinute) {
        this.stamps.push(now);
        return;
      }
      await this.sleep(this.stamps[0]! + 60_000 - now);
    }
  }
}

export async function fetchRankings(opts: FetchOptions): Promise<FetchResult> {
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const http = opts.fetch ?? globalThis.fetch;
  const key = opts.key ?? process.env[KEY_ENV];
  if (!key) {
    throw new FetchError(
      'no-key',
      `No API key: set ${KEY_ENV} to an OpenRouter API key (export ${KEY_ENV}=… ; any key of your OpenRouter account), then run npm run fetch again.`,
    );
  }
  const base = (opts.baseUrl ?? process.env[BASE_URL_ENV] ?? DEFAULT_BASE_URL).replace(/\/+$/, '');

  const last = lastImportedDay(opts.dataDir);
  const from = opts.from ?? (last ? isoDay(utcDay.offset(dayOf(last), 1)) : undefined);
  const to = opts.to ?? isoDay(utcDay.offset(utcDay.floor(new Date(clock())), -1));
  if (from === undefined)
    throw new FetchError(
      'bad-range',
      'No --from: data/api-daily-tokens.csv has no days yet, so give the first day, e.g. npm run fetch -- --from 2026-05-20',
    );
  for (const [flag, d] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!isCalendarDate(d))
      throw new FetchError(
        'bad-range',
        `${flag} ${JSON.stringify(d)}: expected a date as YYYY-MM-DD`,
      );
  }
  const empty = { from, to, windows: [], requests: 0, daysAdded: [], restatements: [] };
  if (from > to) {
    return {
      ...empty,
      outcome: 'nothing-to-fetch',
      report: [
        `Nothing to fetch: the data already runs to ${last ?? to} (--from ${from} is after --to ${to}).`,
      ],
    };
  }

  const plan = windows(from, to);
  const report = [
    `Fetching OpenRouter rankings-daily ${from} to ${to}: ${plan.length} request(s) of at most ${MAX_WINDOW_DAYS} days (the API's assumed maximum), at most ${REQUESTS_PER_MINUTE} a minute.`,
  ];
  log(report[0]!);
  const limit = new RateLimit(REQUESTS_PER_MINUTE, clock, sleep);
  const staging = mkdtempSync(join(tmpdir(), 'openrouter-fetch-'));
  const results: WindowResult[] = [];
  let requests = 0;
  try {
    const files: string[] = [];
    for (const w of plan) {
      const url = `${base}/datasets/rankings-daily?start_date=${w.start}&end_date=${w.end}`;
      const what = `rankings-daily ${w.start} to ${w.end}`;
      let attempts = 0;
      let limited = 0;
      let body: Buffer | undefined;
      let windowRequests = 0;
      while (body === undefined) {
        await limit.take();
        requests++;
        windowRequests++;
        let res: Response;
        try {
          res = await http(url, {
            headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
          });
        } catch (e) {
          attempts++;
          const why = (e as Error).message.replaceAll(key, '…');
          if (attempts >= MAX_ATTEMPTS)
            throw new FetchError(
              'network',
              `Could not reach ${base} for ${what} after ${attempts} attempts (${why}). Nothing was saved or imported; try again later.`,
            );
          const wait = BACKOFF_MS * 2 ** (attempts - 1);
          log(`  ${what}: connection failed (${why}); retrying in ${wait / 1000} s`);
          await sleep(wait);
          continue;
        }
        if (res.status === 200) {
          try {
            body = Buffer.from(await res.arrayBuffer());
          } catch (e) {
            throw new FetchError(
              'bad-response',
              `The response for ${what} broke off while it was read (${(e as Error).message}). Nothing was saved or imported; run npm run fetch again.`,
            );
          }
          break;
        }
        const text = (await res.text().catch(() => '')).replaceAll(key, '…').slice(0, 200);
        if (res.status === 401 || res.status === 403) {
          throw new FetchError(
            'unauthorized',
            `OpenRouter refused the key (HTTP ${res.status}) for ${what}: check that ${KEY_ENV} holds a valid, active API key. Nothing was saved or imported.`,
          );
        }
        if (res.status === 429) {
          limited++;
          if (limited >= MAX_RATE_LIMITED)
            throw new FetchError(
              'rate-limited',
              `OpenRouter kept answering 429 (too many requests) for ${what}, ${limited} times. Nothing was saved or imported; the daily limit is 500 requests, so try again tomorrow.`,
            );
          const wait = retryAfterMs(res.headers.get('retry-after'), clock());
          log(
            `  ${what}: rate-limited (429); waiting ${Math.ceil(wait / 1000)} s as Retry-After asks`,
          );
          await sleep(wait);
          continue;
        }
        if (res.status >= 500) {
          attempts++;
          if (attempts >= MAX_ATTEMPTS) {
            throw new FetchError(
              'server',
              `OpenRouter answered HTTP ${res.status} for ${what} ${attempts} times in a row${text ? ` (${JSON.stringify(text)})` : ''}. Nothing was saved or imported; try again later.`,
            );
          }
          const wait = BACKOFF_MS * 2 ** (attempts - 1);
          log(`  ${what}: HTTP ${res.status}; retrying in ${wait / 1000} s`);
          await sleep(wait);
          continue;
        }
        throw new FetchError(
          'bad-request',
          `OpenRouter answered HTTP ${res.status} for ${what}${text ? `: ${JSON.stringify(text)}` : ''}. Nothing was saved or imported.`,
        );
      }

      // Check the body before it goes anywhere near data/.
      const label = `the response for ${what}`;
      const json = readJson(body, label);
      if (!json.ok)
        throw new FetchError(
          'bad-response',
          `${formatImportProblem(json.problem)}. Nothing was saved or imported.`,
        );
      if (detectFormat(json.value) !== 'data-api-rankings-daily') {
        throw new FetchError(
          'bad-response',
          `${label}: expected a Data API rankings-daily response (data: rows of date, model_permaslug, total_tokens; meta.as_of). Nothing was saved or imported.`,
        );
      }
      const problems = new FileProblems(label);
      const parsed = parseApiResponse(json.value, problems);
      if (!parsed || problems.count > 0) {
        throw new FetchError(
          'bad-response',
          `${problems.items.map(formatImportProblem).join('\n')}\nNothing was saved or imported.`,
        );
      }
      const file = join(staging, `rankings-daily-${w.start}-to-${w.end}.json`);
      writeFileSync(file, body);
      files.push(file);
      const r: WindowResult = {
        start: w.start,
        end: w.end,
        requests: windowRequests,
        asOf: parsed.asOf,
        rows: parsed.rowCount,
      };
      results.push(r);
      const line = `  ${what}: ${r.rows} rows, as_of ${r.asOf ?? 'unknown'}`;
      report.push(line);
      log(line);
    }
    const imported = await importFiles({ dataDir: opts.dataDir, paths: files, cwd: staging });
    report.push(...imported.report);
    return {
      outcome: imported.outcome,
      from,
      to,
      windows: results,
      requests,
      import: imported,
      daysAdded: imported.daysAdded,
      restatements: imported.restatements,
      report,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
