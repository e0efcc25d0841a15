/**
 * The story check that `npm run data` (and the dev server) runs on new data before anything is
 * replaced: the story settings still fit the data, every chart and the copy compute, and every
 * claim the copy makes holds. A failure is a StoryCheckError whose message says what readers
 * would read, what the figures are now, and which file and line to edit (or that the fix is the
 * data or a story setting). On success it hands the copy's plain text to the pipeline, which
 * stores it with the generated data for the next build's copy diff.
 */
import { buildCharts, CHART_IDS } from '../../charts/index.ts';
import type { AnyChart, SiteData } from '../../charts/types.ts';
import { oneSidedNewest, type OneSided } from '../../pipeline/checks-newest.ts';
import type { BuildOutput, Verification } from '../../pipeline/run.ts';
import { computeStory, ClaimError, type Claim, type Story } from '../../story/facts.ts';
import {
  CopyError,
  renderArticleWithProblems,
  renderText,
  type CopyItem,
  type PreparedArticle,
} from '../../story/prepare.ts';
import { checkSettings, type SettingProblem } from '../../story/settings-check.ts';
import { DocumentError, loadArticle } from '../../story/document.ts';
import { COPY_FILE, copySnapshot, plainText, sentences, type CopySnapshot } from './copy-diff.ts';
import {
  ARTICLE_FILE,
  SETTINGS_FILE,
  at,
  lineOfClaim,
  lineOfSetting,
  lineOfText,
  srcFrame,
} from './source-lines.ts';

/** Where readers meet a failed claim: the sentence(s), and the place to edit them. */
export interface ClaimSentence {
  section: string;
  /** 'chart': a chart's title, subtitle, note, description or state label. */
  kind: Exclude<CopyItem['kind'], 'chart'> | 'chart';
  /** The sentences as readers would read them (figures filled in). */
  text: string[];
  file: string;
  line: number | undefined;
}

export type StoryProblem =
  | ({ kind: 'setting'; file: string; line: number | undefined } & SettingProblem)
  /** A newest week or day the copy would quote as the latest, with one side missing. */
  | ({ kind: 'one-sided' } & OneSided)
  | {
      kind: 'claim';
      claim: Claim;
      sentences: ClaimSentence[];
      file: string;
      line: number | undefined;
      settings: Array<{ name: string; line: number | undefined }>;
    }
  | {
      kind: 'copy';
      message: string;
      /** The document and line of the first problem, when the message names one. */
      file?: string;
      line?: number;
    }
  | { kind: 'crash'; message: string; at: string | undefined };

export class StoryCheckError extends Error {
  readonly problems: StoryProblem[];
  /** The copy as readers would read it with this data, when it could be written (every claim
   *  computed, some false): npm run update diffs it against the live copy. */
  readonly copy: CopySnapshot | undefined;
  constructor(problems: StoryProblem[], copy?: CopySnapshot) {
    super(formatStoryProblems(problems));
    this.name = 'StoryCheckError';
    this.problems = problems;
    this.copy = copy;
  }
}

export interface StoryCheck {
  charts: AnyChart[];
  story: Story;
  article: PreparedArticle;
  copy: CopySnapshot;
}

/** The pipeline's output as the pages see it. */
export const siteDataOf = (o: BuildOutput): SiteData => ({
  datasets: o.datasets,
  derived: { ...o.derived, headlines: o.headlines },
  meta: o.meta,
  provenance: o.provenance,
});

