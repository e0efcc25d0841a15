/**
 * The coverage walk: every text a reader reads, from the prepared page model, and the words in it
 * that state something about the data without code having written them or a claim checking them.
 *
 * It walks the prepared article (renderArticle's output), not the TypeScript source, so it keeps
 * working wherever the copy is written (article.ts today, an ArchieML document later): the title
 * and the summary (also the meta and social descriptions), the dek, headings, paragraphs, scrolly
 * steps, for each chart of the article and of the methodology page its title (also the table
 * caption, the embed title and the social image's alt text), subtitle, notes, description (the
 * alt text) and state labels, and the pages' own meta texts.
 *
 * A word counts as written by code only when a placeholder produced it: the walk reads the
 * template with each {placeholder} taken out, so a figure elsewhere in the sentence excuses
 * nothing. A sentence's trigger words are bound when the sentence carries a claim marker
 * ({!claim-id}), the title's and the summary's too (taken out before pages print them). Chart texts
 * are read as the document's templates, so the same rule holds there.
 */
import type { AnyChart } from '../charts/types.ts';
import { CLAIM_MARKER, REVIEW_MARKER, type PreparedArticle } from './prepare.ts';
import { sentences } from './sentences.ts';

/** One text a reader reads, as a template: literal words, {placeholders} and {!claim} markers. */
export interface ReaderText {
  /** Where it is: "paragraph counting-models", "chart tool-calls title". */
  where: string;
  template: string;
  /** Claims that bind the whole text (a chart's), beside its own markers. */
  claims: readonly string[];
}

/** A word that states something about the data, in literal text, with no claim binding it. */
export interface Unbound {
  where: string;
  word: string;
  sentence: string;
}

const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|billion|trillion|half|twice|dozens?';
const ORDINALS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\\d+(?:st|nd|rd|th)';
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter|quarter';
/** Words ending in -est that are not superlatives. */
const NOT_SUPERLATIVE = new Set(
  'rest interest interests request requests test tests suggest honest west guest manifest forest harvest invest protest digest contest arrest quest nest chest modest earnest'.split(
    ' ',
  ),
);

/** The trigger words: comparatives, superlatives, ordinals, counts, streaks, all/every/never/none,
 *  latest/first, leads, and months or periods named in words. */
const TRIGGERS: RegExp[] = [
  /\b(?:more|less|fewer|larger|smaller|bigger|higher|lower|cheaper|dearer|narrower|wider|further|farther|closer|greater|longer|shorter|faster|slower|above|below|ahead|behind|overt(?:ook|ake|aken|akes)|outpaced?|exceed(?:s|ed)?|surpass(?:es|ed)?|lead|leads|led|leading|dominat\w*|lean(?:s|ed)?)\b/gi,
  /\b(?:most|least|top|\w+est)\b/gi,
  new RegExp(`\\b(?:${ORDINALS})\\b`, 'gi'),
  new RegExp(`\\b(?:${NUMBER_WORDS})\\b`, 'gi'),
  /(?<![\w-])\d+(?:[.,]\d+)*\s*(?:%|×)?/g,
  /\b(?:streaks?|in a row|running|consecutive)\b/gi,
  /\b(?:all|every|never|none|always|only|latest|earliest|newest|since|until)\b/gi,
  new RegExp(`\\b(?:early|mid|late)?-?\\s*(?:${MONTHS})\\b`, 'g'),
];

/**
 * Phrases whose trigger word is about the article, not the data: the article's own counts are
 * numbered ("a third count"), a share is "of all tokens", "top {N}" names a set whose size is a
 * figure, the calculator sits "below", and the closing line says how every figure is made. Kept
 * narrow: each is a whole phrase, never a lone word.
 */
