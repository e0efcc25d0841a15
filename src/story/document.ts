/**
 * The article's copy lives in an ArchieML document, src/story/article.aml, so that editors
 * change words, cut steps and move charts without touching code. This module reads it with the
 * NYT's own parser (the `archieml` package), maps every value back to its line (the parser gives
 * none), and validates it against one table of block types (BLOCK_TYPES): a block of an unknown
 * type, an unknown or missing field, or a value of the wrong shape is a DocumentError naming
 * `src/story/article.aml:LINE` and the nearest known names. Placeholders, claim ids and chart ids
 * are checked later, against the figures and charts (src/story/prepare.ts), with the same lines.
 * To add a block type: add a row to BLOCK_TYPES and a case where the page renders it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import archieml from 'archieml';
import { closest, distance } from 'fastest-levenshtein';

/** The document, from the project's root (messages name it this way). */
export const ARTICLE_FILE = 'src/story/article.aml';

/** Where a value sits in the document: 1-based line numbers. */
export interface Lines {
  /** The block's (or step's) first line. */
  line: number;
  /** The line of each field, by name; a multi-line field's paragraphs are in `paragraphs`. */
  fields: Record<string, number>;
  /** For a text that holds several paragraphs (or a list of notes): the line of each. */
  paragraphs?: Record<string, number[]>;
}

/** The texts a graphic block gives its chart (placeholders are filled from the chart's figures). */
export interface ChartCopy {
  title?: string;
  subtitle?: string;
  notes?: string[];
  /** The description (alt text and aria-describedby): a template, rows computed in code as
   *  placeholders. */
  description?: string;
  /** Labels of the chart's states ([.states]: id and label), by state id. */
  states?: Record<string, string>;
}

export interface Step {
  id: string;
  state: string;
  text: string[];
  at?: Lines;
}

export type Block =
  | { type: 'h2'; id: string; text: string; at?: Lines }
  | { type: 'p'; id?: string; text: string; at?: Lines }
  | {
      type: 'figure';
      chart: string;
      controls?: 'method' | 'calculator';
      copy?: ChartCopy;
      at?: Lines;
    }
  | { type: 'scrolly'; chart: string; steps: Step[]; copy?: ChartCopy; at?: Lines };

export interface Head {
  kicker: string;
  title: string;
  dek: string;
  description: string;
  /** Claims the title and the description (summary) rest on (plain text, so no markers); the
   *  dek binds its sentences with {!claim} markers like the article's paragraphs. */
  claims?: string[];
  at?: Lines;
}

export interface ArticleDocument {
  head: Head;
  blocks: Block[];
  /** The charts of the methodology page's "More charts", in its order ([methodologyCharts]):
   *  graphic blocks the article does not show. */
  more: Block[];
  /** The corrections log, newest first ([corrections]). */
  corrections: DocumentCorrection[];
}

/**
 * One entry of the corrections log: what the page said, what it says now, why; `charts` and
 * `blocks` name the chart ids and the paragraph and step ids under which a "Corrected <date>"
 * note links to it; `gone` lists phrases of the old text that must not appear on the built
 * pages again (test/story/corrections.test.ts checks them).
 */
export interface DocumentCorrection {
  id: string;
  date: string;
  where: { charts?: string[]; blocks?: string[] };
  said: string;
  now: string;
  why: string;
  gone: string[];
  at?: Lines;
}

type Raw = Record<string, unknown>;
type Field = 'text' | 'texts' | 'word' | 'words' | 'steps';

/** A field's shape: one text, paragraphs (blank-line separated), an id-like word, a list. */
interface BlockType {
  required: Record<string, Field>;
  optional: Record<string, Field>;
  build: (raw: Raw, at: Lines, problems: Problems) => Block;
}

const CHART_TEXTS = {
  title: 'text',
  subtitle: 'text',
  notes: 'words',
  description: 'text',
  states: 'steps',
} as const;

