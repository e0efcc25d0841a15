/** Site-wide settings and URL helpers (the base path comes from astro.config.mjs). */
export const SITE = {
  name: 'The Token Flip',
  publisher: 'Data desk',
  lang: 'en',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** A path under the site's base (BASE_PATH), e.g. withBase('embed/x/') -> '/graphics/embed/x/'. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return `${base}${path.replace(/^\//, '')}`;
}

/** An absolute URL on the site (SITE_URL + base), for canonical links and social cards. */
export function absoluteUrl(path: string): string {
  return new URL(withBase(path), import.meta.env.SITE).toString();
}
