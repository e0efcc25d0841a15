/** The widths (px) charts are rendered at: phones, and the article column on desktop. */
export const WIDTHS = { narrow: 360, wide: 680 } as const;
