/**
 * The embed protocol, defined once: the messages an embed page and the host script
 * (public/embed.js) exchange, and the attribute that marks our frames on a host page.
 * public/embed.js is served as is (hand-written ES5, budgeted under 1 KB gzip), so it cannot
 * import these: test/embed/host-script.test.ts checks that it spells them the same.
 */

/** The versioned message an embed page posts to its host whenever its height changes
 *  (with `chart`, the chart id, and `height`, in CSS px). */
export const EMBED_HEIGHT_MESSAGE = { type: 'tokenflip:embed-height', version: 1 } as const;
/** The host script's answer, "I size this frame to your height" (with `chart`): the page may grow. */
export const EMBED_SIZED_MESSAGE = { type: 'tokenflip:embed-sized', version: 1 } as const;
/** Attribute that marks our iframes on a host page (its value is the chart id). */
export const EMBED_ATTR = 'data-tokenflip-embed';
/** The global the host script sets so that a second copy on the same page does nothing. */
export const EMBED_HOST_GLOBAL = 'tokenflipEmbed';
