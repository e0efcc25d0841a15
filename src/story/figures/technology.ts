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
import {
  AGENT_APP,
  AGENT_TOKENS_MULTIPLE,
  LEAN_RATIO,
  PEG_WEEK_START,
  ROLE_PLAY_APP,
  STEALTH_MODEL,
} from '../../lib/story-settings.ts';
import type { Sink } from './sink.ts';

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function technologyFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const { apps, toolCalls, prices } = data.derived;
  const indicator = (id: string) => data.datasets['agentic-indicators'].find((r) => r.id === id);

  // Apps: the largest agent against a role-play app, per request.
  const firstAppsAt = apps[0]?.fetched_at_utc;
  const firstApps = apps.filter((a) => a.fetched_at_utc === firstAppsAt);
  const openclaw = firstApps.find((a) => a.name === AGENT_APP);
  const janitor = firstApps.find((a) => a.name === ROLE_PLAY_APP);
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
    `${AGENT_APP} was the largest app by tokens in that capture`,
    openclaw?.rank === 1,
    `rank ${openclaw?.rank ?? 'none'}`,
    ['AGENT_APP'],
  );
  claim(
    'agents-burn-more-per-request',
    'an agent request uses several times the tokens of a role-play request',
    openclaw !== undefined &&
      janitor !== undefined &&
      openclaw.tokens_per_request > AGENT_TOKENS_MULTIPLE * janitor.tokens_per_request,
    `${AGENT_APP} ${f.openclawTpr ?? '–'}, ${ROLE_PLAY_APP} ${f.janitorTpr ?? '–'}`,
    ['AGENT_APP', 'ROLE_PLAY_APP', 'AGENT_TOKENS_MULTIPLE'],
  );

  const starred = indicator('openclaw-most-starred-github');
  f.openclawStarDate = formatDate(starred?.value_text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null);
  if (starred) s.cite('technology', starred.source_ids);
  claim(
    'openclaw-most-starred-reported',
    `a source reports the date ${AGENT_APP} overtook React as the most-starred project on GitHub`,
    starred !== undefined &&
      /\d{4}-\d{2}-\d{2}/.test(starred.value_text) &&
      starred.source_ids.length > 0,
    starred
      ? `${f.openclawStarDate} (${starred.source_ids
          .map((id) => data.datasets.sources.find((x) => x.id === id)?.publisher ?? id)
          .join(', ')})`
      : 'no indicator',
    ['AGENT_APP'],
  );

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
  s.cite('technology', [CAPTURES]);
  claim(
    'tool-calls-split',
    'the lead in tool calls went both ways: each side was ahead in some captures',
    cnAhead.length > 0 && usAhead.length > 0,
    `China ahead in ${cnAhead.length}, U.S. in ${usAhead.length} of ${tc.length}`,
  );
  // "Did not lean one way": neither side was ahead in LEAN_RATIO times as many captures as the
  // other (the tool-calls chart's title says "leaned" past the same ratio).
  claim(
    'tool-calls-did-not-lean',
    `neither side was ahead in ${LEAN_RATIO} times as many tool-call captures as the other`,
    cnAhead.length > 0 &&
      usAhead.length > 0 &&
      cnAhead.length < LEAN_RATIO * usAhead.length &&
      usAhead.length < LEAN_RATIO * cnAhead.length,
    `China ahead in ${cnAhead.length}, U.S. in ${usAhead.length} of ${tc.length}`,
    ['LEAN_RATIO'],
  );
  claim(
    'tool-calls-us-run',
    'the U.S. led a run of several consecutive captures',
    best.length >= 3,
    `longest U.S. run ${best.length}`,
  );

  // Hunter Alpha: free, 1M context; three figures for its early traffic that disagree.
  const hunter = prices.find((p) => p.model === STEALTH_MODEL);
  // "Odaily ranked it the seventh model of the peg week": the peg week's row, from an Odaily source.
  const odaily = new Set(
    data.datasets.sources.filter((x) => /\bOdaily\b/.test(x.publisher)).map((x) => x.id),
  );
  const hunterWeek = data.datasets['model-tokens'].find(
    (r) =>
      r.model === STEALTH_MODEL &&
      r.period_start === PEG_WEEK_START &&
      r.source_ids.some((id) => odaily.has(id)),
  );
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
    // No rank, no ordinal (an empty figure stops the build rather than print "zeroth").
    f.hunterRank =
      hunterWeek.rank !== null && hunterWeek.rank > 0 ? formatOrdinal(hunterWeek.rank) : '';
    s.cite('technology', hunterWeek.source_ids);
  }
  claim(
    'hunter-alpha-ranked-by-odaily-in-peg-week',
    `an Odaily source ranks ${STEALTH_MODEL} in the peg week`,
    hunterWeek !== undefined && hunterWeek.rank !== null && hunterWeek.rank > 0,
    hunterWeek
      ? `rank ${hunterWeek.rank ?? 'none'} in ${hunterWeek.period_start}`
      : `no ${STEALTH_MODEL} row for ${PEG_WEEK_START} from an Odaily source`,
    ['STEALTH_MODEL', 'PEG_WEEK_START'],
  );
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
