/**
 * The story's hand-set choices, in one place: editorial decisions that the data does not make.
 * Every module that needs one imports it from here (never a copy), so an editor changes each
 * choice once. This file imports nothing: pipeline, charts, story and pages may all read it.
 */

/** The news peg: the week Chinese media reported as the second in a row with China ahead
 *  (Monday, ISO date). The week must be in data/weekly-tokens.csv with China and U.S. figures. */
export const PEG_WEEK_START = '2026-03-09';

/** Input tokens per output token assumed for a blended price (the mix seen on one snapshot of
 *  Hunter Alpha's model page: ~50.4B prompt vs ~5.3B completion tokens a day). An assumption. */
export const BLEND_INPUT_PER_OUTPUT = 10;

/** The reference model for price multiples (model name as in data/model-prices.csv). */
export const PRICE_REFERENCE_MODEL = 'MiniMax M2.5';

/** "Good enough" in the price section: at most this far below the top benchmark score... */
export const GOOD_ENOUGH_SCORE = 0.15;
/** ...at less than this share of the top scorer's blended price. */
export const GOOD_ENOUGH_PRICE = 0.5;

/** The agent session the session-cost chart shows before the reader sets one (tokens). */
export const DEFAULT_SESSION_TOKENS = 2_000_000;

/** The chart on the article's social card. */
export const ARTICLE_CARD_CHART = 'share-flip';

/** The U.S. flagships the price section compares with (model names as in data/model-prices.csv). */
export const FLAGSHIP_MODELS: readonly string[] = [
  'Claude Opus 4.6',
  'Claude Sonnet 4.6',
  'GPT-5.4',
  'Gemini 3.1 Pro Preview',
];

/** The Chinese models the price section quotes beside the reference model. */
export const CHEAP_MODEL = 'DeepSeek V3.2';

/**
 * The plausibility gate of the scheduled update (src/publish/update/plausibility.ts): a new or
 * restated Data API day is held for an editor, never published unattended, when its platform
 * total (every row of the day, `other` included) is more than this many times above or below
 * the median of the same total over the trailing days. In the 34 days held on 6 December 2026
 * the largest such move is 1.36×; a whole-platform 3× jump in a day is news to read first.
 */
export const PLAUSIBLE_DAY_FACTOR = 3;
/** ...or when one model's tokens are more than this many times its own trailing median (models
 *  with at least PLAUSIBLE_MIN_HISTORY earlier days; a new model has no history to judge by).
 *  A launch ramps fast: the largest real move held is 19× (xiaomi/mimo-v2.5, 30 May 2026). */
export const PLAUSIBLE_MODEL_FACTOR = 100;
/** The trailing days the medians are taken over. */
export const PLAUSIBLE_TRAILING_DAYS = 14;
/** Earlier days a model needs before its own jump is judged. */
export const PLAUSIBLE_MIN_HISTORY = 7;
/** The flagship whose list prices the price section quotes one by one (one of FLAGSHIP_MODELS). */
export const QUOTED_FLAGSHIP = 'Claude Opus 4.6';

/** "Several times the blended price": the smallest multiple of the reference model's blended
 *  price every flagship must list at. */
export const FLAGSHIP_MIN_MULTIPLE = 5;

/** The agent app and the role-play app the technology section sets side by side (app names as
 *  in the captures' apps section). */
export const AGENT_APP = 'OpenClaw';
export const ROLE_PLAY_APP = 'Janitor AI';

/** "Several times the tokens": the smallest multiple of the role-play app's tokens per request
 *  the agent app must use. */
export const AGENT_TOKENS_MULTIPLE = 3;

/** The stealth model the technology section follows (model name as in data/model-prices.csv and
 *  data/model-tokens.csv). */
export const STEALTH_MODEL = 'Hunter Alpha';

/** A side "leaned" when it was ahead in at least this many times as many captures as the
 *  other (the tool-calls chart's title and the copy's "did not lean one way"). */
export const LEAN_RATIO = 2;

/** "The counting method decides how large the lead looks": the counts' latest whole weeks must
 *  give China shares at least this many percentage points apart. */
export const COUNT_SPREAD_POINTS = 10;

/** "Far more": OpenRouter's top 50 must cover at least this many percentage points more of the
 *  platform than the two leaderboard sums. */
export const TOP50_MARGIN_POINTS = 20;

/** A lab "dominates" the author shares when its share at a week end reaches this percentage. */
export const DOMINANT_SHARE_PCT = 50;
