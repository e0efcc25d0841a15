/**
 * Every claim proves it can fail. For every claim the build defines, its counterexample (a small,
 * named edit in src/story/figures/<section>.counterexamples.ts) is applied to a private deep copy
 * of the datasets loaded from data/; the data are derived again and the data step's story check
 * (the same checkStory `npm run data` runs) must stop, naming that claim and the sentences it
 * binds. A claim with no counterexample, or one its counterexample leaves standing, fails here.
 * One derivation and one story check per counterexample; no site build.
 */
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/charts/types.ts';
import { derive, headlines } from '../../src/pipeline/derive/index.ts';
import { buildData, type BuildOutput } from '../../src/pipeline/run.ts';
import {
  checkStory,
  siteDataOf,
  StoryCheckError,
  type StoryProblem,
} from '../../src/publish/data-step/verify.ts';
import type { Counterexample } from '../../src/story/counterexample.ts';

const FIGURES = new URL('../../src/story/figures/', import.meta.url);
const modules = import.meta.glob<{ counterexamples: Counterexample[] }>(
  '../../src/story/figures/*.counterexamples.ts',
  { eager: true },
);
const counterexamples = Object.values(modules).flatMap((m) => m.counterexamples);

class Loaded extends Error {}
let output: BuildOutput;
const outDir = mkdtempSync(join(tmpdir(), 'counterexamples-'));

beforeAll(async () => {
  // The data step's own loader, stopped in its verify hook: nothing is written.
  await buildData({
    dataDir: 'data',
    outDir,
    verify: (o) => {
      output = o;
      throw new Loaded();
    },
  }).catch((e) => {
    if (!(e instanceof Loaded)) throw e;
  });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The data, with an edit applied to a deep copy of the loaded datasets, derived again. */
function siteWith(edit: Counterexample['edit']): SiteData {
  const datasets = structuredClone(output.datasets);
  edit(datasets);
  const derived = derive(datasets);
  return {
    ...siteDataOf(output),
    datasets,
    derived: { ...derived, headlines: headlines(derived) },
  };
}

/** The problems the data step's story check reports (none when it passes). */
function problemsOf(data: SiteData): StoryProblem[] {
  try {
    checkStory(data);
    return [];
  } catch (e) {
    if (e instanceof StoryCheckError) return [...e.problems];
    throw e;
  }
}

describe('every claim has a counterexample that makes it fail', () => {
  it('every figures module has a counterexamples module beside it', () => {
    const files = readdirSync(FIGURES);
    const sections = files.filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.counterexamples.ts') && f !== 'sink.ts',
    );
    const missing = sections.filter(
      (f) => !files.includes(f.replace(/\.ts$/, '.counterexamples.ts')),
    );
    expect(missing).toEqual([]);
  });

  it('every claim fails under its counterexample, naming its sentences', () => {
    const base = checkStory(siteDataOf(output));
    const claims = base.story.claims.map((c) => c.id);
    const byClaim = new Map<string, Counterexample[]>();
    for (const c of counterexamples) byClaim.set(c.claim, [...(byClaim.get(c.claim) ?? []), c]);

    const without = claims.filter((id) => !byClaim.has(id));
    const unknown = [...byClaim.keys()].filter((id) => !claims.includes(id));
    const standing: string[] = [];
    for (const c of counterexamples.filter((x) => claims.includes(x.claim))) {
      // The texts that bind the claim: the copy's, and the charts' words (title, subtitle,
      // notes, description, state labels) in the document.
      const marker = `{!${c.claim}}`;
      const chartTexts = base.article.charts.flatMap((ch) => {
        const t = ch.templates ?? {};
        return [
          t.title,
          t.subtitle,
          t.description,
          ...(t.notes ?? []),
          ...Object.values(t.states ?? {}),
        ];
      });
      const bound = [
        ...base.article.copy.filter((i) => i.kind !== 'chart' && i.claims.includes(c.claim)),
        ...chartTexts.filter((t) => t?.includes(marker)),
      ];
      let problems: StoryProblem[];
      try {
        problems = problemsOf(siteWith(c.edit));
      } catch (e) {
        standing.push(`${c.claim} (${c.name}): the edit crashed: ${(e as Error).message}`);
        continue;
      }
      const named = problems.find((p) => p.kind === 'claim' && p.claim.id === c.claim);
      if (!named || named.kind !== 'claim') {
        const got = problems.map((p) => (p.kind === 'claim' ? p.claim.id : p.kind)).join(', ');
        standing.push(
          `${c.claim} (${c.name}): still holds; the check reported: ${got || 'nothing'}`,
        );
        continue;
      }
      // The data step names the sentences the claim binds: one entry per text that cites it.
      if (named.sentences.length !== bound.length || bound.length === 0)
        standing.push(
          `${c.claim} (${c.name}): the check names ${named.sentences.length} text(s), the copy binds ${bound.length}`,
        );
    }
    const failing = counterexamples.length - standing.length - unknown.length;
    console.log(
      `claims: ${claims.length}, counterexamples: ${counterexamples.length}, failing as they should: ${failing}` +
        (without.length ? `; without a counterexample: ${without.join(', ')}` : ''),
    );
    expect(without, 'claims without a counterexample').toEqual([]);
    expect(unknown, 'counterexamples for claims the build does not define').toEqual([]);
    expect(standing, 'counterexamples that do not make their claim fail').toEqual([]);
  });
});
