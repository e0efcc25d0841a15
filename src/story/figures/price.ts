/** Price: list prices, blends, the flagships, the cheap U.S. exception, "good enough", and policy. */
import { scorePriceRows } from '../../data/score-price.ts';
import type { SiteData } from '../../data/site-data.ts';
import {
  formatDate,
  formatMonth,
  formatMultiple,
  formatPercent,
  formatPrice,
  formatSmall,
} from '../../lib/format.ts';
import { CAPTURE_SOURCE } from '../../lib/source-ids.ts';
import {
  BLEND_INPUT_PER_OUTPUT,
  CHEAP_MODEL,
  FLAGSHIP_MIN_MULTIPLE,
  FLAGSHIP_MODELS,
  GOOD_ENOUGH_PRICE,
  GOOD_ENOUGH_SCORE,
  PRICE_REFERENCE_MODEL,
  QUOTED_FLAGSHIP,
} from '../../lib/story-settings.ts';
import { blendedPrice } from '../../pipeline/derive/prices.ts';
import { SettingError } from './flip.ts';
import { list, type Sink } from './sink.ts';

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function priceFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const prices = data.derived.prices;
  const byName = (m: string, setting: string) => {
    const p = prices.find((x) => x.model === m);
    if (!p)
      throw new SettingError(
        setting,
        m,
        `The story setting ${setting} (src/lib/story-settings.ts) names "${m}", which is not in data/model-prices.csv: add the model or change the setting.`,
      );
    return p;
  };
  const ref = byName(PRICE_REFERENCE_MODEL, 'PRICE_REFERENCE_MODEL');
  const cheap = byName(CHEAP_MODEL, 'CHEAP_MODEL');
  const flagships = FLAGSHIP_MODELS.map((m) => byName(m, 'FLAGSHIP_MODELS'));
  // The flagship quoted one by one, by name (not by its place in the list).
  const opus = byName(QUOTED_FLAGSHIP, 'QUOTED_FLAGSHIP');
  s.cite(
    'price',
    [ref, cheap, ...flagships].flatMap((p) => p.source_ids),
  );
  f.refModel = ref.model;
  f.refInput = formatPrice(ref.input, 'long');
  f.refOutput = formatPrice(ref.output);
  f.opusModel = opus.model;
  f.opusInput = formatPrice(opus.input);
  f.opusOutput = formatPrice(opus.output);
  f.opusInputX = formatMultiple(opus.input_x_ref);
  f.opusOutputX = formatMultiple(opus.output_x_ref);
  f.refBlended = formatPrice(ref.blended);
  f.cheapModel = cheap.model;
  f.cheapBlended = formatPrice(cheap.blended);
  f.blendRatio = `${BLEND_INPUT_PER_OUTPUT}:1`;
  const multiples = flagships
    .map((p) => ({ p, x: p.blended_x_ref ?? 0 }))
    .sort((a, b) => a.x - b.x);
  f.flagshipMinX = formatMultiple(multiples[0]!.x);
  f.flagshipMaxX = formatMultiple(multiples.at(-1)!.x);
  f.flagshipMin = multiples[0]!.p.model;
  f.flagshipMax = multiples.at(-1)!.p.model;
  f.flagshipCount = formatSmall(flagships.length);
  claim(
    'flagships-cost-many-times-more',
    'every U.S. flagship lists at several times the blended price of the reference model',
    flagships.every((p) => p.origin === 'US') && multiples[0]!.x >= FLAGSHIP_MIN_MULTIPLE,
    multiples.map(({ p, x }) => `${p.model} ${formatMultiple(x)}`).join(', '),
    ['FLAGSHIP_MODELS', 'PRICE_REFERENCE_MODEL', 'BLEND_INPUT_PER_OUTPUT', 'FLAGSHIP_MIN_MULTIPLE'],
  );

  // What the 10:1 blend rests on: two snapshots of Hunter Alpha's model page.
  const ind = (id: string) =>
    data.datasets['agentic-indicators'].find((r) => r.id === id)?.value ?? null;
  const pagePrompt = ind('hunter-alpha-daily-prompt-tokens-page');
  const pageCompletion = ind('hunter-alpha-daily-completion-tokens-page');
  const laterPrompt = ind('hunter-alpha-daily-prompt-tokens-late-mar');
  const laterOut = [
    ind('hunter-alpha-daily-completion-tokens-late-mar'),
    ind('hunter-alpha-daily-reasoning-tokens-late-mar'),
  ];
  const pageRatio = pagePrompt !== null && pageCompletion ? pagePrompt / pageCompletion : null;
  const laterRatio =
    laterPrompt !== null && laterOut.every((x) => x !== null)
      ? laterPrompt / (laterOut[0]! + laterOut[1]!)
      : null;
  f.blendPageRatio = pageRatio === null ? '' : `${pageRatio.toFixed(1)}:1`;
  f.blendLaterRatio = laterRatio === null ? '' : `${Math.round(laterRatio)}:1`;
  if (laterRatio !== null) {
    const at = (p: typeof ref) => blendedPrice(p.input, p.output, laterRatio);
    f.refBlendedLater = formatPrice(at(ref));
    f.opusXLater = formatMultiple(at(opus) / at(ref));
  }
  s.cite(
    'price',
    data.datasets['agentic-indicators']
      .filter((r) => r.id.startsWith('hunter-alpha-daily'))
      .flatMap((r) => r.source_ids),
  );
  claim(
    'blend-near-page-mix',
    "the assumed blend is close to the mix on the first snapshot of Hunter Alpha's page (within 10%)",
    pageRatio !== null &&
      Math.abs(pageRatio - BLEND_INPUT_PER_OUTPUT) / BLEND_INPUT_PER_OUTPUT < 0.1,
    `page ${f.blendPageRatio}, blend ${f.blendRatio}`,
    ['BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'later-snapshot-more-input',
    'a later snapshot showed a mix with more input per output than the blend assumes',
    laterRatio !== null && laterRatio > BLEND_INPUT_PER_OUTPUT,
    `later ${f.blendLaterRatio}`,
  );

  // Cheap is not only Chinese: the U.S. models below the reference on the blended price.
  const cheapUs = prices
    .filter((p) => p.origin === 'US' && !p.free && p.blended < ref.blended)
    .sort((a, b) => a.blended - b.blended);
  const labName = (slug: string) =>
    data.datasets.labs.find((l) => l.slug === slug)?.lab.replace(/\s*\(.*\)$/, '') ?? slug;
  const u = cheapUs[0];
  if (u) {
    f.cheapUsLab = labName(u.lab_slug);
    f.cheapUsModel = u.model;
    f.cheapUsInput = formatPrice(u.input);
    f.cheapUsOutput = formatPrice(u.output);
    f.cheapUsBlended = formatPrice(u.blended);
    s.cite('price', u.source_ids);
    const cheaperOut = prices.filter((p) => p.origin === 'CN' && !p.free && p.output < u.output);
    f.cheaperOutputModels = list(cheaperOut.map((p) => p.model));
  }
  claim(
    'a-us-model-below-reference',
    `a U.S. model lists below ${PRICE_REFERENCE_MODEL} on the blended price`,
    u !== undefined,
    u ? `${u.model} ${formatPrice(u.blended)} vs ${formatPrice(ref.blended)}` : 'none',
    ['PRICE_REFERENCE_MODEL', 'BLEND_INPUT_PER_OUTPUT'],
  );
  claim(
    'some-chinese-cheaper-on-output',
    'some Chinese models are cheaper than that U.S. model on output price',
    (f.cheaperOutputModels ?? '') !== '',
    f.cheaperOutputModels || 'none',
  );
  const free = prices.filter((p) => p.free).map((p) => p.model);
  f.freeModelsSentence =
    free.length === 0
      ? ''
      : free.length === 1
        ? `One cost nothing at all: ${free[0]}.`
        : `${formatSmall(free.length).replace(/^./, (c) => c.toUpperCase())} cost nothing at all: ${list(free)}.`;

  // "Good enough": close to the top benchmark score at a fraction of its blended price.
  const { rows: scored } = scorePriceRows(data);
  const top = [...scored].sort(
    (a, b) => b.score - a.score || a.price_usd_per_mtok - b.price_usd_per_mtok,
  )[0];
  const good = top
    ? scored.filter(
        (r) =>
          r !== top &&
          r.score >= (1 - GOOD_ENOUGH_SCORE) * top.score &&
          r.price_usd_per_mtok < GOOD_ENOUGH_PRICE * top.price_usd_per_mtok,
      )
    : [];
  f.goodEnoughScore = formatPercent(GOOD_ENOUGH_SCORE * 100, 0);
  f.goodEnoughPrice =
    GOOD_ENOUGH_PRICE === 0.5 ? 'half' : formatPercent(GOOD_ENOUGH_PRICE * 100, 0);
  f.goodCheapCount = formatSmall(good.length);
  f.goodCheapModels = list(good.map((r) => r.model));
  f.topScoreModel = top?.model ?? '';
  s.cite('price', [CAPTURE_SOURCE]);
  claim(
    'cheap-models-near-top-score',
    'several models score close to the top scorer at a fraction of its price',
    good.length >= 3,
    `${good.length} models: ${f.goodCheapModels || 'none'}; top ${top ? `${top.model} ${top.score}` : 'none'}`,
    ['GOOD_ENOUGH_SCORE', 'GOOD_ENOUGH_PRICE', 'BLEND_INPUT_PER_OUTPUT'],
  );
}