const chartCopy = (raw: Raw): ChartCopy | undefined => {
  const copy: ChartCopy = {};
  if (typeof raw.title === 'string') copy.title = raw.title;
  if (typeof raw.subtitle === 'string') copy.subtitle = raw.subtitle;
  if (Array.isArray(raw.notes)) copy.notes = raw.notes as string[];
  if (typeof raw.description === 'string') copy.description = raw.description;
  if (Array.isArray(raw.states))
    copy.states = Object.fromEntries(
      (raw.states as Raw[]).map((st) => [String(st.id ?? ''), String(st.label ?? '')]),
    );
  return Object.keys(copy).length > 0 ? copy : undefined;
};

const CONTROLS = ['method', 'calculator'];

/** Fields of a scroller's step. */
export const STEP_FIELDS: { required: Record<string, Field>; optional: Record<string, Field> } = {
  required: { id: 'word', state: 'word', text: 'texts' },
  optional: {},
};

/**
 * Every block type an editor may use, with its required and optional fields. The one place
 * blocks are validated: other branches add a type by adding a row here.
 */
export const BLOCK_TYPES: Record<string, BlockType> = {
  heading: {
    required: { id: 'word', text: 'text' },
    optional: {},
    build: (raw, at) => ({ type: 'h2', id: raw.id as string, text: raw.text as string, at }),
  },
  text: {
    required: { text: 'text' },
    optional: { id: 'word' },
    build: (raw, at) => ({
      type: 'p',
      ...(raw.id !== undefined ? { id: raw.id as string } : {}),
      text: raw.text as string,
      at,
    }),
  },
  graphic: {
    required: { chart: 'word' },
    optional: { controls: 'word', ...CHART_TEXTS },
    build: (raw, at, problems) => {
      const controls = raw.controls as string | undefined;
      if (controls !== undefined && !CONTROLS.includes(controls))
        problems.add(
          at.fields.controls ?? at.line,
          `controls "${controls}" is not one of ${CONTROLS.join(', ')}${nearestText(controls, CONTROLS)}`,
        );
      const copy = chartCopy(raw);
      return {
        type: 'figure',
        chart: raw.chart as string,
        ...(controls ? { controls: controls as 'method' | 'calculator' } : {}),
        ...(copy ? { copy } : {}),
        at,
      };
    },
  },
  scroller: {
    required: { chart: 'word', steps: 'steps' },
    optional: { ...CHART_TEXTS },
    build: (raw, at) => {
      const copy = chartCopy(raw);
      return {
        type: 'scrolly',
        chart: raw.chart as string,
        steps: raw.steps as Step[],
        ...(copy ? { copy } : {}),
        at,
      };
    },
  },
};

export const HEAD_FIELDS: { required: Record<string, Field>; optional: Record<string, Field> } = {
  required: { kicker: 'text', title: 'text', dek: 'text', description: 'text' },
  optional: { claims: 'word', blocks: 'steps', methodologyCharts: 'steps', corrections: 'steps' },
};

/** Fields of an entry of [corrections]. */
export const CORRECTION_FIELDS: {
  required: Record<string, Field>;
  optional: Record<string, Field>;
} = {
  required: { id: 'word', date: 'text', said: 'text', now: 'text', why: 'text' },
  optional: { charts: 'text', blocks: 'text', gone: 'words' },
};

/** Fields of a chart in [methodologyCharts]: a graphic block without a type. */
export const MORE_CHART_FIELDS: {
  required: Record<string, Field>;
  optional: Record<string, Field>;
} = { required: { chart: 'word' }, optional: { ...CHART_TEXTS } };

/** Up to three known names nearest to a name by edit distance, nearest first. */
export function nearest(name: string, known: Iterable<string>, count = 3): string[] {
  return [...new Set(known)]
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, count)
    .map((x) => x.k);
}

