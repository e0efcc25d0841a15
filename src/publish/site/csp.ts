/**
 * The Content-Security-Policy, in one place: Base.astro puts it in a <meta> tag on every page
 * and the build writes it, with frame-ancestors, into dist/_headers (Netlify, Cloudflare Pages).
 * No script runs inline: every script is a file from this origin ('self').
 */

/** Directives shared by the meta tag and the headers file. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // Plot's SVG carries style attributes, and the tooltip is positioned with element.style.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
];

const join = (d: ReadonlyArray<readonly [string, string]>) =>
  d.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy as a meta tag carries it (frame-ancestors is ignored in meta tags, so left out). */
export const CSP_META: string = join(CSP_DIRECTIVES);

/** The policy as an HTTP header: embeds may be framed by any site, other pages only by ours. */
export function cspHeader(embeddable: boolean): string {
  return join([...CSP_DIRECTIVES, ['frame-ancestors', embeddable ? '*' : "'self'"]]);
}

/** Whether a page (path under the base, e.g. "embed/prices/") is an embed page. */
export const isEmbedPath = (path: string): boolean => /^embed\//.test(path.replace(/^\//, ''));

/**
 * Downloads (CSV, JSON, SVG, PNG) and social images: nothing in them may run or load, even when
 * a reader opens one in a tab. Inline styles stay allowed, so that an SVG opened on its own keeps
 * its font size and layout (a style can load nothing under default-src 'none'). An SVG shown
 * through <img> is not affected (its own policy never applies there).
 */
export const DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Folders under the base whose files are downloads or images (svg/ and parts/: what a page
 *  fetches after its first load, src/publish/share/chart-svg.ts and source-panel.ts; opened on their
 *  own, nothing in them runs). */
const DOWNLOAD_DIRS = ['downloads/', 'og/', 'svg/', 'parts/'];

/**
 * Files any origin may read: the page's scripts and styles (a frame with sandbox="allow-scripts",
 * as WordPress gives oEmbed providers, has the origin "null", and module scripts are fetched with
 * CORS) and the oEmbed documents (a CMS may fetch them from the browser). Pages are public, static
 * and sent without credentials, so this exposes nothing.
 */
const CORS_DIRS = ['_astro/', 'embed/'];

/**
 * Caching. Files under _astro/ have a hash of their content in their name, so a browser or CDN
 * may keep them for a year without asking again; pages (and everything else) are revalidated on
 * every visit, so a daily update or a correction reaches readers at once (the host answers an
 * unchanged page with 304 from its ETag).
 */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'public, max-age=0, must-revalidate';

/**
 * dist/_headers for hosts that read it (Netlify, Cloudflare Pages). `pages` are the paths the
 * build wrote under the base ("" for the article, "methodology/", "embed/<id>/", ...). Written
 * for a host that matches paths literally, with `*` as its only wildcard: each HTML page gets a
 * rule for "x/" and one for "x/index.html"; the only splat rules set headers no page rule sets,
 * so no path ever gets two Content-Security-Policy headers (two policies apply as their
 * intersection).
 */
export function headersFile(pages: string[], base = '/'): string {
  const b = base.replace(/\/?$/, '/');
  const block = (path: string, headers: Array<[string, string]>) => [
    `${b}${path}`,
    ...headers.map(([k, v]) => (k.startsWith('!') ? `  ${k}` : `  ${k}: ${v}`)),
    '',
  ];
  const out = [
    '# Written by the build (src/publish/site/csp.ts) for Cloudflare Pages (README: Deploying).',
    ...block('*', [
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ]),
    '# Downloads and social images: nothing runs.',
    ...DOWNLOAD_DIRS.flatMap((d) => block(`${d}*`, [['Content-Security-Policy', DOWNLOAD_CSP]])),
    '# Scripts, styles and oEmbed documents: readable from any origin, including sandboxed frames.',
    ...CORS_DIRS.flatMap((d) => block(`${d}*`, [['Access-Control-Allow-Origin', '*']])),
    '# The Atom feed, as what it is (the host would say application/xml).',
    ...block('feed.xml', [['Content-Type', 'application/atom+xml; charset=utf-8']]),
    '# Hashed scripts and styles: cached for a year (a new build gives them new names).',
    ...block('_astro/*', [['Cache-Control', IMMUTABLE_CACHE]]),
    '# Pages: one policy each, under every path that serves them.',
  ];
  const seen = new Set<string>();
  for (const raw of pages) {
    const p = raw.replace(/^\//, '').replace(/index\.html$/, '');
    // 404.html is served by the host for unknown paths (only the /* rule applies there).
    if (!(p === '' || p.endsWith('/')) || p === '404/' || seen.has(p)) continue;
    seen.add(p);
    const embed = isEmbedPath(p);
    const headers: Array<[string, string]> = [
      ['Content-Security-Policy', cspHeader(embed)],
      ['Cache-Control', REVALIDATE_CACHE],
    ];
    // Cloudflare Pages sends Access-Control-Allow-Origin: * on every file by default; the
    // article and methodology are not for other origins' scripts to read ("! Name" drops a
    // header, a Cloudflare Pages rule). Embed pages keep it (embed/* above).
    if (!embed)
      headers.push(['X-Frame-Options', 'SAMEORIGIN'], ['! Access-Control-Allow-Origin', '']);
    out.push(...block(p, headers), ...block(`${p}index.html`, headers));
  }
  return out.join('\n');
}
