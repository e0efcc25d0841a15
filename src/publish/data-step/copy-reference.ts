/**
 * The editor's reference (src/story/REFERENCE.md, written by `npm run docs`, kept true by
 * test/story/reference.test.ts): every {placeholder} and {!claim} an editor may use in
 * src/story/article.aml, with what computes it (the expression and its file:line, found in
 * the source so it never goes stale by hand), its current value, and where the document uses
 * it. Values follow the data: re-run `npm run docs` after a data update.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyChart } from '../../charts/types.ts';
import type { Story } from '../../story/facts.ts';
import { ARTICLE_FILE } from '../../story/document.ts';

export const REFERENCE_FILE = 'src/story/REFERENCE.md';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIGURES_DIR = 'src/story/figures';

const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** Where a name is assigned in the given files: "file:line" and the expression (first line). */
function definition(
  name: string,
  files: string[],
  pattern: (n: string) => RegExp,
): { at: string; expr: string } | undefined {
  for (const file of files) {
    const lines = read(file).split('\n');
    const re = pattern(name);
    for (let i = 0; i < lines.length; i++) {
      const m = re.exec(lines[i]!);
      if (!m) continue;
      let expr = (m[1] ?? '').trim();
      // An expression that continues on the next lines: show its first line and an ellipsis.
      if (expr === '' || !/[;,]$/.test(expr)) expr = `${expr || lines[i + 1]?.trim() || ''} …`;
      return { at: `${file}:${i + 1}`, expr: expr.replace(/[;,]$/, '') };
    }
  }
  return undefined;
}

/** The document lines that use a marker ("{name}", "{^name}" or "{!id}"). */
function usedAt(doc: string[], needles: string[]): string {
  const at = doc.flatMap((l, i) => (needles.some((n) => l.includes(n)) ? [i + 1] : []));
  return at.length === 0 ? 'not used' : at.map((n) => `${n}`).join(', ');
}

/** The reference as Markdown. */
export function copyReference(story: Story, charts: readonly AnyChart[]): string {
  const doc = read(ARTICLE_FILE).split('\n');
  const figureFiles = readdirSync(`${ROOT}${FIGURES_DIR}`)
    .filter((f) => f.endsWith('.ts') && !f.includes('counterexamples'))
    .sort()
    .map((f) => `${FIGURES_DIR}/${f}`)
    .concat('src/story/facts.ts');
  const out: string[] = [
    '# The copy reference: placeholders and claims',
    '',
    `Written by \`npm run docs\` from the story's figures and claims as computed from the current data; do not edit by hand (test/story/reference.test.ts fails when it is out of date). How to edit the copy: README.md, "Editing the copy". The lines are those of \`${ARTICLE_FILE}\`.`,
    '',
    '## Placeholders in the article text',
    '',
    'Write `{name}` for the figure, `{^name}` to capitalise its first letter. They work in the head and in every text, step and chart text of the document.',
    '',
    '| placeholder | current value | computed by | used at lines |',
    '| --- | --- | --- | --- |',
  ];
  out.push(
    ...placeholderRows(story, figureFiles, doc),
    '',
    '## Placeholders in chart texts',
    '',
    "A chart's title, subtitle, notes, description (alt text) and state labels in the document may also name the figures its chart module computes (as well as every placeholder above).",
    '',
    '| chart | placeholder | current value | computed by | used at lines |',
    '| --- | --- | --- | --- | --- |',
  );
  out.push(...chartFigureRows(charts, doc));
  out.push(
    '',
    '## Claims',
    '',
    'Put `{!id}` right after the sentence that makes the claim (it renders nothing). The build stops when a claim the copy cites no longer holds.',
    '',
    '| claim | what it checks | holds now | figures now | computed at | cited at lines |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  out.push(...claimRows(story, figureFiles, doc));
  out.push(
    '',
    '## Markers',
    '',
    '- `{?review}` after a sentence: `npm run update` holds an automatic publish when that sentence changes.',
    '- `**bold**`, `*italics*`, `[text](link)` in the article text (not in chart texts).',
    '',
  );
  return out.join('\n');
}

/** The story's placeholders: value, the expression that computes it and where the document uses it. */
function placeholderRows(story: Story, figureFiles: string[], doc: string[]): string[] {
  return Object.keys(story.facts)
    .sort()
    .map((name) => {
      const d = definition(
        name,
        figureFiles,
        (n) => new RegExp(`\\bf\\.${n}\\s*=\\s*(.*)$|\\b${n}:\\s*(.*)$`),
      );
      return `| ${code(`{${name}}`)} | ${cell(story.facts[name]!)} | ${d ? `${code(cell(d.expr))} (${d.at})` : 'src/story/facts.ts'} | ${usedAt(doc, [`{${name}}`, `{^${name}}`])} |`;
    });
}

/** Each chart module's own figures, for that chart's texts. */
function chartFigureRows(charts: readonly AnyChart[], doc: string[]): string[] {
  return charts.flatMap((c) => {
    const file = `src/charts/${c.id}.ts`;
    return Object.entries(c.figures ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => {
        const d = definition(name, [file], (n) => new RegExp(`\\b${n}:\\s*(.*)$`));
        return `| ${c.id} | ${code(`{${name}}`)} | ${cell(value)} | ${d ? `${code(cell(d.expr))} (${d.at})` : file} | ${usedAt(doc, [`{${name}}`, `{^${name}}`])} |`;
      });
  });
}

/** Every claim: what it checks, whether it holds now, where it is computed and cited. */
function claimRows(story: Story, figureFiles: string[], doc: string[]): string[] {
  return [...story.claims]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((c) => {
      const d = definition(c.id, figureFiles, (n) => new RegExp(`^\\s*(?:claim\\(\\s*)?'${n}',`));
      return `| ${code(`{!${c.id}}`)} | ${cell(c.says)} | ${c.holds ? 'yes' : '**no**'} | ${cell(c.figures)} | ${d?.at ?? FIGURES_DIR} | ${usedAt(doc, [`{!${c.id}}`, `claims: ${c.id}`])} |`;
    });
}
