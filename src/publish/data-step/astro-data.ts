/**
 * Astro integration for the generated data:
 * - OUT_DIR (like `npm run data`) moves the generated datasets the pages import, so a build or
 *   a dev server can run on a copy of the data without touching src/data/generated/.
 * - In `astro dev` it runs the data step at start and again whenever a file in data/ (or
 *   DATA_DIR) or the copy's document (src/story/article.aml) is saved: on success the open pages reload with the new figures; a bad CSV or a
 *   failed claim is shown in the browser's error overlay and in the terminal, and the pages keep
 *   the last good data (the data step never replaces it on failure).
 * The data step is loaded through the dev server's module runner, so it always runs the
 * current story and claims code.
 */
import { createRunQueue } from './run-queue.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { DataStepOptions, DataStepResult } from './data-step.ts';
import { ARTICLE_FILE, articlePath } from '../../story/document.ts';
import type { StoryProblem } from './verify.ts';
import type { Problem } from '../../pipeline/problems.ts';

const GENERATED_FILES = [
  'datasets.json',
  'derived.json',
  'meta.json',
  'provenance.json',
  'update-log.json',
];
/** Files larger than this get no code frame in the overlay (it would highlight the whole file). */
const FRAME_MAX_BYTES = 256 * 1024;
const DEBOUNCE_MS = 150;

export interface DataFolders {
  root: string;
  dataDir: string;
  outDir: string;
  /** True when OUT_DIR moved the generated folder away from src/data/generated/. */
  moved: boolean;
}

/** The data and generated folders, from DATA_DIR and OUT_DIR as `npm run data` reads them. */
export function dataFolders(root: string, env: NodeJS.ProcessEnv = process.env): DataFolders {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  return {
    root,
    dataDir: abs(env.DATA_DIR ?? 'data'),
    outDir: abs(env.OUT_DIR ?? join('src', 'data', 'generated')),
    moved: env.OUT_DIR !== undefined,
  };
}

/** Resolves src/data/index.ts's `./generated/*.json` imports into OUT_DIR. */
function generatedAlias(outDir: string): Plugin {
  return {
    name: 'token-flip:generated-dir',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('./generated/')) return null;
      if (!importer.split('?')[0]!.replaceAll('\\', '/').endsWith('/src/data/index.ts'))
        return null;
      return join(outDir, source.slice('./generated/'.length));
    },
  };
}

interface ErrorPayload {
  type: 'error';
  err: {
    message: string;
    stack: string;
    plugin: string;
    id?: string;
    loc?: { file: string; line: number; column: number };
    frame?: string;
    fullCode?: string;
  };
}

/** Where the overlay points: the first located problem (for a claim, its first sentence in
 *  article.aml), with the file's text for the code frame when the file is small. */
function firstLocation(
  e: unknown,
  folders: DataFolders,
): { file: string; line: number; column: number; code?: string } | undefined {
  const err = e as { problems?: Array<Problem | StoryProblem> };
  for (const p of err.problems ?? []) {
    const at =
      'kind' in p && p.kind === 'claim' && p.sentences[0]?.line !== undefined ? p.sentences[0] : p;
    if (
      !('file' in at) ||
      typeof at.file !== 'string' ||
      !('line' in at) ||
      typeof at.line !== 'number'
    )
      continue;
    const file = /^data[\\/]/.test(at.file)
      ? join(folders.dataDir, at.file.slice(5))
      : join(folders.root, at.file);
    const column = 'column' in at && typeof at.column === 'number' ? at.column : 1;
    const small = existsSync(file) && statSync(file).size <= FRAME_MAX_BYTES;
    return { file, line: at.line, column, ...(small ? { code: readFileSync(file, 'utf8') } : {}) };
  }
  return undefined;
}

/** A few lines around the problem, as the overlay's plain-text frame. */
function frame(code: string, line: number): string {
  const lines = code.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  return lines
    .slice(from - 1, to)
    .map(
      (l, i) =>
        `${from + i === line ? '>' : ' '} ${String(from + i).padStart(width)} | ${l.length > 160 ? `${l.slice(0, 157)}...` : l}`,
    )
    .join('\n');
}

function watchData(folders: DataFolders, logger: AstroIntegrationLogger): Plugin {
  return {
    name: 'token-flip:data-watch',
    apply: 'serve',
    config() {
      // The data step writes the generated folder with a swap of whole folders; the plugin
      // tells the dev server itself when the new files are in place.
      return {
        server: {
          watch: {
            ignored: [
              `${folders.outDir}/**`,
              `${folders.outDir}.tmp-*/**`,
              `${folders.outDir}.old-*/**`,
            ],
          },
        },
      };
    },
    async configureServer(server: ViteDevServer) {
      const shown: Shown = { lastError: null };
      // One run at a time; a save during a run queues one more (src/publish/data-step/run-queue.ts).
      const queue = createRunQueue(
        (reason: string) => runAndShow(server, folders, logger, shown, reason),
        DEBOUNCE_MS,
      );
      watchSaves(server, folders, queue);
      // A page opened (or reloaded) while the data is bad shows the error too.
      server.environments.client.hot.on('vite:client:connect', () => {
        if (shown.lastError) server.environments.client.hot.send(shown.lastError);
      });
      // The start run goes through the queue too: a save during it is run after it, never beside it.
      queue.request('data step at start');
      await queue.idle();
    },
  };
}

