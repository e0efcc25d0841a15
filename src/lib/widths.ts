/** The widths (px) charts are rendered at: phones, and the article column on desktop. */
export const WIDTHS = { narrow: 360, wide: 680 } as const;

/** The scrollytelling graphic on desktop: drawn taller (width x height, px), so that scaled
 *  to the sticky column it fills the screen rather than a band across it. */
export const SCROLLY_SIZE = { width: 680, height: 520 } as const;
