/**
 * Every sentence of the copy that compares, ranks, counts or names a direction or a streak is
 * either computed (it carries a {figure} from the data) or bound to a claim ({!claim-id}).
 */
import { describe, expect, it } from 'vitest';
import { ARTICLE, HEAD } from '../../src/story/article.ts';
import { CLAIM_MARKER } from '../../src/story/prepare.ts';
import { sentences } from '../../src/story/sentences.ts';

/** Words that make a sentence a statement about the data. */
const TRIGGERS = [
  /\b(leads?|led|leading|ahead|behind|overt(?:ook|ake|aken)|flip(?:s|ped)?)\b/i,
  /\b(rose|rises?|risen|fell|falls?|fallen|grew|grows?|grown|increased?|decreased?|dropped|doubled)\b/i,
  /\b(every|only|first|latest|last|highest|lowest|most|least|largest|biggest|smallest|top|cheap(?:er|est)?|dearer|narrow(?:er)?|wider)\b/i,
  /\b(streak|in a row|running|consecutive)\b/i,
  /\b\w+ of (?:the )?\w+ (?:weeks|models|captures|days|events|sources)\b/i,
  /\d|×|%/,
];

function copyTemplates(): Array<{ where: string; text: string }> {
  const out = [{ where: 'dek', text: HEAD.dek }];
  for (const b of ARTICLE) {
    if (b.type === 'p') out.push({ where: b.id ?? b.text.slice(0, 30), text: b.text });
    if (b.type === 'scrolly')
      for (const s of b.steps) for (const t of s.text) out.push({ where: s.id, text: t });
  }
  return out;
}

describe('claims cover the copy', () => {
  it('splits sentences at full stops and keeps claim markers with their sentence', () => {
    expect(sentences('China led.{!a} The U.S. did not. Then {x} rose.{!b}{!c}')).toEqual([
      'China led.{!a}',
      'The U.S. did not.',
      'Then {x} rose.{!b}{!c}',
    ]);
  });

  it('every sentence that compares, ranks, counts or names a streak carries a figure or a claim', () => {
    const unbound: string[] = [];
    for (const { where, text } of copyTemplates()) {
      for (const s of sentences(text)) {
        const plain = s.replace(CLAIM_MARKER, '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
        const triggered = TRIGGERS.some((re) => re.test(plain.replace(/\{[^}]+\}/g, '')));
        const computed = /\{\^?[a-zA-Z]\w*\}/.test(s);
        const claimed = new RegExp(CLAIM_MARKER.source).test(s);
        if (triggered && !computed && !claimed) unbound.push(`${where}: ${plain}`);
      }
    }
    expect(unbound).toEqual([]);
  });

  it('flags a comparative sentence with neither a figure nor a claim (the check can fail)', () => {
    const s = sentences('U.S. labs were ahead in April.')[0]!;
    expect(TRIGGERS.some((re) => re.test(s))).toBe(true);
    expect(/\{\^?[a-zA-Z]\w*\}/.test(s) || new RegExp(CLAIM_MARKER.source).test(s)).toBe(false);
  });
});
