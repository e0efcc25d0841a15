/**
 * The copy diff: what readers will see change. A build stores the copy's plain text (sentences
 * of the title, dek, headings, paragraphs and steps, and every chart's title and description,
 * grouped by section) beside the generated data; the next build compares its own copy with it,
 * sentence by sentence. The result is structured (for `npm run data`, `npm run build`, the dev
 * server, and any later command) and formatted as plain lines by formatCopyDiff.
 */
import { sentences } from '../../story/sentences.ts';
import type { PreparedArticle } from '../../story/prepare.ts';

export const COPY_FILE = 'copy.json';

export interface CopySection {
  name: string;
  /** Sentences of the section's text (title, dek, headings, paragraphs, steps), in reading order. */
  sentences: string[];
  charts: Array<{ id: string; title: string; description: string[] }>;
  /** The section's sentences marked {?review} in article.aml (as in `sentences`); absent in
   *  copies stored before the marker existed. */
  review?: string[];
}

/** The copy as plain text, stored with the generated data (src/data/generated/copy.json). */
export interface CopySnapshot {
  version: 1;
  sections: CopySection[];
}

/** One change: before -> after; before null for an added sentence, after null for a removed one. */
export interface CopyChange {
  /** "text", or "chart <id> title" / "chart <id> description". */
  where: string;
  before: string | null;
  after: string | null;
}

