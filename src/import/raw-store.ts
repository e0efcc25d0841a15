/**
 * Where raw downloads are kept: data/raw/<source>/... An imported file that is not there yet
 * is copied in under a name taken from its content; a name already used by different bytes is
 * never overwritten (the copy gets a longer name instead).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const RAW_DIR = 'raw';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A path under dataDir as the datasets record it: "data/raw/...", with forward slashes. */
export function dataPath(dataDir: string, abs: string): string {
  return `data/${relative(dataDir, abs).split(sep).join('/')}`;
}

/** Whether abs lies inside dir. */
export function isInside(dir: string, abs: string): boolean {
  const rel = relative(resolve(dir), resolve(abs));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** Every file under dir (recursively), sorted by path; none when dir does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every .json file under dir (recursively), sorted by path. */
export const jsonFilesUnder = (dir: string): string[] =>
  filesUnder(dir).filter((f) => f.endsWith('.json'));

/** Finds or assigns the place of a raw file in data/raw, and plans the copy. */
export class RawStore {
  private readonly hashes = new Map<string, string>();
  /** Destinations planned in this import (absolute path -> sha256). */
  readonly planned = new Map<string, { sha: string; bytes: Buffer }>();
  private readonly dataDir: string;

  constructor(dataDir: string) {
    this.dataDir = resolve(dataDir);
  }

  private hashOf(abs: string): string {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      h = sha256(readFileSync(abs));
      this.hashes.set(abs, h);
    }
    return h;
  }

  /**
   * The path (absolute) where this file is kept. `folder` is the source's folder under
   * data/raw; `names` are candidate file names in order of preference (e.g. "2026-06-18.json",
   * then longer ones), the last of which must be unique to the content.
   */
  place(
    input: string,
    bytes: Buffer,
    sha: string,
    folder: string,
    names: readonly string[],
  ): { abs: string; copy: boolean } {
    const abs = resolve(input);
    if (isInside(join(this.dataDir, RAW_DIR), abs)) return { abs, copy: false };
    const dir = join(this.dataDir, RAW_DIR, folder);
    // Already kept under any name (the same bytes)?
    for (const f of [...jsonFilesUnder(dir), ...this.planned.keys()]) {
      const h = this.planned.get(f)?.sha ?? this.hashOf(f);
      if (h === sha) return { abs: f, copy: false };
    }
    for (const name of names) {
      const dest = join(dir, name);
      if (!existsSync(dest) && !this.planned.has(dest)) {
        this.planned.set(dest, { sha, bytes });
        return { abs: dest, copy: true };
      }
    }
    throw new Error(`no free name for ${input} in ${dir} (tried ${names.join(', ')})`);
  }
}
