/** How a publisher is named in a short source line or in the copy. */

/** Initials of a name's capitalised words ("National Business Daily" -> "NBD"). */
const initials = (s: string) =>
  s
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');

/**
 * The publisher as a reader would name it in a source line: without a ", citing ..." tail or
 * a parenthetical, except that a parenthetical abbreviation of the name itself is used instead
 * of the name ("National Business Daily (NBD, 每日经济新闻)" -> "NBD"; "CNA (Channel NewsAsia)"
 * -> "CNA"; "NBC San Diego (CNBC)" -> "NBC San Diego").
 */
export function shortPublisher(publisher: string): string {
  const main = publisher.replace(/,\s*citing\b.*$/i, '').trim();
  const m = /^(.*?)\s*[(（]([^)）]*)[)）]\s*$/.exec(main);
  if (!m) return main;
  const name = m[1]!.trim();
  const first = m[2]!.split(/[,;，]/)[0]!.trim();
  if (/^[A-Z0-9&]{2,6}$/.test(first) && initials(name) === first) return first;
  return name || main;
}
