/** Sentences of a text: plain text of the copy, or a copy template with its claim and review markers. */

// A sentence break after these is not a sentence end ("U.S. Commerce", "No. 1").
const ABBREVIATIONS = /(?:^|[\s(])(?:U\.S|U\.K|e\.g|i\.e|vs|No|Mr|Ms|Dr|St|approx)\.\s*$/;
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
// Claim markers {!id} and the review marker {?review}.
const MARKER = /\{(?:![a-z0-9][a-z0-9-]*|\?review)\}/g;

/** Plain-text sentences as [start, end) offsets. */
function spans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let carry = '';
  for (const { segment, index } of segmenter.segment(text)) {
    if (carry === '') start = index;
    carry += segment;
    if (ABBREVIATIONS.test(carry)) continue;
    if (carry.trim()) out.push([start, index + segment.length]);
    carry = '';
  }
  if (carry.trim()) out.push([start, text.length]);
  return out;
}

/**
 * Splits text into sentences (Unicode sentence breaks, minus breaks after abbreviations). Claim
 * markers ({!id}) and the review marker ({?review}) bind the sentence they follow: they are taken
 * out before splitting (their "!" or "?" would read as a sentence end) and put back at the end of
 * the sentence they followed.
 */
export function sentences(text: string): string[] {
  const markers: Array<{ at: number; marker: string }> = [];
  let removed = 0;
  const plain = text.replace(MARKER, (m, offset: number) => {
    markers.push({ at: offset - removed, marker: m });
    removed += m.length;
    return '';
  });
  const parts = spans(plain).map(([a, b]) => ({ a, b, text: plain.slice(a, b).trim() }));
  for (const { at, marker } of markers) {
    // The sentence that holds the character before the marker.
    const p = parts.find((x) => at > x.a && at <= x.b) ?? parts.at(-1);
    if (p) p.text += marker;
  }
  return parts.map((p) => p.text).filter(Boolean);
}