const EDITORIAL_PHRASES: RegExp[] = [
  // What a list holds (before "top {N}" below takes the number's words out).
  /\bonly the top (?=\{)/gi,
  /\b(?:a|the) (?:second|third|fourth) count\b/gi,
  /\bof all (?:OpenRouter )?(?:tokens|tool calls)\b/gi,
  /\bof \{\w+\} in all\b/g,
  /\btop \{\^?[a-zA-Z]\w*\}/gi,
  /\bthe \{\^?[a-zA-Z]\w*\} largest\b/gi,
  // A name computed as the extreme, with the word that says which extreme.
  /\}, the most expensive\b|\}, the cheapest paid model\b/g,
  /\}(?= had the most tokens per request \(\{)|\bhad the most tokens per request \(\{\w+\}\) and \{\w+\} the fewest\b/g,
  /\b(?:calculator|chart|table) below\b/gi,
  /^Every figure here is computed\b/g,
  /\bdata behind its rankings\b/g,
  // Chart words that say how to read the drawing, not what the data show: the 50% line is where
  // the two sides are even, a bar on it marks a change of lead, a view that runs "to the latest
  // day" ends at the chart's last point by construction, and "every count" names the view that
  // draws all of the chart's counts. "The outlets' streak counts" names a kind of data.
  /\babove 50%, China ahead\b/g,
  /\bthe 50% line: where the lead changed hands\b/gi,
  /\bto the latest day\b/g,
  /^Every count, /g,
  /\bthe outlets['’] streak counts\b/gi,
  // The names of two counts (the rankings page lists nine), and the view that draws all counts.
  /\btop-9 (?:models|authors)\b/gi,
  // Not an ordinal.
  /\bsecond-hand\b/gi,
  /\bthird parties\b/gi,
  // The methodology page lists every source, and says where every figure comes from.
  /\bevery source\b/g,
  /\bwhere every figure comes from\b/g,
  // Definitions: what a computed figure is ("{apiLastWeek}, the latest whole week" is computed as
  // that week), what a count counts ("carried more tokens than ... on {n} of {m} days"), and
  // what a group holds ("Other: every model outside a day's top {N}").
  /\{apiLastWeek\}, the latest whole week\b/g,
  /\bcarried more tokens than models from U\.S\. labs on (?=\{)/g,
  /\bevery model outside a day['’]s\b/g,
  /\bhalf its change in share\b/g,
  /\bevents since (?=\{policyFirstMonth\})/g,
  // Where a panel sits, what a row holds, which point of each count a list gives.
  /^Top: the policy timeline\b/g,
  /^Below: China['’]s share\b/g,
  /\bplus all others\b/g,
  /\bis every other-origin listed model plus all tool calls outside\b/g,
  /\bcovers only hours\b/g,
  // The counter a capture week reads; the ranked list's first row ("led by", "led with").
  /\blast (?:daily )?capture before (?:the|each) weekly reset\b/g,
  /\bled by (?=\{topLeader\})/g,
  /\{topLeader\} led with (?=\{)/g,
  /\(\{\w+\} of all\)/g,
  /\bthe most a model reads in one request\b/g,
  /\{contextTop\} has the largest context window \(\{\w+\}\) and \{contextLow\} the smallest\b/g,
  /^China['’]s highest share was (?=\{)/g,
  /\bin the latest capture it was (?=\{)/g,
  /\bin the latest week of each count: (?=\{)/g,
  /\bthe first day each event is known\b/g,
  // Units: a price per million tokens, a mix of input to 1 output.
  /\bper million tokens\b/g,
  /\binput tokens to 1 output\b/g,
  /\binput : 1 output\b/g,
  /\btiered above a context threshold\b/g,
  // A count's definition, its computed count following ("cheaper than {seven of eight}").
  /\bis cheaper than (?=\{pricesCnDearer\} Chinese models)/g,
  // The index's scale; which score a model has; the extremes of the computed rows.
  /\(0–100\)/g,
  /\beach model['’]s latest appearance\b/g,
  /\{scoreTop\} has the highest score\b/g,
  /^The cheapest matched model, (?=\{)/g,
  /\bno author['’]s share passed (?=\{)/g,
  /\bthe lead passed between (?=\{)/g,
  /\blast capture before a reset, the nearest thing to a whole week\b/g,
  /^The latest point \(hollow\)/g,
  /\bin at least (?=\{)/g,
  /\bthe largest single share was (?=\{)/g,
  /^In the latest capture (?=\{)/g,
  /\badjacent weeks only\b/g,
  /\bthe two values of a week\b/g,
  /\bnot all traffic\b/g,
  /\bthe two sums\b/g,
  /\bof the two\b/g,
  /\bno figure at all\b/g,
  /\bChina was ahead in (?=\{wtCnAhead\})/g,
  /^All weeks, China and U\.S\.$/g,
  /\band the lowest score is (?=\{)/g,
  /\bnot in the first week['’]s\b/g,
  /^All (?=\{methodCount\} counting methods)/g,
];

/** The literal words of a sentence: placeholders, markers, link targets and editorial phrases
 *  taken out. */
const literal = (s: string): string =>
  EDITORIAL_PHRASES.reduce((t, re) => t.replace(re, ' '), s)
    .replace(CLAIM_MARKER, '')
    .replace(REVIEW_MARKER, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\{\^?[a-zA-Z]\w*\??\}/g, ' ');

/** The trigger words in a sentence's literal text. */
export function triggerWords(sentence: string): string[] {
  const text = literal(sentence);
  const out: string[] = [];
  for (const re of TRIGGERS)
    for (const m of text.matchAll(new RegExp(re.source, re.flags))) {
      const w = m[0].trim();
      if (!w || NOT_SUPERLATIVE.has(w.toLowerCase())) continue;
      out.push(w);
    }
  return out;
}

/** Every text a reader reads, from the prepared page model and its charts: the article's and
 *  the methodology page's ("More charts"). A chart text the document words is walked as its
 *  template (placeholders and claim markers unfilled); one still written by its module, as
 *  printed (every trigger word in it is reported). `pages` adds the pages' own texts (meta and
 *  social descriptions, image alt texts, embed and oEmbed titles: src/publish/site/page-texts.ts). */
export function readerTexts(
  article: PreparedArticle,
  chartClaims: (chart: AnyChart) => readonly string[] = (c) => c.claims ?? [],
  pages: readonly ReaderText[] = [],
): ReaderText[] {
  const out: ReaderText[] = [];
  const charts = new Set<AnyChart>();
  for (const item of article.copy) {
    if (item.kind === 'chart') {
      charts.add(item.chart);
      continue;
    }
    const where =
      item.kind === 'heading' ? `heading "${item.template}"` : `${item.kind} (${item.section})`;
    out.push({
      where,
      template: item.template,
      claims: [],
    });
  }
  for (const c of article.more ?? []) charts.add(c);
  for (const c of charts) {
    const claims = chartClaims(c);
    const t = c.templates ?? {};
    const add = (what: string, text: string) =>
      out.push({ where: `chart ${c.id} ${what}`, template: text, claims });
    add('title', t.title ?? c.title);
    add('subtitle', t.subtitle ?? c.subtitle);
    (t.notes ?? c.notes).forEach((n, i) => add(`note ${i + 1}`, n));
    add('description', t.description ?? c.description);
    for (const s of c.states ?? []) add(`state ${s.id}`, t.states?.[s.id] ?? s.label);
  }
  out.push(...pages);
  return out;
}

/** The coverage walk: every trigger word in literal text that no claim binds. */
export function unboundWords(texts: readonly ReaderText[]): Unbound[] {
  const out: Unbound[] = [];
  for (const t of texts) {
    for (const s of sentences(t.template)) {
      const bound = t.claims.length > 0 || new RegExp(CLAIM_MARKER.source).test(s);
      if (bound) continue;
      for (const word of triggerWords(s))
        out.push({ where: t.where, word, sentence: literal(s).trim() });
    }
  }
  return out;
}
