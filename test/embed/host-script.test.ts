/** The host script stays small (at most 1 KB gzip) and plain ES5. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST, ROOT } from './helpers.ts';

describe('public/embed.js', () => {
  const src = readFileSync(`${ROOT}public/embed.js`);
  it('is at most 1024 bytes gzipped', () => {
    const gz = gzipSync(src, { level: 9 }).length;
    console.log(`embed.js: ${src.length} bytes, ${gz} bytes gzip`);
    expect(gz).toBeLessThanOrEqual(1024);
  });
  it('is ES5 (no arrow functions, let/const, classes or template literals) and ships as is', () => {
    const code = src
      .toString('utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/'(?:[^'\\]|\\.)*'/g, "''");
    expect(code).not.toMatch(/=>|\blet\s|\bconst\s|\bclass\s|`|\.\.\./);
    expect(() => new Function(code)).not.toThrow();
    expect(readFileSync(`${DIST}/embed.js`)).toEqual(src);
  });
});
