/**
 * The one palette. Origins use Okabe-Ito hues (distinguishable with the common colour-vision
 * deficiencies), darkened or lightened until each reaches WCAG AA text contrast (4.5:1)
 * against its theme's background, since the same colours label lines directly.
 * Pages use them as CSS custom properties (--c-*), so charts re-theme without re-rendering;
 * standalone SVG/PNG files get the concrete values of one theme substituted.
 */
export const PALETTE = {
  light: {
    bg: '#ffffff',
    text: '#1a1a1a',
    muted: '#595959',
    grid: '#e2e2e2',
    rule: '#8a8a8a',
    cn: '#b84f00',
    us: '#0068a6',
    other: '#666666',
    undisclosed: '#9c4a7a',
    accent: '#6b4bd8',
    highlight: '#fff1b8',
  },
  dark: {
    bg: '#121417',
    text: '#ececec',
    muted: '#a9adb3',
    grid: '#30343a',
    rule: '#777c84',
    cn: '#ff9a5c',
    us: '#6cc4f5',
    other: '#a3a3a3',
    undisclosed: '#e49bc7',
    accent: '#b7a4ff',
    highlight: '#4a3f10',
  },
} as const;

export type Theme = keyof typeof PALETTE;
export type ColorName = keyof (typeof PALETTE)['light'];

/** The CSS value charts use for a palette colour: resolved by the page's theme. */
export const cssVar = (name: ColorName): string => `var(--c-${name})`;

/** Colour of an origin in charts. */
export function originColor(origin: string): string {
  return cssVar(
    origin === 'CN'
      ? 'cn'
      : origin === 'US'
        ? 'us'
        : origin === 'undisclosed'
          ? 'undisclosed'
          : 'other',
  );
}

/** CSS custom properties of a theme, as declarations. */
export function themeDeclarations(theme: Theme): string {
  return Object.entries(PALETTE[theme])
    .map(([k, v]) => `--c-${k}:${v};`)
    .join('');
}

/** Replaces var(--c-*) references with one theme's concrete colours (for standalone files). */
export function resolveColors(svg: string, theme: Theme): string {
  return svg.replace(
    /var\(--c-([a-z]+)\)/g,
    (m, name: string) => (PALETTE[theme] as Record<string, string>)[name] ?? m,
  );
}
