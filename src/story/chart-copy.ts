/**
 * A chart's words from the document: every graphic and scroller block in src/story/article.aml,
 * and every chart of the methodology page's [methodologyCharts], gives its chart's title,
 * subtitle, notes and description (the alt text), with {placeholders} filled from the figures
 * the chart module computes (Chart.figures) and the story's figures, and {!claim} markers after
 * a sentence binding it to a claim, as in the article's paragraphs (they print nothing). Chart
 * modules keep the data, the marks and the figures and leave these texts empty: the document is
 * the one place for words. Titles, subtitles, notes and descriptions are plain text (the pages
 * escape them): no **bold** or links.
 */
import type { AnyChart, ChartTexts } from '../charts/types.ts';
import { atLine, nearestText, type Block, type ChartCopy } from './document.ts';

/** {name}, {^name} (capitalised) or {name?} (optional: may be empty, for a clause the data may
 *  not call for, such as a key entry for a kind of mark the chart does not draw). */
const PLACEHOLDER = /\{(\^?)([a-zA-Z][\w]*)(\??)\}/g;
const MARKER = /\{!([a-z0-9][a-z0-9-]*)\}|\{\?review\}/g;

/** Fills a chart text's placeholders (plain text), recording unknown names and claims at the
 *  line; claim and review markers print nothing. */
export function fillChartText(
  template: string,
  figures: Record<string, string>,
  line: number | undefined,
  chartId: string,
  problems: string[],
  claimIds?: ReadonlySet<string>,
): string {
  for (const m of template.matchAll(MARKER))
    if (m[1] && claimIds && !claimIds.has(m[1]))
      problems.push(
        `${atLine(line)}: chart "${chartId}"'s words cite claim "${m[1]}", which src/story/figures/ does not define${nearestText(m[1], claimIds, (k) => `{!${k}}`)}`,
      );
  return template
    .replace(MARKER, '')
    .replace(PLACEHOLDER, (m, cap: string, name: string, opt: string) => {
      const v = figures[name];
      if (opt && v === '') return '';
      if (v === undefined || v === '') {
        problems.push(
          `${atLine(line)}: placeholder {${cap}${name}} in chart "${chartId}"'s words has no figure${nearestText(name, Object.keys(figures), (k) => `{${k}}`)}`,
        );
        return m;
      }
      return cap ? v.charAt(0).toUpperCase() + v.slice(1) : v;
    });
}

/** Every state the document labels exists, and every state has a label from somewhere. */
function checkStateLabels(
  chart: AnyChart,
  c: ChartCopy,
  at: Block['at'],
  problems: string[],
): void {
  const known = new Set((chart.states ?? []).map((st) => st.id));
  for (const id of Object.keys(c.states ?? {}))
    if (!known.has(id))
      problems.push(
        `${atLine(at?.fields.states ?? at?.line)}: chart "${chart.id}" has no state "${id}" to label${nearestText(id, known, (k) => `"${k}"`)}`,
      );
  for (const st of chart.states ?? [])
    if (!st.label && c.states?.[st.id] === undefined)
      problems.push(
        `${atLine(at?.line)}: chart "${chart.id}" needs a label for its state "${st.id}" in the document ([.states])`,
      );
}

/** The fields a chart's words must have, from the document or (until moved) its module. */
const REQUIRED = ['title', 'subtitle', 'description'] as const;

/** The charts with the words the document gives them (new objects; the others unchanged): the
 *  article's blocks first, then the methodology page's charts. A chart whose module leaves a
 *  text empty and that the document does not word is a problem at the block's line. */
export function applyChartCopy(
  charts: readonly AnyChart[],
  blocks: readonly Block[],
  facts: Record<string, string>,
  problems: string[],
  claimIds?: ReadonlySet<string>,
): AnyChart[] {
  const words = new Map<string, { copy: ChartCopy; block: Block }>();
  for (const b of blocks)
    if ((b.type === 'figure' || b.type === 'scrolly') && !words.has(b.chart))
      words.set(b.chart, { copy: b.copy ?? {}, block: b });
  return charts.map((chart) => {
    const w = words.get(chart.id);
    if (!w) return chart;
    const figures = { ...facts, ...chart.figures };
    const at = w.block.at;
    const fill = (t: string, line: number | undefined) =>
      fillChartText(t, figures, line ?? at?.line, chart.id, problems, claimIds);
    const c = w.copy;
    for (const field of REQUIRED)
      if (c[field] === undefined && !chart[field])
        problems.push(
          `${atLine(at?.line)}: chart "${chart.id}" needs a ${field} in the document (${field}: ...)`,
        );
    const templates: ChartTexts = {
      ...(c.title !== undefined ? { title: c.title } : {}),
      ...(c.subtitle !== undefined ? { subtitle: c.subtitle } : {}),
      ...(c.notes !== undefined ? { notes: c.notes } : {}),
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.states !== undefined ? { states: c.states } : {}),
    };
    checkStateLabels(chart, c, at, problems);
    return {
      ...chart,
      templates,
      ...(c.title !== undefined ? { title: fill(c.title, at?.fields.title) } : {}),
      ...(c.subtitle !== undefined ? { subtitle: fill(c.subtitle, at?.fields.subtitle) } : {}),
      ...(c.notes !== undefined
        ? { notes: c.notes.map((n, k) => fill(n, at?.paragraphs?.notes?.[k])) }
        : {}),
      ...(c.description !== undefined
        ? { description: fill(c.description, at?.fields.description) }
        : {}),
      ...(c.states !== undefined
        ? {
            states: (chart.states ?? []).map((st) => ({
              ...st,
              label:
                c.states?.[st.id] !== undefined
                  ? fill(c.states[st.id]!, at?.fields.states)
                  : st.label,
            })),
          }
        : {}),
    };
  });
}
