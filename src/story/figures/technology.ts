/** Technology: agents' tokens per request, GitHub stars, tool calls, Hunter Alpha, long context. */
import type { SiteData } from '../../data/site-data.ts';
import {
  formatCount,
  formatDate,
  formatMultiple,
  formatOrdinal,
  formatScaled,
  formatSmall,
  formatTokens,
} from '../../lib/format.ts';
import { CAPTURE_SOURCE as CAPTURES } from '../../lib/source-ids.ts';
import type { Sink } from './sink.ts';

export function technologyFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const { apps, toolCalls, prices } = data.derived;
  const indicator = (id: string) => data.datasets['agentic-indicators'].find((r) => r.id === id);

  // Apps: the largest agent against a role-play app, per request.
  const firstAppsAt = apps[0]?.fetched_at_utc;
  const firstApps = apps.filter((a) => a.fetched_at_utc === firstAppsAt);
  const openclaw = firstApps.find((a) => a.name === 'OpenClaw');
  const janitor = firstApps.find((a) => a.name === 'Janitor AI');
  if (openclaw && janitor) {
    s.cite('technology', [CAPTURES]);
    f.appsDate = formatDate(openclaw.snapshot_date);
    f.openclawRankWord =
      openclaw.rank === 1 ? 'largest' : `${formatOrdinal(openclaw.rank)}-largest`;
    f.openclawTokens = formatTokens(openclaw.tokens, 'long');
    f.openclawRequests = `${formatScaled(openclaw.requests, 'long')} requests`;
    f.openclawTpr = formatTokens(openclaw.tokens_per_request);
    f.janitorTpr = formatTokens(janitor.tokens_per_request);
    f.openclawVsJanitor = formatMultiple(openclaw.tokens_per_request / janitor.tokens_per_request);
  }
  claim(
    'openclaw-top-app',
    'OpenClaw was the largest app by tokens in that capture',
    openclaw?.rank === 1,
    `rank ${openclaw?.rank ?? 'none'}`,
  );
  claim(
    'agents-burn-more-per-request',
    'an agent request uses several times the tokens of a role-play request',
    openclaw !== undefined &&
      janitor !== undefined &&
      openclaw.tokens_per_request > 3 * janitor.tokens_per_request,
    `OpenClaw ${f.openclawTpr ?? '–'}, Janitor AI ${f.janitorTpr ?? '–'}`,
  );

  const starred = indicator('openclaw-most-starred-github');
  f.openclawStarDate = formatDate(starred?.value_text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null);
  if (starred) s.cite('technology', starred.source_ids);

  // Tool calls: good captures only (captures holding another panel are set aside upstream).
  const tc = toolCalls;
  const cnAhead = tc.filter((t) => t.cn_pct > t.us_pct);
  const usAhead = tc.filter((t) => t.us_pct > t.cn_pct);
  // The longest run of consecutive captures with the U.S. ahead.
  let run: typeof tc = [];
  let best: typeof tc = [];
  for (const t of tc) {
    run = t.us_pct > t.cn_pct ? [...run, t] : [];
    if (run.length > best.length) best = run;
  }
  f.tcCount = formatSmall(tc.length);
  f.tcFirst = formatDate(tc[0]?.snapshot_date ?? null);
  f.tcLast = formatDate(tc.at(-1)?.snapshot_date ?? null);
  f.tcCnAhead = formatSmall(cnAhead.length);
  f.tcUsAhead = formatSmall(usAhead.length);
  f.tcUsRun = formatSmall(best.length);
  f.tcUsRunFrom = formatDate(best[0]?.snapshot_date ?? null, 'short');
  f.tcUsRunTo = formatDate(best.at(-1)?.snapshot_date ?? null, 'short');
  const lastTc = tc.at(-1);
  f.tcLastLeader = lastTc ? (lastTc.cn_pct > lastTc.us_pct ? 'Chinese' : 'U.S.') : '';
  s.cite('technology', [CAPTURES]);
  claim(
    'tool-calls-split',
    'the lead in tool calls went both ways: each side was ahead in some captures',
    cnAhead.length > 0 && usAhead.length > 0,
    `China ahead in ${cnAhead.length}, U.S. in ${usAhead.length} of ${tc.length}`,
  );
  claim(
    'tool-calls-us-run',
    'the U.S. led a run of several consecutive captures',
    best.length >= 3,
    `longest U.S. run ${best.length}`,
  );

  // Hunter Alpha: free, 1M context; three figures for its early traffic that disagree.
  const hunter = prices.find((p) => p.model_id === 'openrouter/hunter-alpha');
  const hunterWeek = data.datasets['model-tokens'].find((r) => r.model === 'Hunter Alpha');
  const firstWeek = indicator('hunter-alpha-first-week-tokens');
  const perDay = [
    indicator('hunter-alpha-daily-prompt-tokens-page'),
    indicator('hunter-alpha-daily-completion-tokens-page'),
  ];
  if (hunter) {
    f.hunterLaunch = formatDate(hunter.release_date, 'short');
    f.hunterContext = formatCount(hunter.context_tokens);
    f.hunterReveal = formatDate(hunter.revealed_on, 'short');
    f.hunterRevealedLab =
      data.datasets.labs.find((l) => l.slug === hunter.revealed_as)?.lab.replace(/ \(.*\)$/, '') ??
      '';
    s.cite('technology', hunter.source_ids);
  }
  claim(
    'hunter-alpha-1m-context',
    'Hunter Alpha had a context window of a million tokens or more',
    (hunter?.context_tokens ?? 0) >= 1_000_000,
    `context ${f.hunterContext ?? 'none'}`,
  );
  claim(
    'hunter-alpha-free',
    'Hunter Alpha was free to use',
    hunter?.free === true,
    `input ${hunter?.input ?? '–'}, output ${hunter?.output ?? '–'}`,
  );
  if (hunterWeek) {
    f.hunterTokens = formatTokens(hunterWeek.tokens, 'long');
    f.hunterRank = formatOrdinal(hunterWeek.rank ?? 0);
    s.cite('technology', hunterWeek.source_ids);
  }
  if (firstWeek?.value) {
    f.hunterFirstWeek = formatTokens(firstWeek.value, 'long');
    s.cite('technology', firstWeek.source_ids);
  }
  const daily = perDay.every((r) => r?.value != null)
    ? perDay.reduce((a, r) => a + (r!.value ?? 0), 0)
    : null;
  f.hunterPerDay = formatTokens(daily, 'long');
  claim(
    'hunter-alpha-figures-disagree',
    "the peg-week figure for Hunter Alpha is far above Reuters' first-week figure",
    hunterWeek !== undefined && firstWeek?.value != null && hunterWeek.tokens > 2 * firstWeek.value,
    `Odaily ${formatTokens(hunterWeek?.tokens ?? null)} vs Reuters >${formatTokens(firstWeek?.value ?? null)}`,
  );

  const known = prices.filter((p) => p.context_tokens !== null);
  const million = known.filter((p) => (p.context_tokens ?? 0) >= 1_000_000);
  f.millionContextCount = formatSmall(million.length);
  f.contextKnownCount = formatSmall(known.length);
  claim(
    'many-models-1m-context',
    'at least half of the priced models with a published context window accept a million tokens',
    2 * million.length >= known.length,
    `${million.length} of ${known.length}`,
  );
}
