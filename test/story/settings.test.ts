/** Story settings the data or the charts no longer support are reported by name, with the fix. */
import { readdirSync, readFileSync } from 'node:fs';
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
  /** Where figures, claims, counterexamples and charts live now: every .ts file under src/story/
   *  and src/charts/ (found, not listed, so a file added or moved is scanned too). */
  const scanned = ['src/story', 'src/charts']
    .flatMap(
      (dir) =>
        readdirSync(new URL(`../../${dir}/`, import.meta.url), { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => `${dir}/${f}`),
      // The copy's document: it names the peg week in words, never as a date literal.
    )
    .concat(['src/story/article.aml']);
  /** Every hand-set name and date the settings hold, as a quoted literal would type it. */
  const literals = Object.values(SETTINGS)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string')
    .filter((v) => v !== SETTINGS.ARTICLE_CARD_CHART);

  it('scans the figures modules and their counterexamples', () => {
    expect(scanned).toContain('src/story/figures/flip.ts');
    expect(scanned).toContain('src/story/figures/flip.counterexamples.ts');
    expect(scanned.length).toBeGreaterThan(20);
  });

  it('no setting is typed as a literal where figures, claims and charts live', () => {
    const found: string[] = [];
    for (const f of scanned) {
      const text = readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
      if (text.includes(SETTINGS.PEG_WEEK_START)) found.push(`${f}: ${SETTINGS.PEG_WEEK_START}`);
      for (const v of literals)
        for (const q of ["'", '"', '`'])
          if (text.includes(`${q}${v}${q}`)) found.push(`${f}: ${q}${v}${q}`);
    }
    expect(found).toEqual([]);
  });
});

describe('the story settings for names singled out', () => {
  it('an agent app gone from the first apps capture names AGENT_APP', () => {
    const data = edited((d) => {
      d.derived.apps = d.derived.apps.filter((a) => a.name !== SETTINGS.AGENT_APP);
    });
    expect(checkSettings(data, CHART_IDS).map((p) => p.setting)).toEqual(['AGENT_APP']);
  });

  it('a stealth model gone from the price table names STEALTH_MODEL', () => {
    const data = edited((d) => {
      d.datasets['model-prices'] = d.datasets['model-prices'].filter(
        (r) => r.model !== SETTINGS.STEALTH_MODEL,
      );
    });
    expect(checkSettings(data, CHART_IDS).map((p) => p.setting)).toEqual(['STEALTH_MODEL']);
  });

  it('the quoted flagship is one of the flagships, and not assumed to be the first', () => {
    expect(SETTINGS.FLAGSHIP_MODELS).toContain(SETTINGS.QUOTED_FLAGSHIP);
    const price = readFileSync(
      new URL('../../src/story/figures/price.ts', import.meta.url),
      'utf8',
    );
    expect(price).not.toMatch(/FLAGSHIP_MODELS\[0\]|flagships\[0\]/);
  });
});
