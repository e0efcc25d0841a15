/**
 * The host, Cloudflare Pages, run locally: `wrangler pages dev` serves a built site under
 * workerd, Cloudflare's own runtime, which reads dist/_headers and applies it (and its own
 * defaults) as Cloudflare Pages does in production. The browser tests, `npm run serve:host` and
 * the held build's preview all start it here, so what we test is what the host does with our
 * headers, not what a stand-in of ours thinks it does. It runs offline (it prints a warning when
 * it cannot fetch `Request.cf` from Cloudflare, and carries on).
 *
 * The runtime refuses a compatibility date later than its own build date, so the date is fixed
 * here (and given to `wrangler pages deploy` too, so production runs with the same one).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Workers compatibility date: no later than the pinned workerd's build date (1.20260426.x). */
export const HOST_COMPATIBILITY_DATE = '2026-04-01';

export interface HostServer {
  /** Origin + base path, ending in "/". */
  url: string;
  origin: string;
  /** Everything the runtime printed so far (stdout and stderr). */
  log: () => string;
  close: () => Promise<void>;
}

export interface HostOptions {
  /** Port on 127.0.0.1; 0 (default) lets the runtime take a free one, which it then reports. */
  port?: number;
  /** The base path the site was built with; the site is served under it. */
  basePath?: string;
  /** How long to wait for the runtime to say it is ready (default 90 s). */
  timeoutMs?: number;
  /** Print the runtime's output as it comes (npm run serve:host). */
  echo?: boolean;
}

/** The arguments of `wrangler pages dev` for a folder and port. */
export function pagesDevArgs(dir: string, port: number): string[] {
  return [
    'pages',
    'dev',
    dir,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    '0',
    '--compatibility-date',
    HOST_COMPATIBILITY_DATE,
    '--live-reload=false',
    '--show-interactive-dev-session=false',
  ];
}

/**
 * A site built under a base path lives at the top of `dir`, but the host serves the folder at
 * its root: a temporary folder puts it under the base (a symlink) with _headers at the top.
 */
function servedFolder(dir: string, base: string): { dir: string; cleanup: () => void } {
  if (base === '/') return { dir, cleanup: () => {} };
  const root = mkdtempSync(join(tmpdir(), 'host-base-'));
  const under = join(root, base.replace(/^\/|\/$/g, ''));
  mkdirSync(join(under, '..'), { recursive: true });
  symlinkSync(resolve(dir), under, 'dir');
  if (existsSync(join(dir, '_headers')))
    copyFileSync(join(dir, '_headers'), join(root, '_headers'));
  return { dir: root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The wrangler CLI of this project (node_modules/.bin), run with the Node running us. */
function wranglerBin(): string {
  const bin = fileURLToPath(
    new URL('../../../node_modules/wrangler/bin/wrangler.js', import.meta.url),
  );
  if (!existsSync(bin))
    throw new Error(
      `wrangler is not installed (${bin} missing): run npm ci (it is a dev dependency).`,
    );
  return bin;
}

/** Starts the host's local runtime on `dir`; resolves once it serves requests. */
export async function startHost(dir: string, opts: HostOptions = {}): Promise<HostServer> {
  if (!existsSync(join(dir, 'index.html')))
    throw new Error(`No built site in ${dir} (no index.html): build it first (npm run build).`);
  const base = (opts.basePath ?? '/').replace(/\/?$/, '/').replace(/^\/?/, '/');
  const served = servedFolder(dir, base);
  const child = spawnWrangler(served.dir, opts.port ?? 0);
  const { ready, log } = readyOrigin(child, opts);
  let origin: string;
  try {
    origin = await ready;
  } catch (e) {
    if (child.pid) killGroup(child.pid);
    served.cleanup();
    throw e;
  }
  return {
    origin,
    url: `${origin}${base}`,
    log,
    close: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        killGroup(child.pid);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      served.cleanup();
    },
  };
}

/** wrangler pages dev on a folder, in a process group of its own (so closing ends workerd too). */
function spawnWrangler(dir: string, port: number): ChildProcess {
  return spawn(process.execPath, [wranglerBin(), ...pagesDevArgs(dir, port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      NO_COLOR: '1',
      // Its local state (none for a static site) goes to a temporary folder, not the project.
      WRANGLER_LOG_PATH: join(tmpdir(), 'wrangler-logs'),
    },
  });
}

/** The origin wrangler prints once it serves ("Ready on ..."); rejects on exit or timeout. */
function readyOrigin(
  child: ChildProcess,
  opts: HostOptions,
): { ready: Promise<string>; log: () => string } {
  let out = '';
  const ready = new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `wrangler pages dev did not say "Ready on" within ${opts.timeoutMs ?? 90_000} ms:\n${out}`,
          ),
        ),
      opts.timeoutMs ?? 90_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (opts.echo) process.stdout.write(text);
      const m = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveReady(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler pages dev exited (${code}) before it was ready:\n${out}`));
    });
  });
  return { ready, log: () => out };
}

/** Ends wrangler and the workerd it started (one process group, started by us). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** What a real deploy needs from the environment (repository secrets and a variable in CI). */
export const DEPLOY_ENV = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID', 'CF_PAGES_PROJECT'];

/**
 * The `wrangler pages deploy` arguments for a built folder, or the reasons it must not be
 * deployed: a variable missing (for a real deploy), or a site built for this machine (its
 * canonical address is the local preview's), which would publish links to 127.0.0.1.
 */
export function deployPlan(
  dir: string,
  env: Record<string, string | undefined>,
  canonical: string,
  dryRun: boolean,
): { args: string[]; problems: string[] } {
  const problems: string[] = [];
  if (!dryRun) for (const k of DEPLOY_ENV) if (!env[k]?.trim()) problems.push(`${k} is not set`);
  if (!dryRun && /^https?:\/\/(127\.0\.0\.1|localhost)\b/.test(canonical))
    problems.push(
      `${dir} was built for this machine (canonical ${canonical}): build it with SITE_URL (npm run build:deploy, or npm run update with DEPLOY=1)`,
    );
  const args = [
    'pages',
    'deploy',
    dir,
    '--project-name',
    env.CF_PAGES_PROJECT?.trim() || '<CF_PAGES_PROJECT>',
    '--branch',
    env.CF_PAGES_BRANCH?.trim() || 'main',
    '--commit-dirty=true',
  ];
  return { args, problems };
}
