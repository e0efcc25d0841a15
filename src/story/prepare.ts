/**
 * Turns the article's blocks into HTML fragments: fills {placeholders} with the computed
 * figures (escaped), applies the small inline markup, and checks every chart id, placeholder
 * and claim. Problems are gathered and thrown together so an editor sees all of them at once.
 */
import type { AnyChart } from '../charts/types.ts';
import { escapeHtml } from '../lib/escape.ts';
import { ARTICLE, HEAD, MORE_CHARTS, type Block, type Head } from './article.ts';
import { applyChartCopy } from './chart-copy.ts';
import { atLine, nearestText } from './document.ts';
import { assertClaims, type Story } from './facts.ts';
import { sentences } from './sentences.ts';

export class CopyError extends Error {
  constructor(problems: string[]) {
    super(
      `The article copy has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CopyError';
  }
}

export type PreparedBlock =
  | { type: 'h2'; id: string; html: string }
  | { type: 'p'; id?: string; html: string; claims: string[] }
  | { type: 'figure'; chart: AnyChart; controls?: 'method' | 'calculator' }
  | {
      type: 'scrolly';
      chart: AnyChart;
      steps: Array<{ id: string; state: string; label: string; html: string[]; claims: string[] }>;
    };

/** A claim marker: {!claim-id} after the sentence it binds. */
export const CLAIM_MARKER = /\{!([a-z0-9][a-z0-9-]*)\}/g;

/** The claim ids a text binds, in order. */
export const claimsIn = (template: string): string[] =>
  [...template.matchAll(CLAIM_MARKER)].map((m) => m[1]!);

/**
 * The review marker: {?review} after a sentence an editor wants to read before any automatic
 * publish (npm run update holds a build whose copy diff changes such a sentence). It renders
 * nothing, and binds its sentence the way a claim marker does.
 */
export const REVIEW_MARKER = /\{\?review\}/g;

/** The sentences of a template that carry the review marker (markers kept). */
export const reviewSentencesIn = (template: string): string[] =>
  sentences(template).filter((s) => s.includes('{?review}'));

/** Fills placeholders and applies **bold**, *italics* and [text](href). Text is escaped first. */
export function renderText(
  template: string,
  facts: Record<string, string>,
  href: (h: string) => string,
  problems: string[],
  line?: number,
): string {
  // {!claim} and {?review} markers render nothing; {name} inserts a figure; {^name} also capitalises it.
  let html = escapeHtml(template.replace(CLAIM_MARKER, '').replace(REVIEW_MARKER, '')).replace(
    /\{(\^?)([a-zA-Z][\w]*)\}/g,
    (_, cap: string, name: string) => {
      const v = facts[name];
      if (v === undefined || v === '') {
        problems.push(
          `${atLine(line)}: placeholder {${cap}${name}} has no figure (in: "${template.slice(0, 60)}...")${nearestText(name, Object.keys(facts), (k) => `{${k}}`)}`,
        );
        return `{${name}}`;
      }
      return escapeHtml(cap ? v.charAt(0).toUpperCase() + v.slice(1) : v);
    },
  );
  html = html
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_, text: string, h: string) => `<a href="${escapeHtml(href(h))}">${text}</a>`,
    );
  return html;
}

/** One piece of the copy as readers meet it, with where it sits and the claims it rests on. */
export type CopyItem =
  | {
      kind: 'title' | 'dek' | 'summary' | 'heading' | 'paragraph' | 'step';
      /** The section it is in: "Headline" (title, dek, summary), "Opening", or the h2's text. */
      section: string;
      /** Index of its block in the article's blocks (null for the head). */
      block: number | null;
      /** The text as written in src/story/article.aml, and as rendered (HTML, figures filled in). */
      template: string;
      html: string;
      claims: string[];
      /** The sentences marked {?review}, each rendered on its own (HTML, figures filled in). */
      review?: string[];
      /** Its line in src/story/article.aml (absent for blocks not read from the document). */
      line?: number;
    }
  | { kind: 'chart'; section: string; block: number; chart: AnyChart };

export interface PreparedArticle {
  head: { kicker: string; title: string; dek: string; description: string };
  blocks: PreparedBlock[];
  /** Every title, paragraph, step and chart in reading order, by section. */
  copy: CopyItem[];
  /** Every chart (in the given order), with the words the document gives it. */
  charts: AnyChart[];
  /** The methodology page's "More charts", in the document's order ([methodologyCharts]). */
  more: AnyChart[];
}

export type { Head };

export const HEADLINE_SECTION = 'Headline';
export const OPENING_SECTION = 'Opening';

/**
 * Renders the copy: fills every placeholder and checks every chart id, chart state and claim id
 * it names (throwing one CopyError with all problems). It does not check whether the claims hold:
 * prepareArticle does, and the build's verify step reports failed claims with their sentences.
 */
export function renderArticle(
  story: Story,
  charts: readonly AnyChart[],
  href: (h: string) => string,
  blocks: readonly Block[] = ARTICLE,
  headBlock: Head = HEAD,
  more: readonly Block[] = MORE_CHARTS,
): PreparedArticle {
  const { article, problems } = renderArticleWithProblems(
    story,
    charts,
    href,
    blocks,
    headBlock,
    more,
  );
  if (problems.length > 0) throw new CopyError(problems);
  return article;
}

/**
 * renderArticle without the throw: the copy as far as it can be written (a placeholder with no
 * figure stays "{name}") and the problems found. The data step uses it to name the failed claims
 * and their sentences even when a failed claim also left a figure empty.
 */
export function renderArticleWithProblems(
  story: Story,
  charts: readonly AnyChart[],
  href: (h: string) => string,
  blocks: readonly Block[] = ARTICLE,
  headBlock: Head = HEAD,
  more: readonly Block[] = MORE_CHARTS,
): { article: PreparedArticle; problems: string[] } {
  const problems: string[] = [];
  // The charts with the words the document gives them (titles, subtitles, notes, descriptions).
  const claimIds = new Set(story.claims.map((c) => c.id));
  const worded = applyChartCopy(charts, [...blocks, ...more], story.facts, problems, claimIds);
  const cx = renderContext(story, worded, href, problems);
  const { head, copy } = prepareHead(cx, headBlock);
  const out = prepareBlocks(cx, blocks, copy);
  for (const item of copy) {
    if (item.kind === 'chart') continue;
    const marked = reviewSentencesIn(item.template);
    if (marked.length > 0) item.review = marked.map((t) => renderText(t, story.facts, href, []));
  }
  const moreCharts = methodologyCharts(cx, more, copy);
  return { article: { head, blocks: out, copy, charts: worded, more: moreCharts }, problems };
}

/** The charts of [methodologyCharts], none of which the article shows. */
function methodologyCharts(
  { chart, problems }: RenderContext,
  more: readonly Block[],
  copy: readonly CopyItem[],
): AnyChart[] {
  const inArticle = new Set(copy.flatMap((c) => (c.kind === 'chart' ? [c.chart.id] : [])));
  return more.flatMap((b) => {
    if (b.type !== 'figure') return [];
    const c = chart(b.chart, b.at?.fields.chart ?? b.at?.line);
    if (c && inArticle.has(c.id))
      problems.push(
        `${atLine(b.at?.fields.chart ?? b.at?.line)}: chart "${c.id}" is in the article already; [methodologyCharts] lists the charts the article does not show`,
      );
    return c ? [c] : [];
  });
}

/** What every step of the rendering shares: the text renderer, the claim and chart look-ups, and the problems found. */
interface RenderContext {
  problems: string[];
  text: (t: string, line?: number) => string;
  checkClaims: (ids: readonly string[] | undefined, line?: number) => string[];
  chart: (id: string, line?: number) => AnyChart | undefined;
}

function renderContext(
  story: Story,
  worded: readonly AnyChart[],
  href: (h: string) => string,
  problems: string[],
): RenderContext {
  const byId = new Map(worded.map((c) => [c.id, c]));
  const claimIds = new Set(story.claims.map((c) => c.id));
  return {
    problems,
    text: (t, line) => renderText(t, story.facts, href, problems, line),
    checkClaims: (ids, line) => {
      for (const id of ids ?? [])
        if (!claimIds.has(id))
          problems.push(
            `${atLine(line)}: the copy cites claim "${id}", which src/story/figures/ does not define${nearestText(id, claimIds, (k) => `{!${k}}`)}`,
          );
      return [...(ids ?? [])];
    },
    chart: (id, line) => {
      const c = byId.get(id);
      if (!c)
        problems.push(
          `${atLine(line)}: chart id "${id}" does not exist${nearestText(id, byId.keys(), (k) => `"${k}"`)}`,
        );
      return c;
    },
  };
}

/**
 * The head (kicker, title, dek, description) and its three copy items. The title and
 * description are plain text (pages escape them) whose sentences may carry claim markers like
 * the paragraphs' (taken out here); the dek is HTML.
 */
function prepareHead(
  { text, checkClaims }: RenderContext,
  headBlock: Head,
): { head: PreparedArticle['head']; copy: CopyItem[] } {
  const hf = headBlock.at?.fields ?? {};
  const stripMarkers = (t: string) => t.replace(CLAIM_MARKER, '').replace(REVIEW_MARKER, '');
  const headClaims = checkClaims(
    [...(headBlock.claims ?? []), ...claimsIn(headBlock.title), ...claimsIn(headBlock.description)],
    hf.claims,
  );
  const head = {
    kicker: headBlock.kicker,
    title: stripMarkers(headBlock.title),
    dek: text(headBlock.dek, hf.dek),
    description: stripMarkers(headBlock.description),
  };
  const copy: CopyItem[] = [
    {
      kind: 'title',
      section: HEADLINE_SECTION,
      block: null,
      template: headBlock.title,
      html: escapeHtml(head.title),
      claims: headClaims,
      line: hf.title,
    },
    {
      kind: 'dek',
      section: HEADLINE_SECTION,
      block: null,
      template: headBlock.dek,
      html: head.dek,
      claims: checkClaims(claimsIn(headBlock.dek), hf.dek),
      line: hf.dek,
    },
    {
      kind: 'summary',
      section: HEADLINE_SECTION,
      block: null,
      template: headBlock.description,
      html: escapeHtml(head.description),
      claims: headClaims,
      line: hf.description,
    },
  ];
  return { head, copy };
}

/** The page's blocks in order, each adding its copy items (under the section heading before it). */
function prepareBlocks(
  cx: RenderContext,
  blocks: readonly Block[],
  copy: CopyItem[],
): PreparedBlock[] {
  const { text, checkClaims, chart } = cx;
  let section = OPENING_SECTION;
  const out: PreparedBlock[] = [];
  blocks.forEach((b, i) => {
    const line = b.at?.fields.text ?? b.at?.line;
    if (b.type === 'h2') {
      const html = text(b.text, line);
      out.push({ type: 'h2', id: b.id, html });
      section = b.text;
      const claims = checkClaims(claimsIn(b.text), line);
      copy.push({ kind: 'heading', section, block: i, template: b.text, html, claims, line });
    } else if (b.type === 'p') {
      const claims = checkClaims(claimsIn(b.text), line);
      const html = text(b.text, line);
      out.push({ type: 'p', id: b.id, html, claims });
      copy.push({ kind: 'paragraph', section, block: i, template: b.text, html, claims, line });
    } else if (b.type === 'figure') {
      const c = chart(b.chart, b.at?.fields.chart ?? b.at?.line);
      if (c) {
        out.push({ type: 'figure', chart: c, controls: b.controls });
        copy.push({ kind: 'chart', section, block: i, chart: c });
      }
    } else {
      const scrolly = prepareScroller(cx, b, i, section, copy);
      if (scrolly) out.push(scrolly);
    }
  });
  return out;
}

type ScrollerBlock = Exclude<Block, { type: 'h2' | 'p' | 'figure' }>;

/** A scroller: its chart, and each step's state (checked against the chart's) and paragraphs. */
function prepareScroller(
  { text, checkClaims, chart, problems }: RenderContext,
  b: ScrollerBlock,
  i: number,
  section: string,
  copy: CopyItem[],
): PreparedBlock | undefined {
  const line = b.at?.fields.text ?? b.at?.line;
  const c = chart(b.chart, b.at?.fields.chart ?? b.at?.line);
  const states = new Map((c?.states ?? []).map((s) => [s.id, s.label]));
  if (c) copy.push({ kind: 'chart', section, block: i, chart: c });
  const steps = b.steps.map((s) => {
    const lineOf = (k: number) =>
      s.at?.paragraphs?.text?.[k] ?? s.at?.fields.text ?? s.at?.line ?? line;
    const claims = s.text.flatMap((t, k) => checkClaims(claimsIn(t), lineOf(k)));
    if (c && !states.has(s.state))
      problems.push(
        `${atLine(s.at?.fields.state ?? s.at?.line)}: chart "${b.chart}" has no state "${s.state}"${nearestText(s.state, states.keys(), (k) => `"${k}"`)}`,
      );
    const html = s.text.map((t, k) => text(t, lineOf(k)));
    s.text.forEach((t, k) =>
      copy.push({
        kind: 'step',
        section,
        block: i,
        template: t,
        html: html[k]!,
        claims: claimsIn(t),
        line: lineOf(k),
      }),
    );
    return { id: s.id, state: s.state, label: states.get(s.state) ?? s.state, html, claims };
  });
  return c ? { type: 'scrolly', chart: c, steps } : undefined;
}

/** renderArticle, then every claim must hold (a ClaimError names those that do not). */
export function prepareArticle(
  story: Story,
  charts: readonly AnyChart[],
  href: (h: string) => string,
  blocks: readonly Block[] = ARTICLE,
  headBlock: Head = HEAD,
  more: readonly Block[] = MORE_CHARTS,
): PreparedArticle {
  const article = renderArticle(story, charts, href, blocks, headBlock, more);
  assertClaims(story);
  return article;
}
