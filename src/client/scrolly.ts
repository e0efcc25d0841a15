// Scrollytelling: as each step crosses the middle of the viewport, the sticky figure shows
// that step's chart state. Step buttons jump to a step (keyboard reachable); a bar shows
// progress. A step's state waits in it as placeholders: it is fetched when the step before
// it becomes active, and swapped in once its drawing is here. Without this script the steps
// read as text after the figure's first state.
import { prefetch, resolve } from './lazy-svg.ts';
import { reducedMotion, swapChart } from './motion.ts';

export function initScrolly(): void {
  for (const section of document.querySelectorAll<HTMLElement>('[data-scrolly]')) setup(section);
}

/** The markup of the chart's own drawings: not the tooltip the tooltip enhancer appended. */
const ownSvgs = (body: Element): string =>
  [...body.querySelectorAll(':scope > [data-chart-svg]')].map((c) => c.outerHTML).join('');

function setup(section: HTMLElement): void {
  const body = section.querySelector<HTMLElement>('.scrolly-graphic [data-chart-body]');
  const steps = [...section.querySelectorAll<HTMLElement>('[data-step]')];
  if (!body || steps.length === 0) return;
  const initial = ownSvgs(body);
  const buttons = [...section.querySelectorAll<HTMLButtonElement>('[data-goto]')];
  const bar = section.querySelector<HTMLElement>('[data-step-progress]');
  const status = section.querySelector<HTMLElement>('[data-step-status]');
  let active = -1;
  // Each activation's number: a state fetched late is not swapped in over a newer one.
  let asked = 0;

  const markup = (i: number): string => {
    const fig = steps[i]!.querySelector('[data-state-svg] .chart');
    if (!fig) return initial;
    return [...fig.children].map((c) => c.outerHTML).join('');
  };

  const activate = (i: number) => {
    if (i === active) return;
    const prevState = active >= 0 ? steps[active]!.dataset.state : steps[0]!.dataset.state;
    active = i;
    steps.forEach((s, j) => s.classList.toggle('is-active', j === i));
    buttons.forEach((b, j) =>
      j === i ? b.setAttribute('aria-current', 'step') : b.removeAttribute('aria-current'),
    );
    if (bar) bar.style.width = `${((i + 1) / steps.length) * 100}%`;
    if (status) status.textContent = buttons[i]?.getAttribute('aria-label') ?? '';
    section.dataset.activeState = steps[i]!.dataset.state ?? '';
    for (const j of [i + 1, i - 1]) if (steps[j]) prefetch(markup(j));
    // (Not on the first activation: the page already shows step 1's chart, and swapping it
    // would force a layout of the whole page while it loads.)
    if (steps[i]!.dataset.state === prevState) return;
    const ticket = ++asked;
    const own = steps[i]!.querySelector('[data-state-svg] .chart');
    void resolve(markup(i)).then((html) => {
      if (ticket === asked) swapChart(body, html);
      // Kept in the step too (as the tooltips left it): for the next visit, and for print.
      if (own) {
        own.innerHTML = ticket === asked ? ownSvgs(body) : html;
        // Its new placeholders (the width not fetched) load when shown, as the page's do.
        own.dispatchEvent(new CustomEvent('chart:swapped', { bubbles: true }));
      }
    });
  };

  // A step counts once its text box (not the empty room around it) reaches the reading line:
  // on phones the sticky chart fills the top half, so the line is in the lower part of the
  // screen, below the chart; on desktop, at the middle.
  const cards = steps.map((s) => s.querySelector<HTMLElement>('.step-body') ?? s);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries)
        if (e.isIntersecting) activate(cards.indexOf(e.target as HTMLElement));
    },
    {
      rootMargin: window.matchMedia('(max-width: 959px)').matches
        ? '-72% 0px -22% 0px'
        : '-45% 0px -45% 0px',
    },
  );
  for (const c of cards) observer.observe(c);

  jumpButtons(buttons, steps, activate);
  activate(0);
}

/** Each step button activates its step and scrolls it to the middle of the screen. */
function jumpButtons(
  buttons: readonly HTMLButtonElement[],
  steps: readonly HTMLElement[],
  activate: (i: number) => void,
): void {
  buttons.forEach((b, i) =>
    b.addEventListener('click', () => {
      activate(i);
      steps[i]!.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'center' });
    }),
  );
}
