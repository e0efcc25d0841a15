/**
 * Turns the article's blocks into HTML fragments: fills {placeholders} with the computed
 * figures (escaped), applies the small inline markup, and checks every chart id, placeholder
 * and claim. Problems are gathered and thrown together so an editor sees all of them at once.
 */
import type { Chart } from '../charts/types.ts';
import { escapeHtml } from '../lib/escape.ts';
import { ARTICLE, HEAD, type Block } from './article.ts';
import { assertClaims, type Story } from './facts.ts';

export class CopyError extends Error {
  constructor(problems: string[]) {
    super(`The article copy has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CopyError';
  }
}

export type PreparedBlock =
  | { type: 'h2'; id: string; html: string }
  | { type: 'p'; html: string }
  | { type: 'figure'; chart: Chart<any>; controls?: 'method' | 'calculator' }
  | { type: 'scrolly'; chart: Chart<any>; steps: Array<{ state: string; label: string; html: string[] }> };

/** Fills placeholders and applies **bold**, *italics* and [text](href). Text is escaped first. */
export function renderText(template: string, facts: Record<string, string>, href: (h: string) => string, problems: string[]): string {
  // {name} inserts a figure; {^name} also capitalises it, for the start of a sentence.
  let html = escapeHtml(template).replace(/\{(\^?)([a-zA-Z][\w]*)\}/g, (_, cap: string, name: string) => {
    const v = facts[name];
    if (v === undefined || v === '') {
      problems.push(`placeholder {${name}} has no figure (in: "${template.slice(0, 60)}...")`);
      return `{${name}}`;
    }
    return escapeHtml(cap ? v.charAt(0).toUpperCase() + v.slice(1) : v);
  });
  html = html
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text: string, h: string) => `<a href="${escapeHtml(href(h))}">${text}</a>`);
  return html;
}

export interface PreparedArticle {
  head: { kicker: string; title: string; dek: string; description: string };
  blocks: PreparedBlock[];
}

export function prepareArticle(
  story: Story,
  charts: readonly Chart<any>[],
  href: (h: string) => string,
  blocks: readonly Block[] = ARTICLE,
): PreparedArticle {
  const problems: string[] = [];
  const byId = new Map(charts.map((c) => [c.id, c]));
  const claimIds = new Set(story.claims.map((c) => c.id));
  const text = (t: string) => renderText(t, story.facts, href, problems);
  const checkClaims = (ids: string[] | undefined) => {
    for (const id of ids ?? []) if (!claimIds.has(id)) problems.push(`the copy cites claim "${id}", which facts.ts does not define`);
  };
  const chart = (id: string) => {
    const c = byId.get(id);
    if (!c) problems.push(`chart id "${id}" does not exist (known: ${[...byId.keys()].join(', ')})`);
    return c;
  };
  const out: PreparedBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'h2') out.push({ type: 'h2', id: b.id, html: text(b.text) });
    else if (b.type === 'p') {
      checkClaims(b.claims);
      out.push({ type: 'p', html: text(b.text) });
    } else if (b.type === 'figure') {
      const c = chart(b.chart);
      if (c) out.push({ type: 'figure', chart: c, controls: b.controls });
    } else {
      const c = chart(b.chart);
      const states = new Map((c?.states ?? []).map((s) => [s.id, s.label]));
      const steps = b.steps.map((s) => {
        checkClaims(s.claims);
        if (c && !states.has(s.state)) problems.push(`chart "${b.chart}" has no state "${s.state}" (known: ${[...states.keys()].join(', ')})`);
        return { state: s.state, label: states.get(s.state) ?? s.state, html: s.text.map(text) };
      });
      if (c) out.push({ type: 'scrolly', chart: c, steps });
    }
  }
  const head = {
    kicker: HEAD.kicker,
    title: HEAD.title,
    dek: renderText(HEAD.dek, story.facts, href, problems),
    description: HEAD.description,
  };
  if (problems.length > 0) throw new CopyError(problems);
  assertClaims(story);
  return { head, blocks: out };
}