export function policyFigures(data: SiteData, s: Sink): void {
  const events = [...data.datasets['policy-events']].sort((a, b) => (a.date < b.date ? -1 : 1));
  s.f.policyCount = formatSmall(events.length);
  s.f.policyFirst = formatDate(events[0]?.date ?? null);
  s.f.policyFirstMonth = events[0] ? formatMonth(events[0].date) : '';
  s.f.policyLast = formatDate(events.at(-1)?.date ?? null);
  s.cite(
    'policy',
    events.flatMap((e) => e.source_ids),
  );
  // "Since {policyFirstMonth}, U.S. export controls have limited the accelerators ... and the
  // rules have tightened and loosened several times": the first event is a U.S. export control,
  // and at least three more U.S. export-control events follow it.
  const controls = events.filter((e) => e.jurisdiction === 'US' && e.category === 'export-control');
  s.claim(
    'policy-controls-changed-several-times',
    'the timeline opens with a U.S. export control, and U.S. export controls changed at least three times after it',
    events[0] !== undefined && controls[0] === events[0] && controls.length - 1 >= 3,
    `first event ${events[0] ? `${events[0].date} ${events[0].jurisdiction} ${events[0].category}` : 'none'}; U.S. export-control events after it: ${Math.max(0, controls.length - 1)}`,
  );
}