/** Builds the charts and the copy from the data and checks every setting and claim. */
export function checkStory(data: SiteData): StoryCheck {
  // Before any claim looks back past it: the newest row of each count must have both sides.
  const oneSided = oneSidedNewest(data.datasets['weekly-tokens'], data.derived.api.days);
  if (oneSided.length > 0)
    throw new StoryCheckError(oneSided.map((o) => ({ kind: 'one-sided', ...o })));
  const settings = checkSettings(data, CHART_IDS);
  if (settings.length > 0) {
    throw new StoryCheckError(
      settings.map((s) => ({
        kind: 'setting',
        file: SETTINGS_FILE,
        line: lineOfSetting(s.setting),
        ...s,
      })),
    );
  }
  let charts: AnyChart[];
  let story: Story;
  let article: PreparedArticle;
  let copyProblems: string[];
  try {
    charts = buildCharts(data);
    story = computeStory(data);
    // Read afresh: the dev server re-runs this step on a save of the document.
    const document = loadArticle();
    ({ article, problems: copyProblems } = renderArticleWithProblems(
      story,
      charts,
      (h) => h,
      document.blocks,
      document.head,
      document.more,
    ));
    charts = article.charts;
  } catch (e) {
    if (e instanceof CopyError || e instanceof DocumentError)
      throw new StoryCheckError([copyProblem(e.message)]);
    if (e instanceof ClaimError)
      throw new StoryCheckError(e.failed.map((c) => claimProblem(c, [], {})));
    throw new StoryCheckError([
      { kind: 'crash', message: e instanceof Error ? e.message : String(e), at: srcFrame(e) },
    ]);
  }
  // Failed claims are named with their sentences even when they also left a figure empty (the
  // empty figure is then reported too, and no copy is handed on).
  const failed = story.claims.filter((c) => !c.holds);
  const emptyFigures: StoryProblem[] =
    copyProblems.length > 0 ? [{ kind: 'copy', message: new CopyError(copyProblems).message }] : [];
  if (failed.length > 0 || emptyFigures.length > 0)
    throw new StoryCheckError(
      [
        ...failed.map((c) => claimProblem(c, article.copy, story.facts, article.charts)),
        ...emptyFigures,
      ],
      emptyFigures.length === 0 ? copySnapshot(article) : undefined,
    );
  return { charts, story, article, copy: copySnapshot(article) };
}

/** A problem of the copy's document, located at the first "file:line" its message names. */
function copyProblem(message: string): StoryProblem {
  const m = new RegExp(`${ARTICLE_FILE.replaceAll('.', '\\.')}:(\\d+)`).exec(message);
  return { kind: 'copy', message, ...(m ? { file: ARTICLE_FILE, line: Number(m[1]) } : {}) };
}

/** The pipeline's verify hook: the story check, and the copy kept for the next copy diff. */
export function verifyStory(output: BuildOutput): Verification & { check: StoryCheck } {
  const check = checkStory(siteDataOf(output));
  return { check, files: { [COPY_FILE]: check.copy } };
}

/**
 * The sentences of a text that a claim binds, as readers read them: those its {!claim} marker
 * follows (the title and the summary, plain text without markers, are cited whole).
 */
function claimSentences(
  template: string,
  html: string,
  claim: Claim,
  facts: Record<string, string>,
): string[] {
  const marker = `{!${claim.id}}`;
  const bound = sentences(template).filter((s) => s.includes(marker));
  if (bound.length === 0) return sentences(plainText(html));
  return bound.map((s) => plainText(renderText(s, facts, (h) => h, [])));
}

