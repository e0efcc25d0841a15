/**
 * A local replay of OpenRouter's Data API (rankings-daily) on 127.0.0.1, for the fetch and update
 * tests and the update benchmark: no test reaches the internet.
 *
 * - `replay` answers with the real saved responses in data/raw/ (the exact window when one was
 *   saved; otherwise the rows of the latest saved response that fall in the window).
 * - `fixtureReplay` answers any window from a given set of rows: the latest real response plus
 *   days made by `deriveDay` from real days (dates shifted, values scaled). Those are TEST
 *   FIXTURES, made in memory or in a test's temp folder, never written to data/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const API_RAW = join(ROOT, 'data/raw/openrouter-data-api/rankings-daily');

export interface ApiRow {
  date: string;
  model_permaslug: string;
  total_tokens: string;
}
export interface ApiBody {
  data: ApiRow[];
  meta?: { start_date: string; end_date: string; as_of: string; version?: string };
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  q: { start: string; end: string },
) => void;

export interface Replay {
  /** The API base URL (what OPENROUTER_API_BASE_URL takes). */
  base: string;
  requests: Array<{ start: string; end: string; auth: string | undefined }>;
  close: () => Promise<void>;
}

const servers: Server[] = [];

/** Closes every server `serve` started (call in afterEach/afterAll). */
export async function closeServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map((s) => {
      const closed = new Promise((r) => s.close(r));
      s.closeAllConnections(); // a stalled or silent handler never ends its response
      return closed;
    }),
  );
}

/** A server on 127.0.0.1 (a free port) answering each rankings-daily request with the handler. */
export async function serve(handler: Handler): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = {
      start: url.searchParams.get('start_date') ?? '',
      end: url.searchParams.get('end_date') ?? '',
    };
    requests.push({ ...q, auth: req.headers.authorization });
    if (url.pathname !== '/api/v1/datasets/rankings-daily') {
      res.writeHead(404).end('not found');
      return;
    }
    handler(req, res, q);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () =>
      new Promise((r) => {
        servers.splice(servers.indexOf(server), 1);
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** The real saved responses. */
export const saved = readdirSync(API_RAW)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const bytes = readFileSync(join(API_RAW, f));
    return { file: f, bytes, json: JSON.parse(bytes.toString('utf8')) as ApiBody };
  });

/** The latest real response of the first six (2026-05-24 to 2026-06-22, as_of 2026-06-23T07:46:09.570Z). */
export const latest = saved.find((s) => s.file === '2026-06-22.json')!.json;

/** The newest real response held (2026-08-13 to 2026-09-11, as_of 2026-09-12T11:01:12.873Z). */
export const newest = saved.find((s) => s.file === '2026-09-11.json')!.json;

const json = (res: ServerResponse, body: ApiBody) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Replays the saved responses; other windows are cut from the latest one (its rows in the window). */
export const replay: Handler = (_req, res, q) => {
  const exact = saved.find(
    (s) => s.json.meta?.start_date === q.start && s.json.meta?.end_date === q.end,
  );
  if (exact) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(exact.bytes);
    return;
  }
  json(res, {
    data: latest.data.filter((r) => r.date >= q.start && r.date <= q.end),
    meta: { ...latest.meta!, start_date: q.start, end_date: q.end },
  });
};

/** Answers any window with the given rows that fall in it, under the given as_of (a window
 *  past the last row gets an empty `data`, as the API gives for days it does not have yet). */
export function fixtureReplay(rows: readonly ApiRow[], asOf: string): Handler {
  return (_req, res, q) =>
    json(res, {
      data: rows.filter((r) => r.date >= q.start && r.date <= q.end),
      meta: { as_of: asOf, start_date: q.start, end_date: q.end, version: 'v1' },
    });
}

/** Origins of authors, from data/labs.csv (slug -> CN, US, other, undisclosed). */
export function origins(): Map<string, string> {
  const lines = readFileSync(join(ROOT, 'data/labs.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean);
  return new Map(
    lines.map((l) => {
      const [slug, , origin] = l.split(',');
      return [slug!, origin!];
    }),
  );
}

/**
 * A TEST FIXTURE: the rows of a real day of the latest response, re-dated to `to`, each count
 * scaled by `scale(row, origin)` (rounded to a whole number), in descending order with `other`
 * last, as the API orders a day.
 */
export function deriveDay(
  from: string,
  to: string,
  scale: (row: ApiRow, origin: string | undefined) => number = () => 1,
  source: ApiBody = latest,
): ApiRow[] {
  const labs = origins();
  const rows = source.data.filter((r) => r.date === from);
  if (rows.length === 0) throw new Error(`the saved response has no day ${from}`);
  const out = rows.map((r) => {
    const origin =
      r.model_permaslug === 'other' ? undefined : labs.get(r.model_permaslug.split('/')[0]!);
    return {
      date: to,
      model_permaslug: r.model_permaslug,
      total_tokens: String(Math.round(Number(r.total_tokens) * scale(r, origin))),
    };
  });
  const other = out.filter((r) => r.model_permaslug === 'other');
  return [
    ...out
      .filter((r) => r.model_permaslug !== 'other')
      .sort((a, b) => Number(b.total_tokens) - Number(a.total_tokens)),
    ...other,
  ];
}

/** The latest response's rows with some days replaced or added (by date). */
export function withDays(...days: ApiRow[][]): ApiRow[] {
  return withDaysOf(latest, ...days);
}

/** A response's rows with some days replaced or added (by date). */
export function withDaysOf(source: ApiBody, ...days: ApiRow[][]): ApiRow[] {
  const dates = new Set(days.flat().map((r) => r.date));
  return [...source.data.filter((r) => !dates.has(r.date)), ...days.flat()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}

/** HOSTILE ANSWERS for the limit tests: each answers every window in a way a broken or
 *  malicious upstream could. */
export const hostile = {
  /** `mb` megabytes of JSON-looking bytes, streamed without a Content-Length. */
  huge:
    (mb: number): Handler =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = (mb * 1024 * 1024) / chunk.length;
      const write = () => {
        while (left > 0) {
          left--;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      write();
    },
  /** The headers and the first bytes of a real body, then nothing, for ever. */
  stalled: ((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data": [');
  }) as Handler,
  /** Accepts the request and never answers. */
  silent: (() => {}) as Handler,
  /** One byte every `ms` milliseconds, for ever (never idle, never done). */
  trickle:
    (ms: number): Handler =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), ms);
      res.on('close', () => clearInterval(t));
    },
};

/**
 * A port that accepts no connection: a listening socket whose accept queue is full, so the
 * kernel drops further SYNs and a client's connect hangs (as a host behind a silent firewall
 * does). The socket lives in a child process whose event loop is blocked (it never calls
 * accept); this process fills its backlog with idle connections. `close` kills the child.
 * A non-routable address would do the same on the internet, but fails at once without a route.
 */
export async function unaccepting(): Promise<{ base: string; close: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(String(s.address().port) + '\\n', () =>
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`the listening child exited (${code})`)));
  });
  // Connections the kernel completes on its own until the queue is full (backlog + 1 on Linux);
  // one that is still pending after 200 ms proves the queue full.
  const fillers: Socket[] = [];
  for (let full = false; !full && fillers.length < 16;) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
    full = await new Promise<boolean>((r) => {
      const t = setTimeout(() => r(true), 200);
      s.once('connect', () => (clearTimeout(t), r(false)));
    });
  }
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    close: () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}
