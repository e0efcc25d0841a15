/**
 * The figures the article's copy quotes, each computed from the datasets and formatted by
 * the house formatter, and the claims its sentences make, each a test of the data.
 * When an editor's update changes the data, the figures follow; when a sentence can no
 * longer be true, its claim fails and the build stops, naming the claim and the figures.
 */
import { utcDay, utcMonday } from 'd3-time';
import { scorePriceRows } from '../charts/score-vs-price.ts';
import type { SiteData } from '../charts/types.ts';
import type { WeekPoint } from '../pipeline/derive/weeks.ts';
import { blendedPrice } from '../pipeline/derive/prices.ts';
import { GOOD_ENOUGH_PRICE, GOOD_ENOUGH_SCORE, PEG_WEEK_START } from '../lib/story-settings.ts';
import {
  formatApproxPercent, formatChange, formatCount, formatDate, formatMultiple, formatOrdinal, formatPercent,
  formatPrice, formatScaled, formatSmall, formatTokens, formatWeek,
} from '../lib/format.ts';


export interface Claim {
  id: string;
  /** What the copy asserts, in words. */
  says: string;
  holds: boolean;
  /** The figures behind the verdict, for the build's error message. */
  figures: string;
}

export interface Story {
  /** Formatted figures, by placeholder name as used in the copy ({name}). */
  facts: Record<string, string>;
  claims: Claim[];
}

