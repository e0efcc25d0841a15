/**
 * Sentences marked for review ({?review} in article.ts): parsed like claim markers, never
 * rendered, stored with the copy, and found by reviewChanges when new data changes them (what
 * makes npm run update hold a build for an editor).
 */
import { describe, expect, it } from 'vitest';
import { HEAD } from '../../src/story/article.ts';
import { renderText, reviewSentencesIn } from '../../src/story/prepare.ts';
import { sentences } from '../../src/story/sentences.ts';
import {
  copySnapshot,
  diffCopy,
  reviewChanges,
  type CopySnapshot,
} from '../../src/publish/data-step/copy-diff.ts';
import { article } from '../../src/publish/site/site-data.ts';

describe('the review marker', () => {
  it('binds the sentence it follows, like a claim marker (its "?" is no sentence end)', () => {
    expect(sentences('China led.{!a}{?review} Did it? Then {x} rose.{?review} Done.')).toEqual([
      'China led.{!a}{?review}',
      'Did it?',
      'Then {x} rose.{?review}',
      'Done.',
    ]);
    expect(
      reviewSentencesIn('China led.{!a}{?review} The U.S. did not. It rose.{?review}'),
    ).toEqual(['China led.{!a}{?review}', 'It rose.{?review}']);
  });

  it('renders nothing', () => {
    expect(renderText('China had {x}.{!a}{?review} Next.', { x: '59%' }, (h) => h, [])).toBe(
      'China had 59%. Next.',
    );
    const html = [
      article.head.dek,
      ...article.blocks.flatMap((b) =>
        b.type === 'p' || b.type === 'h2'
          ? [b.html]
          : b.type === 'scrolly'
            ? b.steps.flatMap((s) => s.html)
            : [],
      ),
    ];
    expect(html.join(' ')).not.toContain('{?review}');
    expect(html.join(' ')).not.toContain('review}');
  });

  it('marks the dek’s share and the headline share of each count, stored with the copy as readers read them', () => {
    expect(reviewSentencesIn(HEAD.dek)).toHaveLength(1);
    const copy = copySnapshot(article);
    const marked = copy.sections.flatMap((s) => s.review ?? []);
    expect(marked.length).toBeGreaterThanOrEqual(4);
    // Each marked sentence is one of the copy's sentences, figures filled in.
    const all = new Set(copy.sections.flatMap((s) => s.sentences));
    for (const m of marked) expect(all.has(m), m).toBe(true);
    expect(
      marked.some((m) =>
        /^In .+, the outlets’ sums of the weekly leaderboard gave Chinese models/.test(m),
      ),
    ).toBe(true);
    expect(
      marked.some((m) =>
        /^By OpenRouter’s own data, China has led every whole week since .+\.$/.test(m),
      ),
    ).toBe(true);
    expect(marked.join(' ')).not.toMatch(/[{}]/);
  });
});

describe('reviewChanges', () => {
  const copy = (s: string[], review: string[]): CopySnapshot => ({
    version: 1,
    sections: [{ name: 'Next', sentences: s, charts: [], review }],
  });

  it('finds a change to a marked sentence, not to an unmarked one', () => {
    const before = copy(
      ['China led in four weeks.', 'Data to 22 June.'],
      ['China led in four weeks.'],
    );
    const routine = copy(
      ['China led in four weeks.', 'Data to 23 June.'],
      ['China led in four weeks.'],
    );
    expect(diffCopy(before, routine).count).toBe(1);
    expect(reviewChanges(diffCopy(before, routine), before, routine)).toEqual([]);
    const weekly = copy(
      ['China led in five weeks.', 'Data to 29 June.'],
      ['China led in five weeks.'],
    );
    expect(reviewChanges(diffCopy(before, weekly), before, weekly)).toEqual([
      {
        section: 'Next',
        where: 'text',
        before: 'China led in four weeks.',
        after: 'China led in five weeks.',
      },
    ]);
  });

  it('counts a marked sentence that was removed, and a copy stored before the marker existed', () => {
    const before = copy(['A rose.', 'B fell.'], ['B fell.']);
    const after = copy(['A rose.'], []);
    expect(reviewChanges(diffCopy(before, after), before, after)).toEqual([
      { section: 'Next', where: 'text', before: 'B fell.', after: null },
    ]);
    const old: CopySnapshot = {
      version: 1,
      sections: [{ name: 'Next', sentences: ['A rose.', 'B fell.'], charts: [] }],
    };
    const now = copy(['A rose.', 'B fell further.'], ['B fell further.']);
    expect(reviewChanges(diffCopy(old, now), old, now)).toHaveLength(1);
  });
});
