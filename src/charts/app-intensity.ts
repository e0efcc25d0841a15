/** Tokens per request by app: agents run long sessions. */
import { AGENT_APP, ROLE_PLAY_APP } from '../lib/story-settings.ts';
import * as Plot from '@observablehq/plot';
import { formatCount, formatDate, formatScaled, formatTokens } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { CAPTURE_SOURCE, col } from './common.ts';
import { barValues, nameAxisY } from './plot-parts.ts';
import { annotate, axisX, frame, gridX, isNarrow, marginFor } from './theme.ts';
import type { ChartColumn, ChartFactory, SiteData } from './types.ts';

export interface AppIntensityRow {
  name: string;
  categories: string;
  tokens: number;
  requests: number;
  tokens_per_request: number;
  role_play: boolean;
  snapshot_date: string;
}

/** The emblematic agent app, highlighted, and the role-play app used as the comparison (story
 *  settings, so the chart and the copy single out the same apps). */
const HIGHLIGHT_APP = AGENT_APP;
export const TOP_APPS = 12;

/** The rows drawn: the TOP_APPS apps by tokens in the first capture, most tokens per request
 *  first. */
const rowsOf = (apps: SiteData['derived']['apps']): AppIntensityRow[] => {
  const first = apps[0]!.fetched_at_utc;
  return apps
    .filter((a) => a.fetched_at_utc === first)
    .sort((a, b) => b.tokens - a.tokens)
    .slice(0, TOP_APPS)
    .map((a) => ({
      name: a.name,
      categories: a.categories.join('|'),
      tokens: a.tokens,
      requests: a.requests,
      tokens_per_request: Math.round(a.tokens_per_request),
      role_play: a.categories.includes('roleplay'),
      snapshot_date: a.snapshot_date,
    }))
    .sort((a, b) => b.tokens_per_request - a.tokens_per_request);
};

/** The figures the words in src/story/article.aml name. */
function figuresOf(
  rows: readonly AppIntensityRow[],
  hi: AppIntensityRow,
  rolePlay: AppIntensityRow | undefined,
): Record<string, string> {
  const top = rows[0]!;
  const low = rows[rows.length - 1]!;
  return {
    appsTopN: String(TOP_APPS),
    appsSnapshot: formatDate(top.snapshot_date),
    appsMostTprName: top.name,
    appsMostTpr: formatCount(top.tokens_per_request),
    appsFewestTprName: low.name,
    appsFewestTpr: formatCount(low.tokens_per_request),
    appsLargestName: hi.name,
    appsLargestTpr: formatCount(hi.tokens_per_request),
    appsRolePlayName: rolePlay?.name ?? '',
    appsRolePlayTpr: rolePlay ? formatCount(rolePlay.tokens_per_request) : '',
  };
}

const COLUMNS: ChartColumn<AppIntensityRow>[] = [
  col<AppIntensityRow, 'name'>('name', 'app'),
  col<AppIntensityRow, 'categories'>('categories', 'categories', (v) => v.replaceAll('|', ', ')),
  col<AppIntensityRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v)),
  col<AppIntensityRow, 'requests'>('requests', 'requests', (v) => formatCount(v)),
  col<AppIntensityRow, 'tokens_per_request'>('tokens_per_request', 'tokens_per_request', (v) =>
    formatCount(v),
  ),
];

/** An app's bar in words: the tooltip. */
const tipOf = (r: AppIntensityRow) =>
  `${r.name}: ${formatCount(r.tokens_per_request)} tokens per request (${formatTokens(r.tokens)} tokens, ${formatCount(r.requests)} requests)`;

/** A bar per app: the highlighted agent app in the accent colour and full strength, role-play
 *  apps in the rule colour, the rest in the other colour. */
function appBars(rows: readonly AppIntensityRow[], hi: AppIntensityRow): Plot.Markish[] {
  const fill = (r: AppIntensityRow) =>
    r.name === hi.name ? cssVar('accent') : r.role_play ? cssVar('rule') : cssVar('other');
  const bar = { y: 'name', x: 'tokens_per_request', fill, title: tipOf };
  return [
    Plot.barX(
      rows.filter((r) => r !== hi),
      { ...bar, fillOpacity: 0.75, className: 'bar' },
    ),
    Plot.barX([hi], { ...bar, className: 'bar is-emphasis' }),
  ];
}

/** The role-play app's level as a dashed rule across the bars, named above the plot. */
const rolePlayLevel = (rolePlay: AppIntensityRow): Plot.Markish[] => [
  Plot.ruleX([rolePlay.tokens_per_request], {
    stroke: cssVar('rule'),
    strokeDasharray: '3,3',
    className: 'role-play-rule',
  }),
  annotate([`role-play level (${rolePlay.name})`], {
    x: rolePlay.tokens_per_request,
    frameAnchor: 'top',
    textAnchor: 'start',
    dx: 4,
    dy: -22,
    fill: cssVar('muted'),
    className: 'role-play-note',
  }),
];

export const appIntensityChart: ChartFactory = (data) => {
  const rows = rowsOf(data.derived.apps);
  const hi = rows.find((r) => r.name === HIGHLIGHT_APP) ?? rows[0]!;
  const rolePlay = rows.find((r) => r.name === ROLE_PLAY_APP) ?? rows.find((r) => r.role_play);
  return {
    id: 'app-intensity',
    title: '',
    subtitle: '',
    notes: [],
    figures: figuresOf(rows, hi, rolePlay),
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-apps'],
    rows,
    columns: COLUMNS,
    description: '',
    plot(width) {
      const ticks = isNarrow(width) ? 3 : 5;
      const base = frame(width, {
        height: rows.length * 24 + 60,
        marginLeft: marginFor(rows.map((r) => r.name)),
        marginRight: 44,
        marginTop: 30,
        marginBottom: 24,
      });
      return {
        ...base,
        x: { domain: [0, Math.max(...rows.map((r) => r.tokens_per_request))], nice: false },
        y: { domain: rows.map((r) => r.name), padding: 0.25 },
        marks: [
          gridX({ ticks }),
          axisX({ ticks, tickFormat: (v: number) => formatScaled(v) }),
          nameAxisY(),
          ...appBars(rows, hi),
          Plot.ruleX([0], { stroke: cssVar('rule') }),
          barValues(rows, {
            y: 'name',
            x: 'tokens_per_request',
            text: (r) =>
              `${formatScaled(r.tokens_per_request)}${r.role_play ? ' · role-play' : ''}`,
          }),
          ...(rolePlay ? rolePlayLevel(rolePlay) : []),
        ],
      };
    },
  };
};