export class ClaimError extends Error {
  readonly failed: Claim[];
  constructor(failed: Claim[]) {
    super(
      `The copy makes ${failed.length} claim(s) the data no longer supports:\n` +
        failed.map((c) => `  - ${c.id}: "${c.says}" is false; figures: ${c.figures}`).join('\n') +
        '\nEdit the sentence in src/story/article.ts (and its claim in src/story/facts.ts), or check the data.',
    );
    this.name = 'ClaimError';
    this.failed = failed;
  }
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Media weeks run Monday to Sunday (UTC): b is the week after a. */
const adjacent = (a: string, b: string) => iso(utcMonday.offset(day(a), 1)) === b;
const addDays = (d: string, n: number) => iso(utcDay.offset(day(d), n));
const leaderName = (l: string | null) => (l === 'CN' ? 'China' : l === 'US' ? 'the U.S.' : 'neither side');
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function computeStory(data: SiteData): Story {
  const f: Record<string, string> = {};
  const claims: Claim[] = [];
  const claim = (id: string, says: string, holds: boolean, figures: string) => claims.push({ id, says, holds, figures });
  const { weeks, leads, prices, apps, toolCalls } = data.derived;

  // --- The flip: media leaderboard sums -------------------------------------------------
  const media = weeks.media;
  const pegIndex = media.findIndex((w) => w.week_start === PEG_WEEK_START);
  const peg = media[pegIndex];
  if (!peg || peg.cn === null || peg.us === null || peg.cn_share === null) {
    throw new ClaimError([{ id: 'peg-week-present', says: `the data has China and U.S. totals for the week of ${PEG_WEEK_START}`, holds: false, figures: 'no such week in data/weekly-tokens.csv' }]);
  }
  const pegRows = data.datasets['weekly-tokens'].filter((r) => r.week_start === PEG_WEEK_START);
  const wow = (o: string) => pegRows.find((r) => r.origin === o)?.wow_change_pct ?? null;
  f.pegWeek = formatWeek(peg.week_start, peg.week_end);
  f.pegCn = formatTokens(peg.cn, 'long');
  f.pegUs = formatTokens(peg.us, 'long');
  f.pegCnShort = formatTokens(peg.cn);
  f.pegUsShort = formatTokens(peg.us);
  f.pegShare = formatPercent(peg.cn_share);
  f.pegShareApprox = formatApproxPercent(peg.cn_share);
  f.pegCnWow = formatChange(wow('CN'), 2);
  f.pegUsWow = formatChange(wow('US'), 2);
  f.pegGap = formatTokens(peg.cn - peg.us, 'long');
  claim('peg-china-leads', 'Chinese models processed more tokens than U.S. models in the peg week', peg.cn > peg.us, `CN ${f.pegCnShort}, US ${f.pegUsShort}`);

  const pegLead = leads.media[pegIndex]!;
  f.pegStreakOrdinal = formatOrdinal(pegLead.streak);

  const before = media[pegIndex - 1];
  const hasBefore = before !== undefined && before.week_start !== null && adjacent(before.week_start, PEG_WEEK_START);
  if (hasBefore && before.cn !== null && before.us !== null && before.cn_share !== null) {
    f.beforeWeek = formatWeek(before.week_start, before.week_end);
    f.beforeCn = formatTokens(before.cn, 'long');
    f.beforeUs = formatTokens(before.us, 'long');
    f.beforeShare = formatPercent(before.cn_share);
    f.beforeGap = formatTokens(before.cn - before.us, 'long');
    claim('gap-narrower-week-before', 'the gap was narrower the week before the peg', before.cn - before.us < peg.cn - peg.us,
      `gap ${f.beforeGap} in ${f.beforeWeek} vs ${f.pegGap} in ${f.pegWeek}`);
    claim('week-before-is-derived', 'the week-before figures are back-calculated, not reported', before.status === 'derived', `status ${before.status}`);
  } else {
    claim('gap-narrower-week-before', 'the gap was narrower the week before the peg', false, 'no China and U.S. figures for the week before the peg');
  }

  // Weeks with no figure between the first reported week and the peg.
  const firstStart = media.find((w) => w.week_start !== null)?.week_start ?? PEG_WEEK_START;
  const known = new Set(media.filter((w) => w.cn !== null && w.us !== null).map((w) => w.week_start));
  const missing: string[] = [];
  for (const d of utcMonday.range(day(firstStart), day(PEG_WEEK_START)).map(iso)) if (!known.has(d)) missing.push(d);
  const missingPairs = missing.filter((d) => d > (media.find((w) => w.cn !== null && w.us !== null)?.week_start ?? d));
  f.missingWeeks = list(missingPairs.map((d) => formatWeek(d, addDays(d, 6))));
  claim('a-week-is-missing', 'a week between the first China/U.S. split and the peg has no figure', missingPairs.length > 0, `missing: ${f.missingWeeks || 'none'}`);

  const earlyLeads = media.filter((w) => w.week_start !== null && w.week_start < (before?.week_start ?? PEG_WEEK_START) && w.status === 'reported' && w.cn !== null && w.us !== null && w.cn > w.us);
  const firstLead = earlyLeads[0];
  f.firstLeadWeek = firstLead ? formatWeek(firstLead.week_start, firstLead.week_end) : '';
  f.firstLeadShare = firstLead ? formatPercent(firstLead.cn_share) : '';
  f.earlyLeadWeeks = list(earlyLeads.map((w) => formatWeek(w.week_start, w.week_end)));
  claim('china-led-in-february', 'reported figures showed China ahead in weeks before the "first" of the two weeks', earlyLeads.length > 0, `early CN-led weeks: ${f.earlyLeadWeeks || 'none'}`);

  // Latest media week, and how much of the platform the two sums cover.
  const latestMedia = [...media].reverse().find((w) => w.cn !== null && w.us !== null)!;
  const latestMediaLead = leads.media[media.indexOf(latestMedia)]!;
  f.latestMediaWeek = formatWeek(latestMedia.week_start, latestMedia.week_end);
  f.latestMediaShare = formatPercent(latestMedia.cn_share);
  // Coverage: the latest week with China, U.S. and a platform total.
  const totals = new Map(data.datasets['weekly-tokens'].filter((r) => r.origin === 'all').map((r) => [r.week_start, r.tokens]));
  const covered = [...media].reverse().find((w) => w.cn !== null && w.us !== null && totals.has(w.week_start ?? ''));
  if (covered) {
    const total = totals.get(covered.week_start!)!;
    const coverage = (100 * (covered.cn! + covered.us!)) / total;
    f.coverageWeek = formatWeek(covered.week_start, covered.week_end);
    f.coverageCn = formatTokens(covered.cn, 'long');
    f.coverageUs = formatTokens(covered.us, 'long');
    f.coverageTotal = formatTokens(total, 'long');
    f.coverageShare = formatPercent(coverage);
    claim('sums-under-half-of-platform', 'the China and U.S. sums made up less than half of the platform total that week', coverage < 50, `coverage ${f.coverageShare} of ${f.coverageTotal} in ${f.coverageWeek}`);
  } else {
    claim('sums-under-half-of-platform', 'the China and U.S. sums made up less than half of the platform total that week', false, 'no week has China, U.S. and platform totals');
  }

  // --- Author shares: the closer, back-and-forth story ----------------------------------
  const whole = (ws: WeekPoint[]) => ws.filter((w) => w.status !== 'partial' && w.cn_share !== null);
  const authors = whole(weeks.authors);
  const leaderOf = (w: WeekPoint) => (w.cn! > w.us! ? 'CN' : w.us! > w.cn! ? 'US' : 'tie');
  const firstA = authors[0];
  const lastA = authors[authors.length - 1];
  const usWeeks = authors.filter((w) => leaderOf(w) === 'US');
  const cnWeeks = authors.filter((w) => leaderOf(w) === 'CN');
  let flips = 0;
  for (let i = 1; i < authors.length; i++) if (leaderOf(authors[i]!) !== leaderOf(authors[i - 1]!)) flips++;
  f.authorWeeksCount = formatSmall(authors.length);
  f.authorsFirstWeek = firstA ? formatDate(firstA.week_end) : '';
  f.authorsFirstShare = firstA ? formatPercent(firstA.cn_share) : '';
  f.authorsFirstCnPct = firstA ? formatPercent(firstA.cn_pct_of_all) : '';
  f.authorsFirstUsPct = firstA ? formatPercent(firstA.us_pct_of_all) : '';
  f.authorsUsWeeks = list(usWeeks.map((w) => formatDate(w.week_end, 'short')));
  f.authorsUsLowShare = formatPercent(Math.min(...usWeeks.map((w) => w.cn_share!)));
  f.authorsLastWeek = lastA ? formatDate(lastA.week_end) : '';
  f.authorsLastShare = lastA ? formatPercent(lastA.cn_share) : '';
  f.authorsLastLeader = lastA ? leaderName(leaderOf(lastA)) : '';
  f.authorsFlips = formatSmall(flips);
  claim('authors-lead-flips', 'on author shares the lead changed hands: China ahead, then the U.S., then China again',
    cnWeeks.length > 0 && usWeeks.length > 0 && flips >= 2 && lastA !== undefined && leaderOf(lastA) === 'CN',
    `CN-led weeks ${cnWeeks.length}, US-led weeks ${usWeeks.length}, flips ${flips}, latest leader ${lastA ? leaderOf(lastA) : 'none'}`);
  claim('authors-closer-than-media', 'author shares give a narrower Chinese lead than the media sums in comparable weeks',
    lastA !== undefined && lastA.cn_share! < latestMedia.cn_share!, `authors ${f.authorsLastShare} vs media ${f.latestMediaShare}`);

  const models = whole(weeks.models);
  const firstM = models[0];
  f.modelsFirstWeek = firstM ? formatDate(firstM.week_end) : '';
  f.modelsFirstShare = firstM ? formatPercent(firstM.cn_share) : '';
  const firstModels = firstM ? data.datasets['captures-models'].filter((r) => r.fetched_at_utc === firstM.fetched_at_utc) : [];
  const cnModels = firstModels.filter((r) => data.datasets.labs.find((l) => l.slug === r.author)?.origin === 'CN').length;
  f.modelsFirstCnCount = formatSmall(cnModels);
  f.modelsFirstCount = formatSmall(firstModels.length);
  claim('top9-models-mostly-chinese', 'most of the nine biggest models in that week were Chinese', cnModels > firstModels.length / 2, `${cnModels} of ${firstModels.length}`);
  claim('top9-models-most-chinese', 'the top-9 models list gives China its biggest share in the first captured week',
    firstM !== undefined && firstA !== undefined && firstM.cn_share! > firstA.cn_share!, `models ${f.modelsFirstShare} vs authors ${f.authorsFirstShare}`);

  // --- Technology: agents, tool calls, long context -------------------------------------
  const firstAppsAt = apps[0]?.fetched_at_utc;
  const firstApps = apps.filter((a) => a.fetched_at_utc === firstAppsAt);
  const openclaw = firstApps.find((a) => a.name === 'OpenClaw');
  const janitor = firstApps.find((a) => a.name === 'Janitor AI');
  if (openclaw && janitor) {
    f.appsDate = formatDate(openclaw.snapshot_date);
    f.openclawRank = formatOrdinal(openclaw.rank);
    f.openclawTokens = formatTokens(openclaw.tokens, 'long');
    f.openclawRequests = `${formatScaled(openclaw.requests, 'long')} requests`;
    f.openclawTpr = formatTokens(openclaw.tokens_per_request);
    f.janitorTpr = formatTokens(janitor.tokens_per_request);
    f.openclawVsJanitor = formatMultiple(openclaw.tokens_per_request / janitor.tokens_per_request);
    claim('openclaw-top-app', 'OpenClaw was the top app by tokens', openclaw.rank === 1, `rank ${openclaw.rank}`);
    claim('agents-burn-more-per-request', 'an agent request uses several times the tokens of a role-play request',
      openclaw.tokens_per_request > 3 * janitor.tokens_per_request, `OpenClaw ${f.openclawTpr}, Janitor AI ${f.janitorTpr}`);
  }
  const starred = data.datasets['agentic-indicators'].find((r) => r.id === 'openclaw-most-starred-github');
  f.openclawStarDate = starred ? formatDate(starred.value_text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null) : '';

  const tc = toolCalls[0];
  if (tc) {
    f.toolCallsDate = formatDate(tc.snapshot_date);
    f.toolCallsCn = formatPercent(tc.cn_pct);
    f.toolCallsUs = formatPercent(tc.us_pct);
    claim('tool-calls-lean-chinese', 'listed Chinese models made more of the tool calls than listed U.S. models', tc.cn_pct > tc.us_pct, `CN ${f.toolCallsCn}, US ${f.toolCallsUs}`);
  }

  const hunter = prices.find((p) => p.model_id === 'openrouter/hunter-alpha');
  const hunterWeek = data.datasets['model-tokens'].find((r) => r.model === 'Hunter Alpha');
  if (hunter) {
    f.hunterLaunch = formatDate(hunter.release_date, 'short');
    f.hunterContext = formatCount(hunter.context_tokens);
    f.hunterReveal = formatDate(hunter.revealed_on, 'short');
    f.hunterRevealedLab = data.datasets.labs.find((l) => l.slug === hunter.revealed_as)?.lab.replace(/ \(.*\)$/, '') ?? '';
    claim('hunter-alpha-1m-context', 'Hunter Alpha had a context window of a million tokens or more', (hunter.context_tokens ?? 0) >= 1_000_000, `context ${f.hunterContext}`);
    claim('hunter-alpha-free', 'Hunter Alpha was free to use', hunter.free, `input ${hunter.input}, output ${hunter.output}`);
  }
  if (hunterWeek) {
    f.hunterTokens = formatTokens(hunterWeek.tokens, 'long');
    f.hunterRank = formatOrdinal(hunterWeek.rank ?? 0);
  }
  const million = prices.filter((p) => (p.context_tokens ?? 0) >= 1_000_000);
  f.millionContextCount = formatSmall(million.length);
  f.contextKnownCount = formatSmall(prices.filter((p) => p.context_tokens !== null).length);

  // --- Price ----------------------------------------------------------------------------
  const byName = (m: string) => prices.find((p) => p.model === m);
  const ref = byName('MiniMax M2.5');
  const opus = byName('Claude Opus 4.6');
  const sonnet = byName('Claude Sonnet 4.6');
  const gpt = byName('GPT-5.4');
  const grok = byName('Grok 4.1 Fast');
  const deepseek = byName('DeepSeek V3.2');
  if (ref && opus && sonnet && gpt && grok && deepseek) {
    f.refInput = formatPrice(ref.input, 'long');
    f.refOutput = formatPrice(ref.output);
    f.opusInput = formatPrice(opus.input);
    f.opusOutput = formatPrice(opus.output);
    f.opusInputX = formatMultiple(opus.input_x_ref);
    f.opusOutputX = formatMultiple(opus.output_x_ref);
    f.refBlended = formatPrice(ref.blended);
    f.deepseekBlended = formatPrice(deepseek.blended);
    f.grokBlended = formatPrice(grok.blended);
    f.grokInput = formatPrice(grok.input);
    f.grokOutput = formatPrice(grok.output);
    const flagships = [opus, sonnet, gpt];
    const minX = Math.min(...flagships.map((p) => p.blended_x_ref ?? 0));
    f.flagshipMinX = formatMultiple(minX);
    claim('flagships-cost-many-times-more', 'U.S. flagships list at several times the blended price of MiniMax M2.5', minX >= 5, `smallest multiple ${f.flagshipMinX}`);
    claim('grok-cheaper-than-minimax', 'Grok 4.1 Fast, a U.S. model, lists below MiniMax M2.5', grok.blended < ref.blended, `Grok ${f.grokBlended}, M2.5 ${f.refBlended}`);
  }
  const free = prices.filter((p) => p.free).map((p) => p.model);
  f.freeModelsSentence =
    free.length === 0 ? '' : free.length === 1 ? `One cost nothing at all: ${free[0]}.` : `${formatSmall(free.length).replace(/^./, (c) => c.toUpperCase())} cost nothing at all: ${list(free)}.`;
  f.blendRatio = '10:1';

  // "Good enough": models within GOOD_ENOUGH_SCORE of the top benchmark score at under
  // GOOD_ENOUGH_PRICE of its blended price (editorial thresholds, printed in the copy).
  const { rows: scored } = scorePriceRows(data);
  const topScore = [...scored].sort((a, b) => b.score - a.score || a.price_usd_per_mtok - b.price_usd_per_mtok)[0];
  const goodCheap = topScore
    ? scored.filter((r) => r !== topScore && r.score >= (1 - GOOD_ENOUGH_SCORE) * topScore.score && r.price_usd_per_mtok < GOOD_ENOUGH_PRICE * topScore.price_usd_per_mtok)
    : [];
  f.goodEnoughScore = formatPercent(GOOD_ENOUGH_SCORE * 100, 0);
  f.goodEnoughPrice = GOOD_ENOUGH_PRICE === 0.5 ? 'half' : formatPercent(GOOD_ENOUGH_PRICE * 100, 0);
  f.goodCheapCount = formatSmall(goodCheap.length);
  f.goodCheapModels = list(goodCheap.map((r) => r.model));
  f.topScoreModel = topScore?.model ?? '';
  claim('cheap-models-near-top-score', 'several models score close to the top scorer at a fraction of its price', goodCheap.length >= 3,
    `${goodCheap.length} models: ${f.goodCheapModels || 'none'}; top ${topScore ? `${topScore.model} ${topScore.score}` : 'none'}`);

  // --- Policy ---------------------------------------------------------------------------
  const events = data.datasets['policy-events'];
  f.policyCount = formatSmall(events.length);
  f.policyFirst = formatDate(events[0]?.date ?? null);
  f.policyLast = formatDate(events[events.length - 1]?.date ?? null);
  claim('policy-timeline-spans-years', 'the policy timeline runs from 2022 into 2026', (events[0]?.date ?? '9') < '2023' && (events[events.length - 1]?.date ?? '0') >= '2026', `${f.policyFirst} to ${f.policyLast}`);

  // --- Scope ----------------------------------------------------------------------------
  const captures = new Set(data.datasets['captures-market-share'].map((r) => r.snapshot_date));
  f.captureFirst = formatDate([...captures][0] ?? null);
  f.captureLast = formatDate([...captures].at(-1) ?? null);
  f.sourceCount = formatCount(data.datasets.sources.length);

  return { facts: f, claims };
}


/** Throws a ClaimError naming every claim that no longer holds. */
export function assertClaims(story: Story): void {
  const failed = story.claims.filter((c) => !c.holds);
  if (failed.length > 0) throw new ClaimError(failed);
}
