/**
 * npm run fetch: OpenRouter Data API rankings-daily responses for a date range, saved under
 * data/raw/ and imported (through importFiles, so they are checked, named and merged exactly as
 * a file given to npm run import).
 *
 * - The key comes from OPENROUTER_API_KEY and is only ever put in the Authorization header:
 *   never printed, never written, never part of an error message.
 * - At most 30 requests in any minute (OpenRouter's limit per key); a 429 waits for its
 *   Retry-After; a 5xx or a failed connection is retried with growing waits, then fails.
 * - Every request has limits (FETCH_LIMITS: body size, connect timeout, idle timeout between
 *   bytes, total deadline), each reported by its name when hit: an upstream that stalls or
 *   floods fails the run in bounded time instead of hanging it or filling data/raw/.
 * - Every answer is checked against its request before anything is saved: its meta window is
 *   the window asked for, no row is dated after the last complete UTC day, and its as_of is
 *   neither in the future nor older than the figures already held for those days. One bad
 *   answer (a day in 2027, an as_of in 2099) would otherwise freeze every later run.
 * - Ranges are split into windows of at most 30 days (the window the API returns by default;
 *   assumed to be the longest it accepts).
 * - All or nothing: if any window fails, nothing is saved or imported.
 *
 * The side effects (clock, sleep, HTTP) come in as one effects object so tests run against the
 * local replay without waiting and without depending on today's date.
 *
 * Timeouts are undici's (the HTTP client inside Node's fetch): its Agent has a connect timeout
 * and a timeout between bytes of the headers and of the body, which AbortSignal.timeout alone
 * cannot give. Retries stay a small loop here, because their waits must go through the injected
 * sleep and honour Retry-After (a retry library's own timers would make tests wait).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utcDay } from 'd3-time';
import { Agent, fetch as undiciFetch } from 'undici';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { isCalendarDate } from '../pipeline/columns.ts';
import { apiDailyTokens } from '../pipeline/datasets.ts';
import { compareAsOf, parseApiResponse, type ApiResponse, type Restatement } from './data-api.ts';
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
/** How far ahead of our clock an as_of may be (clock skew between us and OpenRouter). */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/** The limits of one request. The names are the ones reported when a limit is hit. */
export interface FetchLimits {
  /** The largest body accepted. A real 30-day response is about 210 KB. */
  MAX_BODY_BYTES: number;
  /** Time to open the TCP (and TLS) connection. */
  CONNECT_TIMEOUT_MS: number;
  /** Longest silence between bytes, from the request to the headers and within the body. */
  IDLE_TIMEOUT_MS: number;
  /** Longest time for one request, from sending it to the last byte of the body. */
  REQUEST_DEADLINE_MS: number;
}

export const FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  MAX_BODY_BYTES: 16 * 1024 * 1024,
  CONNECT_TIMEOUT_MS: 15_000,
  IDLE_TIMEOUT_MS: 30_000,
  REQUEST_DEADLINE_MS: 120_000,
});

const LIMIT_WORDS: Record<keyof FetchLimits, (v: number) => string> = {
  MAX_BODY_BYTES: (v) => `the body is larger than ${v.toLocaleString('en-US')} bytes`,
  CONNECT_TIMEOUT_MS: (v) => `no connection within ${v / 1000} s`,
  IDLE_TIMEOUT_MS: (v) => `no byte arrived for ${v / 1000} s`,
  REQUEST_DEADLINE_MS: (v) => `the request took longer than ${v / 1000} s`,
};

export type FetchErrorKind =
  | 'no-key'
  | 'bad-range'
  | 'unauthorized'
  | 'server'
  | 'network'
  | 'rate-limited'
  | 'bad-request'
  | 'bad-response'
  | 'limit';

/** A fetch that cannot go ahead; data/ is unchanged. The message never holds the key. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  /** The limit hit, by name (kind 'limit'). */
  readonly limit?: keyof FetchLimits;
  constructor(kind: FetchErrorKind, message: string, limit?: keyof FetchLimits) {
    super(message);
    this.name = 'FetchError';
    this.kind = kind;
    if (limit) this.limit = limit;
  }
}

/** The side effects of a fetch (and of an update): injected by tests. */
export interface Effects {
  /** The time in ms since the epoch (it decides "yesterday" and whether an as_of is future). */
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The HTTP client; default: undici's fetch with the limits' timeouts. */
  fetch?: typeof globalThis.fetch;
}

export const realEffects = (): Effects => ({
  clock: Date.now,
  sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)),
});

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
  /** Per-request limits (tests use small ones); default FETCH_LIMITS. */
  limits?: Partial<FetchLimits>;
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

