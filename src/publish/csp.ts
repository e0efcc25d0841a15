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

const join = (d: ReadonlyArray<readonly [string, string]>) => d.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy as a meta tag carries it (frame-ancestors is ignored in meta tags, so left out). */
export const CSP_META: string = join(CSP_DIRECTIVES);

/** The policy as an HTTP header: embeds may be framed by any site, other pages only by ours. */
export function cspHeader(embeddable: boolean): string {
  return join([...CSP_DIRECTIVES, ['frame-ancestors', embeddable ? '*' : "'self'"]]);
}

/** Whether a page (path under the base, e.g. "embed/prices/") is an embed page. */
export const isEmbedPath = (path: string): boolean => /^embed\//.test(path.replace(/^\//, ''));

/**
 * dist/_headers for hosts that read it. `pages` are the built HTML pages as paths under the
 * base ("" for the article, "methodology/", "embed/<id>/"). One rule per page, so that no two
 * Content-Security-Policy headers ever combine (two policies apply as their intersection).
 */
export function headersFile(pages: string[], base = '/'): string {
  const b = base.replace(/\/?$/, '/');
  const out = [
    '# Written by the build (src/publish/csp.ts). Netlify and Cloudflare Pages read this file.',
    `${b}*`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '',
  ];
  const seen = new Set<string>();
  for (const raw of pages) {
    const p = raw.replace(/^\//, '').replace(/index\.html$/, '');
    if (seen.has(p)) continue;
    seen.add(p);
    const embed = isEmbedPath(p);
    out.push(`${b}${p}`);
    out.push(`  Content-Security-Policy: ${cspHeader(embed)}`);
    if (!embed) out.push('  X-Frame-Options: SAMEORIGIN');
    out.push('');
  }
  return out.join('\n');
}
