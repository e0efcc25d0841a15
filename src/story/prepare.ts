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
  | { type: 'p'; id?: string; html: string; claims: string[] }
  | { type: 'figure'; chart: Chart<any>; controls?: 'method' | 'calculator' }
  | { type: 'scrolly'; chart: Chart<any>; steps: Array<{ id: string; state: string; label: string; html: string[]; claims: string[] }> };

/** A claim marker: {!claim-id} after the sentence it binds. */
export const CLAIM_MARKER = /\{!([a-z0-9][a-z0-9-]*)\}/g;

/** The claim ids a text binds, in order. */
export const claimsIn = (template: string): string[] => [...template.matchAll(CLAIM_MARKER)].map((m) => m[1]!);

/** Fills placeholders and applies **bold**, *italics* and [text](href). Text is escaped first. */
export function renderText(template: string, facts: Record<string, string>, href: (h: string) => string, problems: string[]): string {
  // {!claim} markers render nothing; {name} inserts a figure; {^name} also capitalises it.
  let html = escapeHtml(template.replace(CLAIM_MARKER, '')).replace(/\{(\^?)([a-zA-Z][\w]*)\}/g, (_, cap: string, name: string) => {
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
  const checkClaims = (template: string): string[] => {
    const ids = claimsIn(template);
    for (const id of ids) if (!claimIds.has(id)) problems.push(`the copy cites claim "${id}", which src/story/figures/ does not define`);
    return ids;
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
      out.push({ type: 'p', id: b.id, html: text(b.text), claims: checkClaims(b.text) });
    } else if (b.type === 'figure') {
      const c = chart(b.chart);
      if (c) out.push({ type: 'figure', chart: c, controls: b.controls });
    } else {
      const c = chart(b.chart);
      const states = new Map((c?.states ?? []).map((s) => [s.id, s.label]));
      const steps = b.steps.map((s) => {
        const claims = s.text.flatMap(checkClaims);
        if (c && !states.has(s.state)) problems.push(`chart "${b.chart}" has no state "${s.state}" (known: ${[...states.keys()].join(', ')})`);
        return { id: s.id, state: s.state, label: states.get(s.state) ?? s.state, html: s.text.map(text), claims };
      });
      if (c) out.push({ type: 'scrolly', chart: c, steps });
    }
  }
  const head = {
    kicker: HEAD.kicker,
    title: HEAD.title,
    dek: (checkClaims(HEAD.dek), renderText(HEAD.dek, story.facts, href, problems)),
    description: HEAD.description,
  };
  if (problems.length > 0) throw new CopyError(problems);
  assertClaims(story);
  return { head, blocks: out };
}
