/**
 * One "latest", one "range", one "Data through" (src/data/latest.ts; FACT-CHECK-2 errors 4, 5
 * and 9). Walks every chart: a share in a title, subtitle or description must be a value the
 * chart plots; every "latest" a chart quotes (description, end label, value note, the method
 * switch's readout) must be the last plotted point of its count; a range must span the lowest
 * and highest points plotted; "data through" must be the byline's date.
 */
import { describe, expect, it } from 'vitest';
import {
  dataThroughText,
  latestOf,
  latestText,
  rangeText,
  weekSeries,
} from '../../src/data/latest.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { methodReadout } from '../../src/charts/share-by-method.ts';
import { formatPercent } from '../../src/lib/format.ts';
import { METHODS } from '../../src/pipeline/derive/weeks.ts';
import { computeStory } from '../../src/story/facts.ts';
import { loadFixture, wordedCharts } from './fixture.ts';

const data = loadFixture();
const charts = wordedCharts(data);

describe('every chart agrees with itself', () => {
  for (const chart of charts) {
    const plotted = new Set(
      (chart.rows as Record<string, unknown>[]).flatMap((r) =>
        Object.entries(r)
          .filter(([k, v]) => /share|pct/.test(k) && typeof v === 'number')
          .map(([, v]) => Math.round((v as number) * 10) / 10),
      ),
    );
    if (plotted.size === 0) continue;
    it(`${chart.id}: every share its texts quote for a period is one it plots`, () => {
      const texts = [chart.title, chart.subtitle, chart.description].join(' ');
      // "latest 63.4% in …" and "from 53.6% (…) to 82.8%": shares tied to a period.
      const quoted = [
        ...texts.matchAll(/(?:latest|from|to|was|ahead in|lowest)\s(\d+(?:\.\d+)?)%/g),
      ].map((m) => Number(m[1]));
      for (const v of quoted)
        expect(plotted.has(v), `${chart.id}: ${v}% is not plotted`).toBe(true);
    });
  }
});

describe('the share charts quote one latest and one range', () => {
  for (const id of ['share-flip', 'share-by-method', 'policy-usage']) {
    const chart = charts.find((c) => c.id === id)!;
    it(`${id}: each count's latest and range in the description come from latest.ts`, () => {
      for (const m of METHODS) {
        const s = weekSeries(data, m);
        expect(chart.description).toContain(latestText(s));
        if (id === 'share-flip') expect(chart.description).toContain(rangeText(s));
      }
      // No range in a title or subtitle narrower or wider than what is plotted.
      for (const m of [
        ...`${chart.title} ${chart.subtitle}`.matchAll(/(\d+(?:\.\d+)?)%–(\d+(?:\.\d+)?)%/g),
      ]) {
        const ranges = METHODS.map((x) => rangeText(weekSeries(data, x), 0));
        expect(ranges).toContain(`${m[1]}%–${m[2]}%`);
      }
    });
  }
  it('share-by-method: the readout and the value note of each count give its latest point', () => {
    const chart = charts.find((c) => c.id === 'share-by-method')!;
    for (const m of METHODS) {
      const latest = formatPercent(latestOf(weekSeries(data, m)).value);
      expect(methodReadout(data, m)).toContain(`China ${latest} of China + U.S.`);
      const svg = renderSvg(chart, 680, m);
      const note = /class="value-note[^"]*"[^>]*>(?:<[^>]+>)*?([^<]+)</.exec(svg)?.[1];
      expect(note, `value note for ${m}`).toBe(latest);
    }
  });
});

describe('Data through', () => {
  it('the byline and every chart that names it give the same day: the last plotted', () => {
    const story = computeStory(data);
    expect(story.facts.dataThrough).toBe(dataThroughText(data));
    for (const c of charts)
      for (const m of [
        ...`${c.title} ${c.subtitle} ${c.description} ${c.notes.join(' ')}`.matchAll(
          /data through ([^.,;)]+)/gi,
        ),
      ])
        expect(m[1], c.id).toBe(dataThroughText(data));
  });
  it('is the last day of any usage point a chart plots (the secondary June week included)', () => {
    const last = [
      ...METHODS.flatMap((m) => weekSeries(data, m).map((p) => p.end)),
      ...data.derived.api.days.map((d) => d.date),
    ]
      .sort()
      .at(-1);
    expect(dataThroughText(data)).toBe(
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${last}T00:00:00Z`)),
    );
  });
});
