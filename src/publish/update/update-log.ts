/**
 * The update log (data/update-log.csv): who published a held build, when, and which reviewed
 * sentences changed. Shown on the methodology page, and opened by editors in spreadsheets, so
 * every cell goes through the project's one CSV writer and its spreadsheet check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-write.ts';
import { csvCell, spreadsheetProblem } from '../../lib/csv.ts';
import { UPDATE_LOG_HEADER, updateLog, type UpdateLogEntry } from '../../pipeline/update-log.ts';

/** Who approves a held build: --by, else git config user.name, else $USER. */
export function approver(
  by: string | undefined,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (by?.trim()) return by.trim();
  try {
    const name = execFileSync('git', ['config', 'user.name'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (name) return name;
  } catch {
    // no git, or no name set
  }
  return env.USER?.trim() || null;
}

/** Appends one entry to data/update-log.csv (with its header when the file is new). A cell a
 *  spreadsheet would run as a formula (a --by name such as "=HYPERLINK(…)") is refused. */
export function appendUpdateLog(dataDir: string, entry: UpdateLogEntry): void {
  const file = join(dataDir, updateLog.file);
  const cells = UPDATE_LOG_HEADER.map((k) => {
    const v = entry[k as keyof UpdateLogEntry];
    const text = v === null ? '' : String(v);
    const why = spreadsheetProblem(text.replace(/\r?\n/g, ' '));
    if (why)
      throw new Error(
        `${updateLog.file}: column ${k} got ${JSON.stringify(text)}; expected ${why}. Nothing was published.`,
      );
    return text;
  });
  const row = `${cells.map(csvCell).join(',')}\n`;
  const before = existsSync(file) ? readFileSync(file, 'utf8') : `${UPDATE_LOG_HEADER.join(',')}\n`;
  writeFileAtomic(file, before + row);
}