/** The last complete UTC day at `ms`: yesterday. */
export const lastCompleteDay = (ms: number): string =>
  isoDay(utcDay.offset(utcDay.floor(new Date(ms)), -1));

/** Dates and as_of of data/api-daily-tokens.csv (one pass), or null when there is no file. */
function heldDays(dataDir: string): Map<string, string> | null {
  const file = join(dataDir, apiDailyTokens.file);
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const col = (lines[0] ?? '').split(',').indexOf('as_of');
  const days = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const d = line.slice(0, 10);
    if (!isCalendarDate(d)) continue;
    const asOf = col >= 0 ? (line.split(',')[col] ?? '') : '';
    const had = days.get(d);
    if (had === undefined || (asOf && compareAsOf(asOf, had || null) > 0)) days.set(d, asOf);
  }
  return days;
}

/** The last date in data/api-daily-tokens.csv, or null when there is none. */
export function lastImportedDay(dataDir: string): string | null {
  const days = heldDays(dataDir);
  if (!days || days.size === 0) return null;
  return [...days.keys()].reduce((a, b) => (b > a ? b : a));
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
  private readonly fx: Effects;
  constructor(perMinute: number, fx: Effects) {
    this.perMinute = perMinute;
    this.fx = fx;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = this.fx.clock();
      while (this.stamps.length > 0 && this.stamps[0]! <= now - 60_000) this.stamps.shift();
      if (this.stamps.length < this.perMinute) {
        this.stamps.push(now);
        return;
      }
      await this.fx.sleep(this.stamps[0]! + 60_000 - now);
    }
  }
}

/** What every step of one fetch shares. */
interface Session {
  key: string;
  base: string;
  fx: Effects;
  limits: FetchLimits;
  http: typeof globalThis.fetch;
  rate: RateLimit;
  log: (line: string) => void;
  /** The last complete UTC day when the fetch started. */
  lastComplete: string;
  /** Days held and their as_of. */
  held: Map<string, string>;
}

