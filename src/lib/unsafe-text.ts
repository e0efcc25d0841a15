/**
 * Characters no name from upstream may carry into data/, the page or a download: C0 controls
 * (NUL included) and DEL, which break CSV readers and terminals, and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name display
 * as something else than it is ("Trojan Source"). The importer refuses a name that has one.
 *
 *   if (UNSAFE_CHARS.test(name)) refuse(`${name} has ${describeUnsafe(name)}`);
 */

// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;

/** The unsafe characters of `s` named as code points, e.g. "U+0000, U+202E". */
export function describeUnsafe(s: string): string {
  const found = new Set<string>();
  for (const ch of s)
    if (UNSAFE_CHARS.test(ch))
      found.add(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found].join(', ');
}

/** `s` with every unsafe character shown as its code point (for messages that quote it). */
export const showUnsafe = (s: string): string =>
  [...s]
    .map((ch) =>
      UNSAFE_CHARS.test(ch)
        ? `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`
        : ch,
    )
    .join('');
