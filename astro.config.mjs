// @ts-check
import { defineConfig } from 'astro/config';

// The same build works at a domain root or under a sub-path: set SITE_URL (origin, used for
// canonical and social-card URLs) and BASE_PATH (e.g. /graphics/openrouter/) at build time.
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1' },
});
