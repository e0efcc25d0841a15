/** Story settings the data or the charts no longer support are reported by name, with the fix. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../src/charts/index.ts';
import type { SiteData } from '../../src/charts/types.ts';
import * as SETTINGS from '../../src/lib/story-settings.ts';
import { checkSettings } from '../../src/story/settings-check.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/site-data.json', import.meta.url), 'utf8'),
) as SiteData;
const edited = (edit: (d: SiteData) => void): SiteData => {
  const d = structuredClone(fixture);
  edit(d);
  return d;
};

describe('story settings against the data', () => {
  it('all fit the published data', () => {
    expect(checkSettings(fixture, CHART_IDS)).toEqual([]);
  });

  it('a peg week gone from weekly-tokens.csv names PEG_WEEK_START and the weeks it could be', () => {
    const data = edited((d) => {
      d.datasets['weekly-tokens'] = d.datasets['weekly-tokens'].filter(
        (r) => r.week_start !== SETTINGS.PEG_WEEK_START,
      );
    });
    const [p, ...rest] = checkSettings(data, CHART_IDS);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      setting: 'PEG_WEEK_START',
      value: `"${SETTINGS.PEG_WEEK_START}"`,
      problem: 'data/weekly-tokens.csv has no rows for that week any more',
    });
    expect(p!.fix).toMatch(
      /^this is a data or setting fix, not a copy fix: restore the week's China and U.S. rows/,
    );
    expect(p!.fix).toContain('2026-05-04 (4–10 May 2026)');
  });

  it('a peg week with only one side left says which side is there', () => {
    const data = edited((d) => {
      d.datasets['weekly-tokens'] = d.datasets['weekly-tokens'].filter(
        (r) => !(r.week_start === SETTINGS.PEG_WEEK_START && r.origin === 'US'),
      );
    });
    expect(checkSettings(data, CHART_IDS)[0]).toMatchObject({
      setting: 'PEG_WEEK_START',
      problem:
        'data/weekly-tokens.csv has only CN rows for that week, not both China and U.S. figures',
    });
  });

  it('a price reference model gone from model-prices.csv names PRICE_REFERENCE_MODEL and the models it could be', () => {
    const data = edited((d) => {
      d.datasets['model-prices'] = d.datasets['model-prices'].filter(
        (r) => r.model !== SETTINGS.PRICE_REFERENCE_MODEL,
      );
    });
    const [p] = checkSettings(data, CHART_IDS);
    expect(p).toMatchObject({
      setting: 'PRICE_REFERENCE_MODEL',
      problem: 'data/model-prices.csv has no model of that name any more (the "model" column)',
    });
    expect(p!.fix).toContain('DeepSeek V3.2');
  });

  it('a card chart that is not a chart id names ARTICLE_CARD_CHART and lists the ids', () => {
    const ids = CHART_IDS.filter((id) => id !== SETTINGS.ARTICLE_CARD_CHART);
    expect(checkSettings(fixture, ids)).toEqual([
      {
        setting: 'ARTICLE_CARD_CHART',
        value: `"${SETTINGS.ARTICLE_CARD_CHART}"`,
        problem: 'no chart has that id',
        fix: `set it to one of the chart ids: ${ids.join(', ')}`,
      },
    ]);
  });
});

describe('story settings live in one place', () => {
  it('the peg week is defined only in src/lib/story-settings.ts', () => {
    const files = ['src/story/facts.ts', 'src/charts/weekly-tokens.ts', 'src/story/article.aml'];
    for (const f of files) {
      const text = readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
      expect(text, f).not.toContain(SETTINGS.PEG_WEEK_START);
      expect(text, f).not.toContain(`'${SETTINGS.PRICE_REFERENCE_MODEL}'`);
    }
  });
});