/** The last failed run's overlay, shown again to a page that connects while the data is bad. */
interface Shown {
  lastError: ErrorPayload | null;
}

/** One data step in the dev server: on success the pages reload; on failure the overlay says why. */
async function runAndShow(
  server: ViteDevServer,
  folders: DataFolders,
  logger: AstroIntegrationLogger,
  shown: Shown,
  reason: string,
): Promise<void> {
  const started = performance.now();
  try {
    const { runDataStep } = (await server.ssrLoadModule(
      join(folders.root, 'src/publish/data-step/data-step.ts'),
    )) as {
      runDataStep: (o: DataStepOptions) => Promise<DataStepResult>;
    };
    const { forgetSources } = (await server.ssrLoadModule(
      join(folders.root, 'src/publish/data-step/source-lines.ts'),
    )) as { forgetSources: () => void };
    forgetSources();
    const result = await runDataStep({ dataDir: folders.dataDir, outDir: folders.outDir });
    logger.info(
      `${reason}: datasets rebuilt, story and claims checked in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    for (const line of result.report) logger.info(line);
    const hadError = shown.lastError !== null;
    shown.lastError = null;
    // Let the dev server reload every module that imports the new files (the pages).
    for (const f of GENERATED_FILES) server.watcher.emit('change', join(folders.outDir, f));
    if (hadError) server.environments.client.hot.send({ type: 'full-reload', path: '*' });
  } catch (e) {
    const known = e instanceof Error && (e.name === 'DataError' || e.name === 'StoryCheckError');
    const message = `${reason}, but the data step failed; the page shows the last good data.\n\n${e instanceof Error ? e.message : String(e)}`;
    logger.error(message);
    if (!known && e instanceof Error && e.stack) logger.error(e.stack);
    shown.lastError = overlayError(message, firstLocation(e, folders));
    server.environments.client.hot.send(shown.lastError);
  }
}

/** The browser overlay's payload for a failed run, located at the first problem where one is. */
function overlayError(message: string, loc: ReturnType<typeof firstLocation>): ErrorPayload {
  return {
    type: 'error',
    err: {
      message,
      stack: '',
      plugin: 'token-flip:data',
      // With its text given, the overlay shows the file (highlighted) at the problem's line.
      // Astro's overlay reads a located file and highlights it by its extension, which
      // fails for ArchieML: the document's problems carry the plain-text frame alone
      // (their message names the document's line).
      ...(loc && !loc.file.endsWith('.aml')
        ? { id: loc.file, loc: { file: loc.file, line: loc.line, column: loc.column } }
        : {}),
      ...(loc?.code !== undefined
        ? {
            frame: frame(loc.code, loc.line),
            ...(loc.file.endsWith('.aml') ? {} : { fullCode: loc.code }),
          }
        : {}),
    },
  };
}

/**
 * Saves that re-run the data step: a CSV or JSON file in data/ (added, changed or removed) and
 * the copy's document, which the data step's story check and the pages read (a bad document is
 * reported at its line).
 */
function watchSaves(
  server: ViteDevServer,
  folders: DataFolders,
  queue: ReturnType<typeof createRunQueue>,
): void {
  // As in the pipeline's messages: data/<file>, wherever DATA_DIR points.
  const label = (f: string) => join('data', relative(folders.dataDir, f));
  const inData = (file: string) => {
    const rel = relative(folders.dataDir, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && /\.(csv|json)$/.test(file);
  };
  const document = resolve(articlePath());
  server.watcher.add(folders.dataDir);
  server.watcher.add(document);
  for (const event of ['add', 'change', 'unlink'] as const) {
    server.watcher.on(event, (file: string) => {
      if (inData(file)) queue.request(`${label(file)} ${event === 'unlink' ? 'removed' : 'saved'}`);
      else if (resolve(file) === document) queue.request(`${ARTICLE_FILE} saved`);
    });
  }
}

/** The integration: the OUT_DIR alias for every command, the data watcher for `astro dev`. */
export function generatedData(): AstroIntegration {
  return {
    name: 'token-flip:generated-data',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, logger }) => {
        const folders = dataFolders(fileURLToPath(config.root));
        const plugins: Plugin[] = [];
        if (folders.moved) plugins.push(generatedAlias(folders.outDir));
        if (command === 'dev') plugins.push(watchData(folders, logger));
        updateConfig({ vite: { plugins } });
      },
    },
  };
}
