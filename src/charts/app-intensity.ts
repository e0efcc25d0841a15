/** Tokens per request by app: agents run long sessions. */
import { AGENT_APP, ROLE_PLAY_APP } from '../lib/story-settings.ts';
import * as Plot from '@observablehq/plot';
import { formatCount, formatDate, formatScaled, formatTokens } from '../lib/format.ts';
import { cssVar } from '../lib/palette.ts';
import { CAPTURE_SOURCE, col } from './common.ts';
import { annotate, axisX, frame, gridX, HALO, isNarrow, LABEL_SIZE, marginFor } from './theme.ts';
import type { ChartFactory } from './types.ts';

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
export const HIGHLIGHT_APP = AGENT_APP;
export { ROLE_PLAY_APP };
export const TOP_APPS = 12;

export const appIntensityChart: ChartFactory = (data) => {
  const first = data.derived.apps[0]!.fetched_at_utc;
  const capture = data.derived.apps.filter((a) => a.fetched_at_utc === first);
  const rows: AppIntensityRow[] = [...capture]
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
  const hi = rows.find((r) => r.name === HIGHLIGHT_APP) ?? rows[0]!;
  const rolePlay = rows.find((r) => r.name === ROLE_PLAY_APP) ?? rows.find((r) => r.role_play);
  const top = rows[0]!;
  const low = rows[rows.length - 1]!;
  const snap = formatDate(rows[0]!.snapshot_date);
  const perReq = (n: number) => formatScaled(n);

  return {
    id: 'app-intensity',
    title: '',
    subtitle: '',
    notes: [],
    // The words are in src/story/article.aml; these are the figures they name.
    figures: {
      appsTopN: String(TOP_APPS),
      appsSnapshot: snap,
      appsMostTprName: top.name,
      appsMostTpr: formatCount(top.tokens_per_request),
      appsFewestTprName: low.name,
      appsFewestTpr: formatCount(low.tokens_per_request),
      appsLargestName: hi.name,
      appsLargestTpr: formatCount(hi.tokens_per_request),
      appsRolePlayName: rolePlay?.name ?? '',
      appsRolePlayTpr: rolePlay ? formatCount(rolePlay.tokens_per_request) : '',
    },
    sourceIds: [CAPTURE_SOURCE],
    datasets: ['captures-apps'],
    rows,
    columns: [
      col<AppIntensityRow, 'name'>('name', 'app'),
      col<AppIntensityRow, 'categories'>('categories', 'categories', (v) =>
        v.replaceAll('|', ', '),
      ),
      col<AppIntensityRow, 'tokens'>('tokens', 'tokens', (v) => formatTokens(v)),
      col<AppIntensityRow, 'requests'>('requests', 'requests', (v) => formatCount(v)),
      col<AppIntensityRow, 'tokens_per_request'>('tokens_per_request', 'tokens_per_request', (v) =>
        formatCount(v),
      ),
    ],
    description: '',
    plot(width) {
      const narrow = isNarrow(width);
      const marginLeft = marginFor(rows.map((r) => r.name));
      const max = Math.max(...rows.map((r) => r.tokens_per_request));
      const fill = (r: AppIntensityRow) =>
        r.name === hi.name ? cssVar('accent') : r.role_play ? cssVar('rule') : cssVar('other');
      const tip = (r: AppIntensityRow) =>
        `${r.name}: ${formatCount(r.tokens_per_request)} tokens per request (${formatTokens(r.tokens)} tokens, ${formatCount(r.requests)} requests)`;
      const base = frame(width, {
        height: rows.length * 24 + 60,
        marginLeft,
        marginRight: 44,
        marginTop: 30,
        marginBottom: 24,
      });
      return {
        ...base,
        x: { domain: [0, max], nice: false },
        y: { domain: rows.map((r) => r.name), padding: 0.25 },
        marks: [
          gridX({ ticks: narrow ? 3 : 5 }),
          axisX({ ticks: narrow ? 3 : 5, tickFormat: (v: number) => formatScaled(v) }),
          Plot.axisY({ color: cssVar('text'), tickSize: 0, tickPadding: 6, label: null }),
          Plot.barX(
            rows.filter((r) => r !== hi),
            {
              y: 'name',
              x: 'tokens_per_request',
              fill,
              fillOpacity: 0.75,
              title: tip,
              className: 'bar',
            },
          ),
          Plot.barX([hi], {
            y: 'name',
            x: 'tokens_per_request',
            fill,
            title: tip,
            className: 'bar is-emphasis',
          }),
          Plot.ruleX([0], { stroke: cssVar('rule') }),
          Plot.text(rows, {
            y: 'name',
            x: 'tokens_per_request',
            text: (r: AppIntensityRow) =>
              `${perReq(r.tokens_per_request)}${r.role_play ? ' · role-play' : ''}`,
            dx: 4,
            textAnchor: 'start',
            fontSize: LABEL_SIZE,
            fill: cssVar('text'),
            ...HALO,
          }),
          ...(rolePlay
            ? [
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
              ]
            : []),
        ],
      };
    },
  };
};
