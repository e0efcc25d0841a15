/** buildSite: the site is built into a sibling temp folder and swapped in only on success. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/publish/site/site-build.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function withDist(): { parent: string; dist: string } {
  const parent = mkdtempSync(join(tmpdir(), 'site-build-'));
  dirs.push(parent);
  const dist = join(parent, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), 'last good site');
  return { parent, dist };
}

describe('buildSite', () => {
  it('leaves dist/ as it was and no temp folder when the build throws half-way', async () => {
    const { parent, dist } = withDist();
    const failing = async (out: string) => {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'index.html'), 'half');
      throw new Error('a page threw');
    };
    await expect(buildSite({ root: parent, distDir: dist, build: failing })).rejects.toThrow(
      'a page threw',
    );
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('last good site');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('refuses a build that wrote no index.html', async () => {
    const { parent, dist } = withDist();
    await expect(
      buildSite({
        root: parent,
        distDir: dist,
        build: async (out) => void mkdirSync(out, { recursive: true }),
      }),
    ).rejects.toThrow(/no index\.html/);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('last good site');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('swaps a complete build in, replacing every file of the old one', async () => {
    const { parent, dist } = withDist();
    writeFileSync(join(dist, 'stale.txt'), 'old');
    await buildSite({
      root: parent,
      distDir: dist,
      build: async (out) => {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'index.html'), 'new site');
      },
    });
    expect(readdirSync(dist)).toEqual(['index.html']);
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toBe('new site');
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});
