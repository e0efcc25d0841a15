// npm run build (after npm run data): astro build into a temp folder, swapped into dist/ (or
// DIST_DIR) only when the whole build succeeded. BASE_PATH and SITE_URL work as for astro build.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { buildSite } from '../src/publish/site/site-build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = resolve(root, process.env.DIST_DIR ?? 'dist');
const label = process.env.DIST_DIR ?? 'dist/';
try {
  await buildSite({ root, distDir, build: (outDir) => build({ root, outDir }) });
  console.log(`Site built and swapped into ${label}`);
} catch (e) {
  console.error(
    `\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n\nThe site build failed: ${label} is unchanged (the last good site).`,
  );
  process.exit(1);
}
