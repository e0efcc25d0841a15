/** The widths (px) charts are rendered at: phones, and the article column on desktop. */
export const WIDTHS = { narrow: 360, wide: 680 } as const;

/** The scrollytelling graphic (width x height, px). On desktop it is drawn taller, so that
 *  scaled to the sticky column it fills the screen rather than a band across it. On phones it
 *  is drawn at 300 px, the column at 320 px less its margins (288 px), so that its text stays at
 *  12 px or more on the narrowest phones; no taller than the sticky band at 375x740 (46% of the
 *  height) lets it be at that width. */
export const SCROLLY_SIZE = {
  narrow: { width: 300, height: 296 },
  wide: { width: 680, height: 520 },
} as const;