export interface CopyDiff {
  /** False when there was no earlier copy to compare with (first build). */
  compared: boolean;
  sections: Array<{ name: string; changes: CopyChange[] }>;
  /** Total number of changes over all sections. */
  count: number;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** HTML fragment (as the article renders it) to the plain text a reader sees. */
export { sentences };

export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The copy of a rendered article as plain sentences, by section. */
export function copySnapshot(article: PreparedArticle): CopySnapshot {
  const sections: CopySection[] = [];
  const section = (name: string): CopySection => {
    let s = sections.at(-1);
    if (s?.name !== name) {
      s = { name, sentences: [], charts: [] };
      sections.push(s);
    }
    return s;
  };
  const seen = new Set<string>();
  for (const item of article.copy) {
    const s = section(item.section);
    if (item.kind === 'chart') {
      if (seen.has(item.chart.id)) continue;
      seen.add(item.chart.id);
      s.charts.push({
        id: item.chart.id,
        title: item.chart.title.trim(),
        description: sentences(item.chart.description.replace(/\s+/g, ' ')),
      });
    } else {
      s.sentences.push(...sentences(plainText(item.html)));
      if (item.review && item.review.length > 0)
        (s.review ??= []).push(...item.review.flatMap((h) => sentences(plainText(h))));
    }
  }
  return { version: 1, sections };
}

type Op =
  { kind: 'same'; a: string; b: string } | { kind: 'del'; a: string } | { kind: 'add'; b: string };

/** Longest-common-subsequence edit script of two sentence lists. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: 'same', a: a[i++]!, b: b[j++]! });
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      ops.push({ kind: 'add', b: b[j++]! });
    else ops.push({ kind: 'del', a: a[i++]! });
  }
  return ops;
}

/** Sentence changes: runs of removed and added sentences between unchanged ones are paired up
 *  in order as edits (before -> after); what is left over is a plain addition or removal. */
export function diffSentences(
  before: readonly string[],
  after: readonly string[],
  where = 'text',
): CopyChange[] {
  const out: CopyChange[] = [];
  let dels: string[] = [];
  let adds: string[] = [];
  const flush = () => {
    const k = Math.max(dels.length, adds.length);
    for (let i = 0; i < k; i++)
      out.push({ where, before: dels[i] ?? null, after: adds[i] ?? null });
    dels = [];
    adds = [];
  };
  for (const op of editScript(before, after)) {
    if (op.kind === 'same') flush();
    else if (op.kind === 'del') dels.push(op.a);
    else adds.push(op.b);
  }
  flush();
  return out;
}

/** Compares two copies section by section (sections matched by name, charts by id). */
export function diffCopy(before: CopySnapshot | null, after: CopySnapshot): CopyDiff {
  if (before === null) return { compared: false, sections: [], count: 0 };
  const old = new Map(before.sections.map((s) => [s.name, s]));
  const names = [
    ...after.sections.map((s) => s.name),
    ...before.sections.map((s) => s.name).filter((n) => !after.sections.some((s) => s.name === n)),
  ];
  const sections: CopyDiff['sections'] = [];
  for (const name of names) {
    const a = old.get(name);
    const b = after.sections.find((s) => s.name === name);
    const changes = diffSentences(a?.sentences ?? [], b?.sentences ?? []);
    const ids = [
      ...(b?.charts ?? []).map((c) => c.id),
      ...(a?.charts ?? []).map((c) => c.id).filter((id) => !b?.charts.some((c) => c.id === id)),
    ];
    for (const id of ids) {
      const ca = a?.charts.find((c) => c.id === id);
      const cb = b?.charts.find((c) => c.id === id);
      if ((ca?.title ?? null) !== (cb?.title ?? null))
        changes.push({
          where: `chart ${id} title`,
          before: ca?.title ?? null,
          after: cb?.title ?? null,
        });
      changes.push(
        ...diffSentences(ca?.description ?? [], cb?.description ?? [], `chart ${id} description`),
      );
    }
    if (changes.length > 0) sections.push({ name, changes });
  }
  return { compared: true, sections, count: sections.reduce((n, s) => n + s.changes.length, 0) };
}

const quote = (s: string) => `"${s}"`;

/** The words that differ between two versions of a sentence, as "before → after" runs. */
export function changedWords(
  before: string,
  after: string,
): Array<{ before: string; after: string }> {
  const out: Array<{ before: string; after: string }> = [];
  let dels: string[] = [];
  let adds: string[] = [];
  const flush = () => {
    let [b, a] = [dels.join(' '), adds.join(' ')];
    // "3.76T." -> "3.9T.": the shared trailing punctuation is not a change.
    while (b.length > 1 && a.length > 1 && b.at(-1) === a.at(-1) && '.,;:)'.includes(b.at(-1)!))
      [b, a] = [b.slice(0, -1), a.slice(0, -1)];
    if (dels.length + adds.length > 0) out.push({ before: b, after: a });
    dels = [];
    adds = [];
  };
  for (const op of editScript(before.split(' '), after.split(' '))) {
    if (op.kind === 'same') flush();
    else if (op.kind === 'del') dels.push(op.a);
    else adds.push(op.b);
  }
  flush();
  return out;
}

/** The copy diff as lines for the terminal: before -> after, grouped by section. */
export function formatCopyDiff(diff: CopyDiff): string[] {
  if (!diff.compared) return ['Copy diff: no previous build to compare with (first build).'];
  if (diff.count === 0)
    return [
      'Copy diff: no sentence, chart title or chart description changed since the last build.',
    ];
  const lines = [`Copy diff: ${diff.count} change(s) readers will see, since the last build:`];
  for (const s of diff.sections) {
    lines.push(`  ${s.name}`);
    for (const c of s.changes) {
      const what = c.where === 'text' ? 'sentence' : c.where;
      if (c.before !== null && c.after !== null) {
        lines.push(`    ${what}: ${quote(c.before)}`, `      -> ${quote(c.after)}`);
        const words = changedWords(c.before, c.after);
        if (words.length <= 4)
          lines.push(
            `         (${words.map((w) => `${w.before || '+'} → ${w.after || '−'}`).join('; ')})`,
          );
      } else if (c.after !== null) {
        lines.push(`    + ${what} added: ${quote(c.after)}`);
      } else {
        lines.push(`    - ${what} removed: ${quote(c.before!)}`);
      }
    }
  }
  return lines;
}

/** A change of the copy diff that touches a sentence marked {?review}, with its section. */
export interface ReviewChange extends CopyChange {
  section: string;
}

/**
 * The changes that touch a sentence an editor marked for review: a text change whose new
 * sentence is marked in the new copy, or whose old sentence was marked in the old copy.
 */
export function reviewChanges(
  diff: CopyDiff,
  before: CopySnapshot | null,
  after: CopySnapshot,
): ReviewChange[] {
  const marked = (copy: CopySnapshot | null, section: string) =>
    new Set(copy?.sections.find((s) => s.name === section)?.review ?? []);
  const out: ReviewChange[] = [];
  for (const s of diff.sections) {
    const was = marked(before, s.name);
    const now = marked(after, s.name);
    for (const c of s.changes) {
      if (c.where !== 'text') continue;
      if ((c.after !== null && now.has(c.after)) || (c.before !== null && was.has(c.before)))
        out.push({ section: s.name, ...c });
    }
  }
  return out;
}
