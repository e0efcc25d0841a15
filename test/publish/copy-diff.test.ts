/** The copy diff: plain text, sentences, and before -> after changes grouped by section. */
import { describe, expect, it } from 'vitest';
import {
  changedWords,
  diffCopy,
  diffSentences,
  formatCopyDiff,
  plainText,
  sentences,
  type CopySnapshot,
} from '../../src/publish/data-step/copy-diff.ts';

const snap = (sections: CopySnapshot['sections']): CopySnapshot => ({ version: 1, sections });

describe('plain text and sentences', () => {
  it('strips the markup and decodes the escapes the copy uses', () => {
    expect(
      plainText(
        '<strong>4.69 trillion tokens</strong> &amp; the <a href="/m/">method</a> &lt;v2&gt; &quot;q&quot; &#39;s',
      ),
    ).toBe('4.69 trillion tokens & the method <v2> "q" \'s');
  });

  it('splits at sentence ends but not after U.S. or e.g. before a capital', () => {
    expect(
      sentences(
        'China led the U.S. Commerce rules tightened in 2025. Then it fell, e.g. Gemini. Two: 58.7%, or nearly 59%.',
      ),
    ).toEqual([
      'China led the U.S. Commerce rules tightened in 2025.',
      'Then it fell, e.g. Gemini.',
      'Two: 58.7%, or nearly 59%.',
    ]);
  });
});

describe('diffSentences', () => {
  it('pairs a changed sentence as before -> after and keeps unchanged ones out', () => {
    expect(diffSentences(['A.', 'China had 4.69T.', 'C.'], ['A.', 'China had 5T.', 'C.'])).toEqual([
      { where: 'text', before: 'China had 4.69T.', after: 'China had 5T.' },
    ]);
  });

  it('reports sentences added and removed as such', () => {
    expect(diffSentences(['A.', 'B.'], ['A.', 'B.', 'New.'])).toEqual([
      { where: 'text', before: null, after: 'New.' },
    ]);
    expect(diffSentences(['A.', 'Gone.', 'B.'], ['A.', 'B.'])).toEqual([
      { where: 'text', before: 'Gone.', after: null },
    ]);
  });
});

describe('changedWords', () => {
  it('names the runs of words that changed, without the punctuation they share', () => {
    expect(
      changedWords(
        'rose from 4.12T to 7.94T in 4–10 May, while 3.76T.',
        'rose from 4.12T to 8.1T in 11–17 May, while 3.9T.',
      ),
    ).toEqual([
      { before: '7.94T', after: '8.1T' },
      { before: '4–10', after: '11–17' },
      { before: '3.76T', after: '3.9T' },
    ]);
    expect(changedWords('A b.', 'A new b.')).toEqual([{ before: '', after: 'new' }]);
  });
});

describe('diffCopy and formatCopyDiff', () => {
  const before = snap([
    {
      name: 'Opening',
      sentences: ['In the week of 9–15 March 2026, China had 4.69T.', 'Reports called it a flip.'],
      charts: [
        {
          id: 'weekly-tokens',
          title: 'China 4.69T',
          description: ['China rose to 7.94T.', 'Ahead in all five weeks.'],
        },
      ],
    },
    { name: 'Price', sentences: ['M2.5 costs $0.39.'], charts: [] },
  ]);

  it('says so in one line when there is nothing to compare with, or nothing changed', () => {
    expect(formatCopyDiff(diffCopy(null, before))).toEqual([
      'Copy diff: no previous build to compare with (first build).',
    ]);
    const same = diffCopy(before, structuredClone(before));
    expect(same).toEqual({ compared: true, sections: [], count: 0 });
    expect(formatCopyDiff(same)).toEqual([
      'Copy diff: no sentence, chart title or chart description changed since the last build.',
    ]);
  });

  it('lists sentence, chart-title and chart-description changes grouped by section, before -> after', () => {
    const after = structuredClone(before);
    after.sections[0]!.sentences[0] = 'In the week of 9–15 March 2026, China had 5T.';
    after.sections[0]!.charts[0]!.title = 'China 5T';
    after.sections[0]!.charts[0]!.description[1] = 'Ahead in all six weeks.';
    const diff = diffCopy(before, after);
    expect(diff.count).toBe(3);
    expect(diff.sections.map((s) => s.name)).toEqual(['Opening']);
    expect(formatCopyDiff(diff)).toEqual([
      'Copy diff: 3 change(s) readers will see, since the last build:',
      '  Opening',
      '    sentence: "In the week of 9–15 March 2026, China had 4.69T."',
      '      -> "In the week of 9–15 March 2026, China had 5T."',
      '         (4.69T → 5T)',
      '    chart weekly-tokens title: "China 4.69T"',
      '      -> "China 5T"',
      '         (4.69T → 5T)',
      '    chart weekly-tokens description: "Ahead in all five weeks."',
      '      -> "Ahead in all six weeks."',
      '         (five → six)',
    ]);
  });

  it('reports a section or a chart that appeared or went away', () => {
    const after = snap([
      { ...before.sections[0]!, charts: [] },
      { name: 'Policy', sentences: ['Fourteen events.'], charts: [] },
    ]);
    const diff = diffCopy(before, after);
    expect(
      diff.sections.map((s) => [s.name, s.changes.map((c) => [c.where, c.before, c.after])]),
    ).toEqual([
      [
        'Opening',
        [
          ['chart weekly-tokens title', 'China 4.69T', null],
          ['chart weekly-tokens description', 'China rose to 7.94T.', null],
          ['chart weekly-tokens description', 'Ahead in all five weeks.', null],
        ],
      ],
      ['Policy', [['text', null, 'Fourteen events.']]],
      ['Price', [['text', 'M2.5 costs $0.39.', null]]],
    ]);
    expect(formatCopyDiff(diff)).toContain('    + sentence added: "Fourteen events."');
    expect(formatCopyDiff(diff)).toContain('    - sentence removed: "M2.5 costs $0.39."');
  });
});
