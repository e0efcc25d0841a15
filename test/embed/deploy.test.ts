/**
 * Production URLs: a build for deployment (npm run build:deploy, or a Netlify / Cloudflare Pages
 * build) without a public SITE_URL stops and says how to set it, instead of writing the preview
 * address into canonical links, social cards, embed codes and oEmbed. Local builds, npm start,
 * npm test and CI need no SITE_URL (this very suite runs without one).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_SITE_URL, isDeployBuild, siteUrlFor } from '../../src/publish/site/deploy.ts';
import { ROOT } from './helpers.ts';

describe('which address a build writes', () => {
  it('local builds use the preview address, or SITE_URL when given', () => {
    expect(siteUrlFor({})).toBe(LOCAL_SITE_URL);
    expect(siteUrlFor({ CI: 'true' })).toBe(LOCAL_SITE_URL);
    expect(siteUrlFor({ SITE_URL: 'https://graphics.example.org' })).toBe(
      'https://graphics.example.org',
    );
  });

  it('deployment builds are npm run build:deploy (DEPLOY=1) and builds on Netlify or Cloudflare Pages', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['build:deploy']).toMatch(/^DEPLOY=1 npm run build$/);
    for (const env of [{ DEPLOY: '1' }, { DEPLOY: 'true' }, { NETLIFY: 'true' }, { CF_PAGES: '1' }])
      expect(isDeployBuild(env), JSON.stringify(env)).toBe(true);
    for (const env of [{}, { DEPLOY: '0' }, { CI: 'true' }])
      expect(isDeployBuild(env), JSON.stringify(env)).toBe(false);
  });

  it('a deployment build needs a public origin, and says how to give one', () => {
    expect(() => siteUrlFor({ DEPLOY: '1' })).toThrow(
      /SITE_URL is not set.*\n\n\s+SITE_URL=https:\/\/\S+ npm run build:deploy/s,
    );
    expect(() => siteUrlFor({ NETLIFY: 'true', SITE_URL: ' ' })).toThrow(/SITE_URL is not set/);
    expect(() => siteUrlFor({ DEPLOY: '1', SITE_URL: 'graphics.example.org' })).toThrow(
      /not an absolute address/,
    );
    expect(() => siteUrlFor({ DEPLOY: '1', SITE_URL: 'http://127.0.0.1:4321' })).toThrow(
      /is this machine/,
    );
    expect(() => siteUrlFor({ DEPLOY: '1', SITE_URL: 'http://localhost:8080' })).toThrow(
      /is this machine/,
    );
    expect(() => siteUrlFor({ DEPLOY: '1', SITE_URL: 'ftp://graphics.example.org' })).toThrow(
      /https:\/\//,
    );
    expect(() => siteUrlFor({ DEPLOY: '1', SITE_URL: 'https://example.org/graphics' })).toThrow(
      /BASE_PATH=\/graphics\//,
    );
    expect(siteUrlFor({ DEPLOY: '1', SITE_URL: 'https://graphics.example.org/' })).toBe(
      'https://graphics.example.org',
    );
  });

  it('astro build for deployment without SITE_URL exits non-zero with the message, writing nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'deploy-build-'));
    try {
      const env: Record<string, string> = {
        ...process.env,
        DEPLOY: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      } as Record<string, string>;
      delete env.SITE_URL;
      const r = spawnSync(
        process.execPath,
        ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out],
        { cwd: ROOT, env, encoding: 'utf8' },
      );
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('SITE_URL is not set');
      expect(r.stderr).toContain('npm run build:deploy');
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