/** "; did you mean X? (nearest known: X, Y, Z)", or "" when nothing is known. */
export function nearestText(
  name: string,
  known: Iterable<string>,
  wrap = (s: string) => s,
): string {
  const list = [...known];
  if (list.length === 0) return '';
  const best = closest(name, list);
  return `; did you mean ${wrap(best)}? (nearest known: ${nearest(name, list).map(wrap).join(', ')})`;
}

/** "src/story/article.aml:LINE" (the file alone when the line is unknown). */
export const atLine = (line: number | undefined) =>
  line === undefined ? ARTICLE_FILE : `${ARTICLE_FILE}:${line}`;

/** Problems gathered over a whole document, each at a line. */
export class Problems {
  readonly list: string[] = [];
  add(line: number | undefined, message: string): void {
    this.list.push(`${atLine(line)}: ${message}`);
  }
}

export class DocumentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `${ARTICLE_FILE} has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DocumentError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Lines: the parser keeps the document's order, so each value is found by scanning forward
// from the previous one for a line `key: <its first line>` (or `* <item>` in a list).

const KEY_LINE = /^\s*([A-Za-z0-9\-_.]+)[ \t\r]*:[ \t\r]*(.*)$/;

class LineCursor {
  private next = 0;
  private readonly lines: string[];
  constructor(lines: string[]) {
    this.lines = lines;
  }
  /** The line of `key: value` at or after the cursor (value's first line), moving past it. */
  key(key: string, value: string): number | undefined {
    const first = value.split('\n')[0]!.trim();
    for (let i = this.next; i < this.lines.length; i++) {
      const m = KEY_LINE.exec(this.lines[i]!);
      if (m && m[1] === key && m[2]!.trim() === first) {
        this.next = i + 1;
        return i + 1;
      }
    }
    return undefined;
  }
  /** The line of a list item `* value` at or after the cursor. */
  item(value: string): number | undefined {
    for (let i = this.next; i < this.lines.length; i++) {
      const m = /^\s*\*[ \t\r]*(.*)$/.exec(this.lines[i]!);
      if (m && m[1]!.trim() === value.trim()) {
        this.next = i + 1;
        return i + 1;
      }
    }
    return undefined;
  }
  /** The line of the next text that starts a paragraph (inside a multi-line value). */
  text(value: string): number | undefined {
    for (let i = this.next; i < this.lines.length; i++) {
      if (this.lines[i]!.trim() === value.split('\n')[0]!.trim()) {
        this.next = i + 1;
        return i + 1;
      }
    }
    return undefined;
  }
}

/** A multi-line value's paragraphs (separated by blank lines), trimmed. */
export const paragraphsOf = (value: string): string[] =>
  value
    .split(/\n[ \t\r]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Validates one object's fields against its table (missing, unknown, wrong shape). */
function checkFields(
  raw: Raw,
  table: { required: Record<string, Field>; optional: Record<string, Field> },
  what: string,
  at: Lines,
  cursor: LineCursor,
  problems: Problems,
): boolean {
  let ok = true;
  const all = { ...table.required, ...table.optional };
  for (const [key, value] of Object.entries(raw)) {
    const shape = all[key];
    if (shape === undefined) {
      problems.add(
        at.line,
        `${what} has no field "${key}"${nearestText(key, Object.keys(all), (s) => `"${s}"`)}`,
      );
      ok = false;
      continue;
    }
    if (shape === 'steps' || shape === 'words') {
      if (
        !Array.isArray(value) ||
        value.some((v) => (shape === 'words') !== (typeof v === 'string'))
      ) {
        problems.add(
          at.fields[key] ?? at.line,
          `${what}: "${key}" must be a list ([.${key}] ... [])${shape === 'words' ? ' of * items' : ''}`,
        );
        ok = false;
      }
      continue;
    }
    if (typeof value !== 'string') {
      problems.add(at.line, `${what}: "${key}" must be a text, not a list or an object`);
      ok = false;
    } else if (value.trim() === '') {
      problems.add(at.fields[key] ?? at.line, `${what}: "${key}" is empty`);
      ok = false;
    } else if (shape === 'word' && /\s/.test(value) && key !== 'claims') {
      problems.add(at.fields[key] ?? at.line, `${what}: "${key}" must be one word, not "${value}"`);
      ok = false;
    }
  }
  for (const key of Object.keys(table.required))
    if (raw[key] === undefined) {
      problems.add(at.line, `${what} needs a field "${key}"`);
      ok = false;
    }
  void cursor;
  return ok;
}

/** Finds the lines of an object's scalar fields and list items, in document order. */
function locate(raw: Raw, cursor: LineCursor, first?: number): Lines {
  const at: Lines = { line: first ?? 0, fields: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') {
      const line = cursor.key(key, value);
      if (line === undefined) continue;
      at.fields[key] = line;
      if (at.line === 0) at.line = line;
      const paras = paragraphsOf(value);
      if (paras.length > 1) {
        const lines = [line];
        for (const p of paras.slice(1)) lines.push(cursor.text(p) ?? line);
        (at.paragraphs ??= {})[key] = lines;
      }
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const lines = (value as string[]).map((v) => cursor.item(v) ?? at.line);
      (at.paragraphs ??= {})[key] = lines;
      if (lines[0] !== undefined) at.fields[key] = lines[0];
    }
    // Lists of objects (steps) are located by the caller, in order.
  }
  return at;
}

/** Parses and validates the document's text (throws one DocumentError with every problem). */
export function parseArticle(source: string): ArticleDocument {
  const problems = new Problems();
  const parsed = archieml.load(source) as Raw;
  const cursor = new LineCursor(source.split('\n'));
  const head = readHead(parsed, cursor, problems);
  const rawBlocks = parsed.blocks;
  const blocks: Block[] = [];
  if (!Array.isArray(rawBlocks) || rawBlocks.length === 0) {
    problems.add(undefined, 'the document needs a list of blocks: [blocks] ... []');
  } else {
    rawBlocks.forEach((item: unknown, i: number) => {
      const block = readBlock(item, i, cursor, problems);
      if (block) blocks.push(block);
    });
  }
  const more = readMoreCharts(parsed, cursor, problems);
  const corrections = readCorrections(parsed, cursor, problems);
  if (problems.list.length > 0) throw new DocumentError(problems.list);
  return { head, blocks, more, corrections };
}

/** [corrections]: the corrections log, each entry checked and located; dates are ISO days. */
function readCorrections(
  parsed: Raw,
  cursor: LineCursor,
  problems: Problems,
): DocumentCorrection[] {
  const list = parsed.corrections;
  if (!Array.isArray(list)) return [];
  const words = (v: unknown) => str(v).split(/\s+/).filter(Boolean);
  return list.flatMap((item: unknown, i: number) => {
    const raw = (typeof item === 'object' && item !== null ? item : {}) as Raw;
    const at = locate(raw, cursor);
    const what = `correction ${i + 1}${typeof raw.id === 'string' ? ` (${raw.id})` : ''}`;
    if (!checkFields(raw, CORRECTION_FIELDS, what, at, cursor, problems)) return [];
    const date = str(raw.date);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      problems.add(
        at.fields.date ?? at.line,
        `${what}: "date" must be a day as YYYY-MM-DD, not "${date}"`,
      );
      return [];
    }
    const charts = words(raw.charts);
    const blocks = words(raw.blocks);
    return [
      {
        id: str(raw.id),
        date,
        where: { ...(charts.length ? { charts } : {}), ...(blocks.length ? { blocks } : {}) },
        said: str(raw.said),
        now: str(raw.now),
        why: str(raw.why),
        gone: Array.isArray(raw.gone) ? (raw.gone as string[]) : [],
        at,
      },
    ];
  });
}

/** [methodologyCharts]: the charts the methodology page shows, each with its words. */
function readMoreCharts(parsed: Raw, cursor: LineCursor, problems: Problems): Block[] {
  const more: Block[] = [];
  const rawMore = parsed.methodologyCharts;
  if (Array.isArray(rawMore))
    rawMore.forEach((item: unknown, i: number) => {
      const raw = (typeof item === 'object' && item !== null ? item : {}) as Raw;
      const at = locate(raw, cursor);
      const what = `methodology chart ${i + 1}`;
      if (checkFields(raw, MORE_CHART_FIELDS, what, at, cursor, problems)) {
        const copy = chartCopy(raw);
        more.push({ type: 'figure', chart: raw.chart as string, ...(copy ? { copy } : {}), at });
      }
    });
  return more;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The head: every field before [blocks], checked and located. */
function readHead(parsed: Raw, cursor: LineCursor, problems: Problems): Head {
  const headRaw: Raw = {};
  for (const [k, v] of Object.entries(parsed))
    if (k !== 'blocks' && k !== 'methodologyCharts' && k !== 'corrections') headRaw[k] = v;
  const headAt = locate(headRaw, cursor);
  if (headAt.line === 0) headAt.line = 1;
  checkFields(parsed, HEAD_FIELDS, 'the head', headAt, cursor, problems);
  return {
    kicker: str(parsed.kicker),
    title: str(parsed.title),
    dek: str(parsed.dek),
    description: str(parsed.description),
    ...(typeof parsed.claims === 'string'
      ? { claims: parsed.claims.split(/[\s,]+/).filter(Boolean) }
      : {}),
    at: headAt,
  };
}

/** One block of [blocks]: its type, its fields and (a scroller's) steps; undefined after a problem. */
function readBlock(
  item: unknown,
  i: number,
  cursor: LineCursor,
  problems: Problems,
): Block | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.add(undefined, `block ${i + 1} is not a block of fields (type: ..., ...)`);
    return undefined;
  }
  const raw = item as Raw;
  const at = locate(raw, cursor);
  const what = `block ${i + 1}${typeof raw.type === 'string' ? ` (${raw.type})` : ''}`;
  const type = BLOCK_TYPES[str(raw.type)];
  if (type === undefined) {
    problems.add(
      at.fields.type ?? at.line,
      raw.type === undefined
        ? `block ${i + 1} has no "type" (its first field must be type: one of ${Object.keys(BLOCK_TYPES).join(', ')})`
        : `block ${i + 1} has unknown type "${str(raw.type)}"${nearestText(str(raw.type), Object.keys(BLOCK_TYPES), (s) => `"${s}"`)}`,
    );
    return undefined;
  }
  const fields = {
    required: type.required,
    optional: { type: 'word' as Field, ...type.optional },
  };
  let ok = checkFields(raw, fields, what, at, cursor, problems);
  if (ok && Array.isArray(raw.steps)) {
    raw.steps = (raw.steps as unknown[]).map((s, k) => {
      const step = (typeof s === 'object' && s !== null ? s : {}) as Raw;
      const stepAt = locate(step, cursor);
      if (stepAt.line === 0) stepAt.line = at.line;
      if (!checkFields(step, STEP_FIELDS, `${what}, step ${k + 1}`, stepAt, cursor, problems))
        ok = false;
      return {
        id: str(step.id),
        state: str(step.state),
        text: paragraphsOf(str(step.text)),
        at: stepAt,
      } satisfies Step;
    });
  }
  return ok ? type.build(raw, at, problems) : undefined;
}

/** The document file: ARTICLE_AML when set (tests point it at a copy), else beside this
 *  module in the source tree, else from the working folder (the site build bundles this module
 *  elsewhere; builds run from the project's root). */
export function articlePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARTICLE_AML) return env.ARTICLE_AML;
  const beside = join(fileURLToPath(new URL('../../', import.meta.url)), ARTICLE_FILE);
  return existsSync(beside) ? beside : join(process.cwd(), ARTICLE_FILE);
}

/** Reads and validates the document from disk (every call reads it afresh). */
export function loadArticle(path = articlePath()): ArticleDocument {
  return parseArticle(readFileSync(path, 'utf8'));
}
