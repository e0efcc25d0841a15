/** Sentences of a copy template, each with the claim markers that follow it. */

/**
 * Splits a template at sentence ends (".", "!", "?", optionally closed by a quote) followed by a
 * space and a capital, a quote, a placeholder, bold or a bracket. Claim markers ({!id}) right
 * after a sentence stay with it, since they bind that sentence.
 */
export function sentences(template: string): string[] {
  const out: string[] = [];
  let cur = '';
  const parts = template.split(/(?<=[.!?]”?)(\{![a-z0-9-]+\})*\s+(?=[A-Z“‘{*(])/);
  for (const p of parts) {
    if (p === undefined) continue;
    if (/^\{![a-z0-9-]+\}$/.test(p)) cur += p;
    else {
      if (cur) out.push(cur);
      cur = p;
    }
  }
  if (cur) out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}
