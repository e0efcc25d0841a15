// @ts-check
import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'astro/config';
import { headersFile } from './src/publish/site/csp.ts';
import { generatedData } from './src/publish/data-step/astro-data.ts';
import { siteUrlFor } from './src/publish/site/deploy.ts';

// The same build works at a domain root or under a sub-path: set SITE_URL (origin, used for
// canonical, social-card, embed and oEmbed URLs) and BASE_PATH (e.g. /graphics/openrouter/) at
// build time. A deployment build (npm run build:deploy, or on Netlify / Cloudflare Pages) stops
// without SITE_URL; local builds use the preview address (src/publish/site/deploy.ts).
let site;
try {
  site = siteUrlFor(process.env);
} catch (e) {
  console.error(`\n${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
}
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  output: 'static',
  // DIST_DIR moves the built site (npm run build builds into a temp folder and swaps it in).
  outDir: process.env.DIST_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1' },
  // No script may be inlined into the HTML: the CSP allows script files from 'self' only.
  vite: { build: { assetsInlineLimit: 0 } },
  // dist/_headers: the CSP (with frame-ancestors, which a meta tag cannot carry) per page.
  // generatedData: OUT_DIR for the generated datasets, and in dev a watcher on data/.
  integrations: [
    generatedData(),
    {
      name: 'csp-headers',
      hooks: {
        'astro:build:done': async ({ dir, pages }) => {
          await writeFile(
            new URL('_headers', dir),
            headersFile(
              pages.map((p) => p.pathname),
              base,
            ),
          );
        },
      },
    },
  ],
});