function claimProblem(
  claim: Claim,
  copy: readonly CopyItem[],
  facts: Record<string, string>,
  charts: readonly AnyChart[] = [],
): StoryProblem {
  const cited: ClaimSentence[] = [];
  for (const item of copy) {
    if (item.kind === 'chart' || !item.claims.includes(claim.id)) continue;
    cited.push({
      section: item.section,
      kind: item.kind,
      text: claimSentences(item.template, item.html, claim, facts),
      file: ARTICLE_FILE,
      line: item.line ?? lineOfText(item.template),
    });
  }
  // A chart's words bind claims the same way (src/story/article.aml): cite the text as printed.
  const marker = `{!${claim.id}}`;
  for (const c of charts) {
    const t = c.templates ?? {};
    const fields: Array<[string, string | undefined, string]> = [
      ['title', t.title, c.title],
      ['subtitle', t.subtitle, c.subtitle],
      ['description', t.description, c.description],
      ...(t.notes ?? []).map((n, i): [string, string, string] => [
        `note ${i + 1}`,
        n,
        c.notes[i] ?? '',
      ]),
      ...(c.states ?? []).map((st): [string, string | undefined, string] => [
        `state ${st.id}`,
        t.states?.[st.id],
        st.label,
      ]),
    ];
    for (const [field, template, printed] of fields)
      if (template?.includes(marker))
        cited.push({
          section: `chart ${c.id} ${field}`,
          kind: 'chart',
          text: [printed],
          file: ARTICLE_FILE,
          line: lineOfText(template),
        });
  }
  const where = lineOfClaim(claim.id);
  return {
    kind: 'claim',
    claim,
    sentences: cited,
    file: where.file,
    line: where.line,
    settings: (claim.settings ?? []).map((name) => ({ name, line: lineOfSetting(name) })),
  };
}

const KIND_LABEL: Record<ClaimSentence['kind'], string> = {
  title: 'the title',
  dek: 'the dek',
  summary: 'the summary (search and social description)',
  heading: 'a heading',
  paragraph: 'a paragraph',
  step: 'a scrolly step',
  chart: "a chart's words",
};

/** Every problem as plain text, for the terminal and the dev server's overlay. */
export function formatStoryProblems(problems: readonly StoryProblem[]): string {
  const claims = problems.filter((p) => p.kind === 'claim');
  const settings = problems.filter((p) => p.kind === 'setting');
  const out: string[] = [];
  for (const p of problems) {
    if (p.kind !== 'one-sided') continue;
    out.push(
      `The newest ${p.count === 'media' ? 'week of the media sums' : "day of OpenRouter's data"} has one side only (never published unattended): ${p.problem}.`,
      `  To fix: ${p.fix}.`,
    );
  }
  if (settings.length > 0) {
    out.push(
      `${settings.length} story setting(s) no longer fit the data (the fix is the data or the setting, not a sentence):`,
    );
    for (const s of settings) {
      out.push(
        '',
        `${at(s.file, s.line)}: story setting ${s.setting} = ${s.value}: ${s.problem}.`,
        `  To fix: ${s.fix} (the setting is ${s.setting} in ${at(s.file, s.line)}).`,
      );
    }
  }
  if (claims.length > 0) {
    out.push(`The copy makes ${claims.length} claim(s) the data no longer supports:`);
    for (const p of claims) {
      const c = p.claim;
      out.push('', `Claim "${c.id}" is false: ${c.says}.`, `  The figures now: ${c.figures}.`);
      if (p.sentences.length === 0) out.push(`  No sentence cites this claim in ${ARTICLE_FILE}.`);
      else out.push('  Readers would read:');
      for (const s of p.sentences) {
        out.push(`    ${at(s.file, s.line)} (${KIND_LABEL[s.kind]}, section "${s.section}"):`);
        for (const t of s.text) out.push(`      "${t}"`);
      }
      const lines = [...new Set(p.sentences.map((s) => at(s.file, s.line)))];
      out.push(
        `  To fix: if the figures are right, rewrite ${lines.length > 0 ? `the sentence(s) at ${lines.join(', ')}` : 'the copy'} so they are true of them, ` +
          `and change or remove the claim at ${at(p.file, p.line)}; if the figures are wrong, correct the data.`,
      );
      for (const s of p.settings) {
        out.push(
          `  Or the story setting ${s.name} (${at(SETTINGS_FILE, s.line)}) no longer fits the data: the fix may be that setting.`,
        );
      }
    }
  }
  for (const p of problems) {
    if (p.kind === 'copy') out.push('', p.message);
    if (p.kind === 'crash')
      out.push(
        '',
        `The charts or the copy could not be computed from this data${p.at ? ` (at ${p.at})` : ''}: ${p.message}`,
      );
  }
  return out.join('\n').replace(/^\n/, '');
}
