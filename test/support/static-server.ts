/**
 * The other origins of the browser tests: a newsroom's page that embeds our charts, a forger's
 * page. Our own site is served by the host's runtime (src/publish/site/host.ts), not by this.
 *
 * A static file server on 127.0.0.1: serves
 * `dir` under `basePath`, directory URLs from index.html, 404 for anything else. When `dir`
 * has a _headers file (the build writes one), its rules are applied to every file served, as
 * Netlify or Cloudflare Pages would (test/support/headers-file.ts), so the browser sees the
 * real Content-Security-Policy, frame-ancestors and CORS headers.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { headersFor, parseHeadersFile } from './headers-file.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  /** Origin + base path, ending in "/". */
  url: string;
  origin: string;
  close: () => Promise<void>;
}

export interface ServeOptions {
  basePath?: string;
  port?: number;
  /** Extra pages (path -> HTML) served as they are, e.g. a host page. */
  extra?: Record<string, string>;
  /** Apply `dir`/_headers when present (default true). */
  headersFile?: boolean;
}

export async function serveStatic(dir: string, opts: ServeOptions = {}): Promise<StaticServer> {
  const base = (opts.basePath ?? '/').replace(/\/?$/, '/');
  const rulesFile = join(dir, '_headers');
  const rules =
    opts.headersFile !== false && existsSync(rulesFile)
      ? parseHeadersFile(readFileSync(rulesFile, 'utf8'))
      : [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (opts.extra?.[path] !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(opts.extra[path]);
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        file = join(file, 'index.html');
        s = await stat(file);
      }
      res.writeHead(200, {
        ...headersFor(rules, path),
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': s.size,
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
