/**
 * The deploy to Cloudflare Pages, without a token: `npm run deploy -- --dry-run` serves the built
 * site under the host's local runtime, checks its pages come back with their policy and prints
 * the wrangler command; a real deploy without the secrets, or of a site built for this machine,
 * stops before anything runs. And `npm run serve:host` serves a folder (the held build, say) on
 * the port the editor gives.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY_ENV, deployPlan } from '../../src/publish/site/host.ts';
import { ROOT } from './project.ts';

const node = (args: string[], env: Record<string, string | undefined> = {}) =>
  spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CLOUDFLARE_API_TOKEN: '', CLOUDFLARE_ACCOUNT_ID: '', ...env },
    timeout: 120_000,
  });

describe('npm run deploy', () => {
  it('--dry-run: the local preview serves every page with its policy, and the command is printed', () => {
    const r = node(['scripts/deploy.ts', '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Local preview \(wrangler pages dev\): \d+ header rules read/);
    expect(r.stdout).toContain('Dry run: would run wrangler pages deploy dist --project-name');
    expect(r.stdout).toContain('Nothing was deployed.');
  });

  it('without the secrets, or with a site built for this machine, it stops and says why', () => {
    const r = node(['scripts/deploy.ts']);
    expect(r.status).toBe(2);
    for (const k of DEPLOY_ENV) expect(r.stderr).toContain(`${k} is not set`);
    expect(r.stderr).toContain('was built for this machine');
    expect(r.stderr).toContain('Nothing was deployed.');
    expect(r.stdout).not.toContain('Running wrangler');
    const missing = node(['scripts/deploy.ts', '--dry-run', '--dir', 'no-such-dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-dir has no built site');
  });

  it('plans wrangler pages deploy with the project from CF_PAGES_PROJECT', () => {
    const env = {
      CLOUDFLARE_API_TOKEN: 't',
      CLOUDFLARE_ACCOUNT_ID: 'a',
      CF_PAGES_PROJECT: 'token-flip',
    };
    const ok = deployPlan('dist', env, 'https://graphics.example.org/', false);
    expect(ok.problems).toEqual([]);
    expect(ok.args).toEqual([
      'pages',
      'deploy',
      'dist',
      '--project-name',
      'token-flip',
      '--branch',
      'main',
      '--commit-dirty=true',
    ]);
    expect(deployPlan('dist', env, 'http://127.0.0.1:4321/', false).problems).toHaveLength(1);
  });
});

/** A port nobody listens on right now (the server that found it is closed first). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('npm run serve:host', () => {
  it('serves a built folder on the port given, under the host runtime, until stopped', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['scripts/serve-host.ts', '--port', String(port), '--dir', join(ROOT, 'dist')],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect
        .poll(() => out, { timeout: 90_000, interval: 200 })
        .toContain(`under Cloudflare Pages' local runtime: http://127.0.0.1:${port}/`);
      const r = await fetch(`http://127.0.0.1:${port}/methodology/`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const bad = node(['scripts/serve-host.ts', '--port', 'eighty']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port: expected a port number from 0 to 65535, got "eighty"');
  });
});
