// The agent-session cost calculator: recomputes each model's cost for the reader's session
// and redraws the bars as HTML. Prices come from the page (JSON data), formatted by the
// house formatter shared with the build.
import { formatPercent, formatTokens, formatUsd } from '../lib/format.ts';
import { sessionSubtitle, sessionTitle } from '../lib/session-words.ts';

interface Price {
  model: string;
  origin: string;
  input: number;
  output: number;
  free: boolean;
}

/** Every calculator on the page: shown (it needs JS), its output list added, its sliders wired. */
export function initCalculators(): void {
  for (const calc of document.querySelectorAll<HTMLElement>('[data-calculator]')) {
    const figure = calc.closest('figure');
    const body = figure?.querySelector<HTMLElement>('[data-chart-body]');
    const data = figure?.querySelector('[data-calc-prices]')?.textContent;
    const tokensIn = calc.querySelector<HTMLInputElement>('[data-calc-tokens]');
    const shareIn = calc.querySelector<HTMLInputElement>('[data-calc-input]');
    if (!figure || !body || !data || !tokensIn || !shareIn) continue;
    const prices = JSON.parse(data) as Price[];
    calc.hidden = false;
    const { caption, list } = outputFor(calc, body);
    const update = () => {
      const tokens = Math.round(10 ** Number(tokensIn.value) / 1000) * 1000;
      const share = Number(shareIn.value);
      const tokensText = formatTokens(tokens, 'long');
      const shareText = `${formatPercent(share * 100, 0)} input`;
      calc.querySelector('[data-calc-tokens-out]')!.textContent = tokensText;
      calc.querySelector('[data-calc-input-out]')!.textContent = shareText;
      // Spoken values: what the reader sees beside the slider, not the slider's raw number.
      tokensIn.setAttribute('aria-valuetext', tokensText);
      shareIn.setAttribute('aria-valuetext', shareText);
      const rows = prices
        .map((p) => ({
          ...p,
          cost: (tokens * share * p.input + tokens * (1 - share) * p.output) / 1e6,
        }))
        .sort((a, b) => b.cost - a.cost);
      retitle(figure, tokens, rows);
      list.replaceChildren(...bars(rows));
      caption.textContent = `Your session: ${formatTokens(tokens, 'long')}, ${formatPercent(share * 100, 0)} of them input. Cost on each model:`;
      caption.hidden = false;
      list.hidden = false;
      for (const svg of body.querySelectorAll('[data-chart-svg]'))
        (svg as HTMLElement).hidden = true;
    };
    tokensIn.addEventListener('input', update);
    shareIn.addEventListener('input', update);
  }
}

/**
 * Once the reader moves a slider, the bars below replace the default chart; the caption says
 * which session they show, since the chart's title describes the default one.
 */
function outputFor(calc: HTMLElement, body: HTMLElement) {
  const caption = document.createElement('p');
  caption.className = 'calc-caption';
  caption.id = `${calc.id || 'calc'}-caption`;
  caption.hidden = true;
  const list = document.createElement('ol');
  list.className = 'calc-bars';
  list.hidden = true;
  list.setAttribute('aria-labelledby', caption.id);
  body.append(caption, list);
  return { caption, list };
}

type Costed = Price & { cost: number };

/** The title and subtitle follow the sliders, in the build's own words. */
function retitle(figure: Element, tokens: number, rows: readonly Costed[]): void {
  const paid = rows.filter((r) => !r.free && r.cost > 0);
  const title = figure.querySelector('.figure-title');
  const subtitle = figure.querySelector('.figure-subtitle');
  if (title && paid.length > 1)
    title.textContent = sessionTitle(tokens, { dear: paid[0]!, cheap: paid.at(-1)! });
  if (subtitle)
    subtitle.textContent = sessionSubtitle(tokens, { dear: paid[0]!, cheap: paid.at(-1)! });
}

/** One HTML bar per model, dearest first, as long as its cost against the dearest. */
function bars(rows: readonly Costed[]): HTMLLIElement[] {
  const max = Math.max(...rows.map((r) => r.cost), 1e-9);
  return rows.map((r) => {
    const li = document.createElement('li');
    li.className = `calc-row o-${r.origin.toLowerCase()}`;
    const name = document.createElement('span');
    name.className = 'calc-name';
    name.textContent = r.model;
    const bar = document.createElement('span');
    bar.className = 'calc-bar';
    bar.style.width = `${(100 * r.cost) / max}%`;
    const value = document.createElement('span');
    value.className = 'calc-value';
    value.textContent = r.cost === 0 ? 'free' : formatUsd(r.cost);
    li.append(name, bar, value);
    return li;
  });
}
