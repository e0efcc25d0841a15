/**
 * Where to edit: the line of a sentence in src/story/article.aml (the copy's document), of a claim in
 * src/story/facts.ts and of a setting in src/lib/story-settings.ts, found in the source text
 * at the time of the message (never hard-coded, so they stay right as the files change).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export { ARTICLE_FILE } from '../../story/document.ts';
import { ARTICLE_FILE } from '../../story/document.ts';
/** Where the claims are computed: one module per section of the story. */
export const FIGURES_DIR = 'src/story/figures';
export const SETTINGS_FILE = 'src/lib/story-settings.ts';

const cache = new Map<string, string>();
function source(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(`${ROOT}${file}`, 'utf8');
    } catch {
      text = '';
    }
    cache.set(file, text);
  }
  return text;
}

/** Forgets the cached files (the dev server re-reads them after an edit). */
export function forgetSources(): void {
  cache.clear();
}

const lineAt = (text: string, index: number) =>
  index < 0 ? undefined : text.slice(0, index).split('\n').length;

/** "file:line", or just the file when the line cannot be found. */
export const at = (file: string, line: number | undefined) =>
  line === undefined ? file : `${file}:${line}`;

/** The line where a text of the article's copy (as written, with its {placeholders}) starts. */
export function lineOfText(template: string): number | undefined {
  const text = source(ARTICLE_FILE);
  const head = template.slice(0, 80);
  // As written in a '…' or "…" literal, or as JSON would escape it.
  for (const form of [head, head.replaceAll("'", "\\'"), JSON.stringify(head).slice(1, -1)]) {
    const i = text.indexOf(form);
    if (i >= 0) return lineAt(text, i);
  }
  return undefined;
}

/** The file and line where a claim is computed: its claim('id', …) call in src/story/figures/. */
export function lineOfClaim(id: string): { file: string; line: number | undefined } {
  const call = new RegExp(`claim\\(\\s*['"\`]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
  let files: string[];
  try {
    files = readdirSync(`${ROOT}${FIGURES_DIR}`)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => `${FIGURES_DIR}/${f}`);
  } catch {
    files = [];
  }
  for (const file of files) {
    const text = source(file);
    const m = call.exec(text);
    if (m) return { file, line: lineAt(text, m.index) };
  }
  return { file: FIGURES_DIR, line: undefined };
}

/** The line of a setting's `export const NAME` in story-settings.ts. */
export function lineOfSetting(name: string): number | undefined {
  const text = source(SETTINGS_FILE);
  const m = new RegExp(`^export const ${name}\\b`, 'm').exec(text);
  return m ? lineAt(text, m.index) : undefined;
}

/** The first frame of an error's stack that is in the project's src/, as "src/…:line". */
export function srcFrame(error: unknown): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const m of stack.matchAll(/(?:file:\/\/)?([^\s()]+?\/src\/[^\s():]+):(\d+)(?::\d+)?/g)) {
    const path = m[1]!;
    const i = path.lastIndexOf('/src/');
    if (path.startsWith(ROOT) || path.startsWith(`file://${ROOT}`) || i >= 0)
      return `${path.slice(i + 1)}:${m[2]}`;
  }
  return undefined;
}