/** An HTTP client bounded by the limits: undici with a connect timeout and idle timeouts. */
function limitedHttp(limits: FetchLimits): typeof globalThis.fetch {
  const dispatcher = new Agent({
    connect: { timeout: limits.CONNECT_TIMEOUT_MS },
    headersTimeout: limits.IDLE_TIMEOUT_MS,
    bodyTimeout: limits.IDLE_TIMEOUT_MS,
  });
  return ((url: string, init: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
}

/** The limit an error from the HTTP client stands for, if it stands for one. */
function limitOf(e: unknown): keyof FetchLimits | null {
  for (let x = e as { name?: string; code?: string; cause?: unknown } | undefined; x;) {
    if (x.name === 'TimeoutError') return 'REQUEST_DEADLINE_MS';
    if (x.code === 'UND_ERR_CONNECT_TIMEOUT') return 'CONNECT_TIMEOUT_MS';
    if (x.code === 'UND_ERR_HEADERS_TIMEOUT' || x.code === 'UND_ERR_BODY_TIMEOUT')
      return 'IDLE_TIMEOUT_MS';
    x = x.cause as typeof x;
  }
  return null;
}

function limitError(s: Session, name: keyof FetchLimits, what: string): FetchError {
  return new FetchError(
    'limit',
    `${name} hit for ${what}: ${LIMIT_WORDS[name](s.limits[name])}. Nothing was saved or imported; run npm run fetch again later.`,
    name,
  );
}

/** The body, read up to MAX_BODY_BYTES. */
async function readBody(s: Session, res: Response, what: string): Promise<Buffer> {
  const max = s.limits.MAX_BODY_BYTES;
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw limitError(s, 'MAX_BODY_BYTES', what);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw limitError(s, 'MAX_BODY_BYTES', what);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    const limit = limitOf(e);
    if (limit) throw limitError(s, limit, what);
    throw new FetchError(
      'bad-response',
      `The response for ${what} broke off while it was read (${(e as Error).message}). Nothing was saved or imported; run npm run fetch again.`,
    );
  }
  return Buffer.concat(chunks);
}

/** One window: requests (rate-limited, retried) until a 200 body arrives or the window fails. */
async function requestWindow(
  s: Session,
  w: { start: string; end: string },
): Promise<{ body: Buffer; requests: number }> {
  const url = `${s.base}/datasets/rankings-daily?start_date=${w.start}&end_date=${w.end}`;
  const what = `rankings-daily ${w.start} to ${w.end}`;
  const tries: Tries = { failures: 0, limited: 0, requests: 0 };
  for (;;) {
    await s.rate.take();
    tries.requests++;
    const res = await send(s, url, what, tries);
    if (!res) continue;
    if (res.status === 200) return { body: await readBody(s, res, what), requests: tries.requests };
    await answerNotOk(s, res, what, tries);
  }
}

/** A window's attempts so far: failures back off, 429s wait as asked; both are capped. */
interface Tries {
  failures: number;
  limited: number;
  requests: number;
}

/** Waits before the next attempt, doubling with each failure. */
async function backOff(s: Session, what: string, tries: Tries, why: string): Promise<void> {
  tries.failures++;
  const wait = BACKOFF_MS * 2 ** (tries.failures - 1);
  s.log(`  ${what}: ${why}; retrying in ${wait / 1000} s`);
  await s.fx.sleep(wait);
}

/** One request; undefined after a connection failure that is to be retried. */
async function send(
  s: Session,
  url: string,
  what: string,
  tries: Tries,
): Promise<Response | undefined> {
  const deadline = AbortSignal.timeout(s.limits.REQUEST_DEADLINE_MS);
  try {
    return await s.http(url, {
      headers: { Authorization: `Bearer ${s.key}`, Accept: 'application/json' },
      signal: deadline,
    });
  } catch (e) {
    const limit = limitOf(e);
    if (limit) throw limitError(s, limit, what);
    const why = String((e as Error).message).replaceAll(s.key, '…');
    if (tries.failures + 1 >= MAX_ATTEMPTS)
      throw new FetchError(
        'network',
        `Could not reach ${s.base} for ${what} after ${tries.failures + 1} attempts (${why}). Nothing was saved or imported; try again later.`,
      );
    await backOff(s, what, tries, `connection failed (${why})`);
    return undefined;
  }
}

/** A status other than 200: throws when it is final, or waits before the next attempt. */
async function answerNotOk(s: Session, res: Response, what: string, tries: Tries): Promise<void> {
  const text = (await res.text().catch(() => '')).replaceAll(s.key, '…').slice(0, 200);
  if (res.status === 401 || res.status === 403) {
    throw new FetchError(
      'unauthorized',
      `OpenRouter refused the key (HTTP ${res.status}) for ${what}: check that ${KEY_ENV} holds a valid, active API key. Nothing was saved or imported.`,
    );
  }
  if (res.status === 429) {
    tries.limited++;
    if (tries.limited >= MAX_RATE_LIMITED)
      throw new FetchError(
        'rate-limited',
        `OpenRouter kept answering 429 (too many requests) for ${what}, ${tries.limited} times. Nothing was saved or imported; the daily limit is 500 requests, so try again tomorrow.`,
      );
    const wait = retryAfterMs(res.headers.get('retry-after'), s.fx.clock());
    s.log(`  ${what}: rate-limited (429); waiting ${Math.ceil(wait / 1000)} s as Retry-After asks`);
    await s.fx.sleep(wait);
    return;
  }
  if (res.status >= 500) {
    if (tries.failures + 1 >= MAX_ATTEMPTS) {
      throw new FetchError(
        'server',
        `OpenRouter answered HTTP ${res.status} for ${what} ${tries.failures + 1} times in a row${text ? ` (${JSON.stringify(text)})` : ''}. Nothing was saved or imported; try again later.`,
      );
    }
    await backOff(s, what, tries, `HTTP ${res.status}`);
    return;
  }
  throw new FetchError(
    'bad-request',
    `OpenRouter answered HTTP ${res.status} for ${what}${text ? `: ${JSON.stringify(text)}` : ''}. Nothing was saved or imported.`,
  );
}

/** Parses a body and checks its fields (json.ts, data-api.ts). */
function parseBody(body: Buffer, label: string): ApiResponse {
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
  return parsed;
}

/**
 * The answer against the request: its window is the one asked for, no day is after the last
 * complete UTC day, its as_of is not in the future and not older than what is held for its days.
 */
export function checkAnswer(
  r: ApiResponse,
  w: { start: string; end: string },
  ctx: { now: number; lastComplete: string; held: ReadonlyMap<string, string>; label: string },
): void {
  const refuse = (field: string, value: string, expected: string) => {
    throw new FetchError(
      'bad-response',
      `${ctx.label}: field "${field}" got ${JSON.stringify(value)}; expected ${expected}. Nothing was saved or imported.`,
    );
  };
  if (r.startDate !== null && r.startDate !== w.start)
    refuse('meta.start_date', r.startDate, `${w.start}, the first day asked for`);
  if (r.endDate !== null && r.endDate !== w.end)
    refuse('meta.end_date', r.endDate, `${w.end}, the last day asked for`);
  for (const day of r.days) {
    if (day.date < w.start || day.date > w.end)
      refuse('data[].date', day.date, `a day within the window asked for, ${w.start} to ${w.end}`);
    if (day.date > ctx.lastComplete)
      refuse(
        'data[].date',
        day.date,
        `a complete UTC day, at most ${ctx.lastComplete} (a day after it has not ended yet)`,
      );
  }
  if (r.asOf !== null) {
    if (Date.parse(r.asOf) > ctx.now + MAX_CLOCK_SKEW_MS)
      refuse(
        'meta.as_of',
        r.asOf,
        `a time not after now (${new Date(ctx.now).toISOString()}, allowing ${MAX_CLOCK_SKEW_MS / 60_000} min of clock skew)`,
      );
    for (const day of r.days) {
      const had = ctx.held.get(day.date);
      if (had && compareAsOf(r.asOf, had) < 0)
        refuse(
          'meta.as_of',
          r.asOf,
          `a time not before the as_of already held for ${day.date} (${had}): an older answer cannot replace newer figures`,
        );
    }
  }
}

/** The range asked for: the flags, else the day after the last held day to the last complete day. */
function resolveRange(
  opts: FetchOptions,
  held: Map<string, string>,
  lastComplete: string,
): { from: string; to: string; last: string | null } {
  const last = held.size > 0 ? [...held.keys()].reduce((a, b) => (b > a ? b : a)) : null;
  const from = opts.from ?? (last ? isoDay(utcDay.offset(dayOf(last), 1)) : undefined);
  const to = opts.to ?? lastComplete;
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
  if (to > lastComplete)
    throw new FetchError(
      'bad-range',
      `--to ${to}: expected a complete UTC day, at most ${lastComplete} (yesterday)`,
    );
  return { from, to, last };
}

function session(opts: FetchOptions): Session {
  const fx: Effects = {
    ...realEffects(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  };
  const limits = { ...FETCH_LIMITS, ...opts.limits };
  const key = opts.key ?? process.env[KEY_ENV];
  if (!key) {
    throw new FetchError(
      'no-key',
      `No API key: set ${KEY_ENV} to an OpenRouter API key (export ${KEY_ENV}=… ; any key of your OpenRouter account), then run npm run fetch again.`,
    );
  }
  return {
    key,
    base: (opts.baseUrl ?? process.env[BASE_URL_ENV] ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    fx,
    limits,
    http: opts.fetch ?? limitedHttp(limits),
    rate: new RateLimit(REQUESTS_PER_MINUTE, fx),
    log: opts.log ?? (() => {}),
    lastComplete: lastCompleteDay(fx.clock()),
    held: heldDays(opts.dataDir) ?? new Map(),
  };
}

/**
 * One window fetched, checked and staged: the file to import, or none for an empty window (no
 * day upstream yet: saving it would add a raw file every run).
 */
async function fetchWindow(
  s: Session,
  w: { start: string; end: string },
  staging: string,
): Promise<{ result: WindowResult; file?: string }> {
  const { body, requests } = await requestWindow(s, w);
  const label = `the response for rankings-daily ${w.start} to ${w.end}`;
  const parsed = parseBody(body, label);
  checkAnswer(parsed, w, { now: s.fx.clock(), lastComplete: s.lastComplete, held: s.held, label });
  const result: WindowResult = { ...w, requests, asOf: parsed.asOf, rows: parsed.rowCount };
  if (parsed.days.length === 0) return { result };
  const file = join(staging, `rankings-daily-${w.start}-to-${w.end}.json`);
  writeFileAtomic(file, body);
  return { result, file };
}

export async function fetchRankings(opts: FetchOptions): Promise<FetchResult> {
  const s = session(opts);
  const { from, to, last } = resolveRange(opts, s.held, s.lastComplete);
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
  s.log(report[0]!);
  const staging = mkdtempSync(join(tmpdir(), 'openrouter-fetch-'));
  try {
    const files: string[] = [];
    const results: WindowResult[] = [];
    for (const w of plan) {
      const { result, file } = await fetchWindow(s, w, staging);
      if (file) files.push(file);
      results.push(result);
      const line = `  rankings-daily ${w.start} to ${w.end}: ${result.rows} rows, as_of ${result.asOf ?? 'unknown'}`;
      report.push(line);
      s.log(line);
    }
    const requests = results.reduce((n, r) => n + r.requests, 0);
    if (files.length === 0) {
      report.push('No day in the answers: nothing saved or imported.');
      return { ...empty, outcome: 'unchanged', windows: results, requests, report };
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
