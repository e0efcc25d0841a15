/** The host script stays small (at most 1 KB gzip), plain ES5, and speaks the embed protocol. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  EMBED_ATTR,
  EMBED_HEIGHT_MESSAGE,
  EMBED_HOST_GLOBAL,
  EMBED_SIZED_MESSAGE,
} from '../../src/lib/embed-protocol.ts';
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
  it('speaks the embed protocol of src/lib/embed-protocol.ts: the same message types, versions, attribute and global', () => {
    const code = src.toString('utf8');
    const height = EMBED_HEIGHT_MESSAGE;
    const sized = EMBED_SIZED_MESSAGE;
    expect(code).toContain(`m.type !== '${height.type}' || m.version !== ${height.version}`);
    expect(code).toContain(`{ type: '${sized.type}', version: ${sized.version}, chart: m.chart }`);
    expect(code).toContain(`var ATTR = '${EMBED_ATTR}';`);
    expect(code).toContain(`w.${EMBED_HOST_GLOBAL} = 1;`);
    // Only these two message types: a third string would be a protocol the module does not know.
    expect([...code.matchAll(/'tokenflip:[a-z-]+'/g)].map((m) => m[0]).sort()).toEqual(
      [`'${height.type}'`, `'${sized.type}'`].sort(),
    );
  });
});
