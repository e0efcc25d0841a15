/** How the count decides the answer: coverage of the media sums, author shares, top-9 models. */
import type { SiteData } from '../../data/site-data.ts';
import {
  formatDate,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import { CAPTURE_SOURCE as CAPTURES } from '../../lib/source-ids.ts';
import type { WeekPoint } from '../../pipeline/derive/weeks.ts';
import { COUNT_SPREAD_POINTS, PEG_WEEK_START } from '../../lib/story-settings.ts';
import {
  addDays,
  daysApart,
  leaderName,
  leaderOf,
  list,
  partOfMonthOfWeek,
  type Sink,
} from './sink.ts';

/** Weeks that stand for a whole week (captures: not partial), with a share. */
export const wholeWeeks = (ws: readonly WeekPoint[]): WeekPoint[] =>
  ws.filter((w) => w.status !== 'partial' && w.cn_share !== null);

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function countingFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const media = data.derived.weeks.media;
  const rows = data.datasets['weekly-tokens'];

  // Coverage: weeks where China, the U.S. and the platform total were all reported.
  const reportedAll = new Map(
    rows.filter((r) => r.origin === 'all' && r.status === 'reported').map((r) => [r.week_start, r]),
  );
  const covered = media
    .filter(
      (w) =>
        w.status === 'reported' &&
        w.cn !== null &&
        w.us !== null &&
        reportedAll.has(w.week_start ?? ''),
    )
    .map((w) => ({
      w,
      total: reportedAll.get(w.week_start!)!,
      pct: (100 * (w.cn! + w.us!)) / reportedAll.get(w.week_start!)!.tokens,
    }));
  const lo = covered.reduce<(typeof covered)[number] | undefined>(
    (a, b) => (a === undefined || b.pct < a.pct ? b : a),
    undefined,
  );
  const hi = covered.reduce<(typeof covered)[number] | undefined>(
    (a, b) => (a === undefined || b.pct > a.pct ? b : a),
    undefined,
  );
  f.coverageWeeksCount = formatSmall(covered.length);
  f.coverageLow = lo ? formatPercent(lo.pct) : '';
  f.coverageLowWeek = lo ? formatWeek(lo.w.week_start, lo.w.week_end) : '';
  f.coverageHigh = hi ? formatPercent(hi.pct) : '';
  f.coverageHighWeek = hi ? formatWeek(hi.w.week_start, hi.w.week_end) : '';
  s.cite(
    'counting',
    covered.flatMap((c) => [...c.w.source_ids, ...c.total.source_ids]),
  );
  claim(
    'sums-miss-much-of-platform',
    'in every week with all three figures reported, the China and U.S. sums left out more than a third of the platform total',
    covered.length >= 2 && hi !== undefined && hi.pct < 100 * (2 / 3),
    covered.map((c) => `${c.w.week_start}: ${formatPercent(c.pct)}`).join(', ') ||
      'no week with all three figures',
  );

  // The headline's "overtook": China ahead in the latest week of the media count, whatever its status.
  const latestMedia = [...media].reverse().find((w) => w.cn !== null && w.us !== null);
  claim(
    'china-leads-latest-media-week',
    'China is ahead in the latest week of the outlets’ leaderboard sums',
    latestMedia !== undefined && leaderOf(latestMedia) === 'CN',
    latestMedia
      ? `CN ${formatTokens(latestMedia.cn)}, US ${formatTokens(latestMedia.us)} in ${formatWeek(latestMedia.week_start, latestMedia.week_end)} (latest week with both figures)`
      : 'no media week with both sides',
  );

  // The latest week the media reported both sides of (not back-calculated, not a relay).
  const latestReported = [...media]
    .reverse()
    .find((w) => w.status === 'reported' && w.cn !== null && w.us !== null);
  f.latestReportedWeek = latestReported
    ? formatWeek(latestReported.week_start, latestReported.week_end)
    : '';
  f.latestReportedShare = latestReported ? formatPercent(latestReported.cn_share) : '';
  if (latestReported) s.cite('counting', latestReported.source_ids);
  claim(
    'latest-reported-china-leads',
    'China led the latest week the media reported in full',
    latestReported !== undefined && leaderOf(latestReported) === 'CN',
    latestReported
      ? `${latestReported.week_start}: China ${f.latestReportedShare}`
      : 'no reported week',
  );

  // Author shares: the closer, back-and-forth story.
  const authors = wholeWeeks(data.derived.weeks.authors);
  const firstA = authors[0];
  const lastA = authors.at(-1);
  const usWeeks = authors.filter((w) => leaderOf(w) === 'US');
  const cnWeeks = authors.filter((w) => leaderOf(w) === 'CN');
  let flips = 0;
  for (let i = 1; i < authors.length; i++)
    if (leaderOf(authors[i]!) !== leaderOf(authors[i - 1]!)) flips++;
  const captureDays = [
    ...new Set(data.datasets['captures-market-share'].map((r) => r.snapshot_date)),
  ].sort();
  f.captureFirst = formatDate(captureDays[0] ?? null);
  f.captureLast = formatDate(captureDays.at(-1) ?? null);
  f.authorWeeksCount = formatSmall(authors.length);
  f.authorsFirstWeek = firstA ? formatDate(firstA.week_end) : '';
  f.authorsFirstShare = firstA ? formatPercent(firstA.cn_share) : '';
  f.authorsFirstCnPct = firstA ? formatPercent(firstA.cn_pct_of_all) : '';
  f.authorsFirstUsPct = firstA ? formatPercent(firstA.us_pct_of_all) : '';
  f.authorsUsWeeks = list(usWeeks.map((w) => formatDate(w.week_end, 'short')));
  f.authorsUsLowShare = usWeeks.length
    ? formatPercent(Math.min(...usWeeks.map((w) => w.cn_share!)))
    : '';
  f.authorsLastWeek = lastA ? formatDate(lastA.week_end) : '';
  f.authorsLastShare = lastA ? formatPercent(lastA.cn_share) : '';
  f.authorsLastLeader = lastA ? leaderName(leaderOf(lastA)) : '';
  f.authorsFlips = formatSmall(flips);
  s.cite('counting', [CAPTURES]);
  claim(
    'authors-lead-flips',
    'on author shares the lead changed hands: China ahead, then the U.S., then China again',
    cnWeeks.length > 0 &&
      usWeeks.length > 0 &&
      flips >= 2 &&
      lastA !== undefined &&
      leaderOf(lastA) === 'CN' &&
      firstA !== undefined &&
      leaderOf(firstA) === 'CN',
    `CN-led weeks ${cnWeeks.length}, US-led weeks ${usWeeks.length}, flips ${flips}, first ${firstA ? leaderOf(firstA) : 'none'}, latest ${lastA ? leaderOf(lastA) : 'none'}`,
  );
  claim(
    'authors-first-well-short-of-media',
    'in the first captured week, author shares gave China less of the pair than the outlets’ sums of that week',
    firstA !== undefined &&
      mediaNear(media, firstA) !== undefined &&
      firstA.cn_share! < mediaNear(media, firstA)!.cn_share!,
    firstA
      ? `authors ${f.authorsFirstShare}; media ${formatPercent(mediaNear(media, firstA)?.cn_share ?? null)}`
      : 'no author week',
  );
  // Weeks both counts cover: author shares always give China less of the pair.
  const pairs = authors.flatMap((a) => {
    const m = mediaNear(media, a);
    return m ? [{ a, m }] : [];
  });
  claim(
    'authors-closer-than-media',
    'in every week both counts cover, author shares give China a smaller share of the pair than the outlets’ sums',
    pairs.length > 0 && pairs.every(({ a, m }) => a.cn_share! < m.cn_share!),
    pairs
      .map(
        ({ a, m }) =>
          `${a.week_end}: authors ${formatPercent(a.cn_share)} vs media ${formatPercent(m.cn_share)}`,
      )
      .join('; ') || 'no common week',
  );

  // The outlets' own streaks imply U.S.-led weeks after the peg; the author shares agree on each.
  const lateImplied = data.derived.impliedLeads.weeks.filter(
    (w) => w.basis === 'before-streak' && w.leader === 'US' && w.week_start > PEG_WEEK_START,
  );
  const agrees = (w: (typeof lateImplied)[number]) =>
    usWeeks.some((u) => daysApart(u.week_end, w.week_end) <= 2);
  f.lateImpliedUsWeek = list(lateImplied.map((w) => formatWeek(w.week_start, w.week_end)));
  f.lateImpliedUsPeriod = list([
    ...new Set(lateImplied.map((w) => partOfMonthOfWeek(w.week_start))),
  ]);
  const laterStatements = data.datasets['lead-streaks'].filter((r) =>
    lateImplied.some((w) => w.from_weeks.includes(r.week_start)),
  );
  f.lateStreakStart = lateImplied[0]
    ? formatWeek(addDays(lateImplied[0].week_start, 7), addDays(lateImplied[0].week_end, 7))
    : '';
  s.cite(
    'counting',
    laterStatements.flatMap((r) => r.source_ids),
  );
  claim(
    'streaks-agree-with-authors-late',
    "every U.S.-led week the outlets' streak counts imply after the peg is U.S.-led by the author shares too",
    lateImplied.length > 0 && lateImplied.every(agrees),
    `implied U.S.-led: ${lateImplied.map((w) => `${w.week_start}${agrees(w) ? '' : ' (authors disagree)'}`).join(', ') || 'none'}; author U.S.-led weeks: ${usWeeks.map((w) => w.week_end).join(', ')}`,
  );

  // The counts disagree: the latest whole week of each count gives China a different share.
  const latestShare = (ws: readonly WeekPoint[]) => wholeWeeks(ws).at(-1)?.cn_share ?? null;
  const shares = (['api', 'media', 'authors', 'models'] as const)
    .map((m) => ({ m, x: latestShare(data.derived.weeks[m]) }))
    .filter((x) => x.x !== null);
  const spread = shares.length
    ? Math.max(...shares.map((x) => x.x!)) - Math.min(...shares.map((x) => x.x!))
    : 0;
  claim(
    'counting-method-matters',
    `the counts' latest whole weeks give China shares at least ${COUNT_SPREAD_POINTS} points apart`,
    shares.length >= 3 && spread >= COUNT_SPREAD_POINTS,
    shares.map((x) => `${x.m} ${formatPercent(x.x)}`).join(', '),
    ['COUNT_SPREAD_POINTS'],
  );
  // "How far they lead depends on the count": China is ahead in the latest whole week of every count.
  claim(
    'every-count-latest-china',
    'China is ahead in the latest whole week of every count',
    shares.length === 4 && shares.every((x) => x.x! > 50),
    shares.map((x) => `${x.m} ${formatPercent(x.x)}`).join(', '),
  );

  // The leaderboards list only their top entries: no capture section lists more than 30, and
  // OpenRouter's own data show tokens outside its top 50 every day.
  const perCapture = new Map<string, number>();
  for (const r of data.datasets['captures-models'])
    perCapture.set(r.fetched_at_utc, (perCapture.get(r.fetched_at_utc) ?? 0) + 1);
  const maxListed = Math.max(0, ...perCapture.values());
  const outsideEveryDay =
    data.derived.api.days.length > 0 && data.derived.api.days.every((d) => d.outside > 0);
  claim(
    'leaderboards-list-top-entries',
    'the leaderboards list only their top entries',
    maxListed > 0 && maxListed <= 30 && outsideEveryDay,
    `at most ${maxListed} models per capture; tokens outside the top 50 on every API day: ${outsideEveryDay}`,
  );

  // Top-9 models.
  const models = wholeWeeks(data.derived.weeks.models);
  const firstM = models[0];
  f.modelsFirstWeek = firstM ? formatDate(firstM.week_end) : '';
  f.modelsFirstShare = firstM ? formatPercent(firstM.cn_share) : '';
  const firstModels = firstM
    ? data.datasets['captures-models'].filter((r) => r.fetched_at_utc === firstM.fetched_at_utc)
    : [];
  const origin = new Map(data.datasets.labs.map((l) => [l.slug, l.origin]));
  const cnModels = firstModels.filter((r) => origin.get(r.author) === 'CN').length;
  f.modelsFirstCnCount = formatSmall(cnModels);
  f.modelsFirstCount = formatSmall(firstModels.length);
  claim(
    'top9-models-mostly-chinese',
    'most of the nine biggest models in that week were Chinese',
    cnModels > firstModels.length / 2,
    `${cnModels} of ${firstModels.length}`,
  );
  // "Tilts further toward China than the author shares": the same week, both counts.
  claim(
    'top9-models-above-authors',
    'in the first captured week the top-9 models count gives China a bigger share than the author count',
    firstM !== undefined &&
      firstA !== undefined &&
      daysApart(firstM.week_end, firstA.week_end) <= 1 &&
      firstM.cn_share! > firstA.cn_share!,
    `models ${f.modelsFirstShare} (week to ${firstM?.week_end ?? 'none'}) vs authors ${f.authorsFirstShare} (week to ${firstA?.week_end ?? 'none'})`,
  );
}

/** The media week that ends within a day of a capture week's end, with both sides known. */
function mediaNear(media: readonly WeekPoint[], w: WeekPoint): WeekPoint | undefined {
  return media.find((m) => m.cn_share !== null && daysApart(m.week_end, w.week_end) <= 1);
}
