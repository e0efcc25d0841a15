/**
 * The site's public address at build time (astro.config.mjs reads it from here). Canonical
 * links, social-card images, embed codes and oEmbed answers carry it, so a build for
 * deployment must be told it: SITE_URL. Local builds (npm run build, npm start, npm test, CI)
 * use the preview server's address.
 */

/** Where `npm start` and `npm run preview` serve the site. */
export const LOCAL_SITE_URL = 'http://127.0.0.1:4321';

type Env = Record<string, string | undefined>;

/**
 * A build for deployment: `npm run build:deploy` (DEPLOY=1), or a build run by a host that
 * reads our _headers file (Netlify sets NETLIFY=true, Cloudflare Pages CF_PAGES=1).
 */
export function isDeployBuild(env: Env): boolean {
  return (
    env.DEPLOY === '1' || env.DEPLOY === 'true' || env.NETLIFY === 'true' || env.CF_PAGES === '1'
  );
}

const HOW =
  'Set it to the origin the site is served from, for example:\n\n' +
  '  SITE_URL=https://graphics.example.org npm run build:deploy\n\n' +
  '(and BASE_PATH=/path/ when the site lives under a sub-path). ' +
  'Local builds (npm run build, npm start, npm test) do not need it.';

/** The origin to build with; a deployment build without a usable SITE_URL stops here. */
export function siteUrlFor(env: Env): string {
  const raw = env.SITE_URL?.trim() ?? '';
  if (!isDeployBuild(env)) return raw || LOCAL_SITE_URL;
  const why =
    'a deployment build writes it into canonical links, social-card images, embed codes and oEmbed answers';
  if (raw === '') throw new Error(`SITE_URL is not set: ${why}. ${HOW}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL "${raw}" is not an absolute address: ${why}. ${HOW}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`SITE_URL "${raw}" must start with https:// (or http://). ${HOW}`);
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/.test(url.hostname)) {
    throw new Error(`SITE_URL "${raw}" is this machine, not a public address: ${why}. ${HOW}`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(
      `SITE_URL "${raw}" has a path: give the origin only (https://${url.host}) and the path as BASE_PATH=${url.pathname.replace(/\/?$/, '/')}.`,
    );
  }
  return url.origin;
}
