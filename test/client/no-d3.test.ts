/**
 * The browser bundle stays free of d3: nothing src/client/ imports, directly or through other
 * modules, is a d3 package (d3 is for the build-time derivations in src/pipeline only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLIENT = fileURLToPath(new URL('../../src/client/', import.meta.url));
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from the client entries, and every bare package they import. */
function graph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec);
      if (existsSync(target)) visit(target);
    }
  };
  for (const f of readdirSync(CLIENT)) if (f.endsWith('.ts')) visit(join(CLIENT, f));
  return { files, packages };
}

describe('the browser bundle', () => {
  it('imports no d3 package and nothing from the pipeline', () => {
    const { files, packages } = graph();
    expect(files.size).toBeGreaterThan(3);
    expect([...packages].filter((p) => p === 'd3' || p.startsWith('d3-'))).toEqual([]);
    expect([...files].filter((f) => f.includes(`${join('src', 'pipeline')}`))).toEqual([]);
  });
});
