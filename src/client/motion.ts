/** True when the reader asked the system for less motion. */
export const reducedMotion = (): boolean =>
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Replaces a chart body's SVGs with new markup, fading in unless motion is reduced. */
export function swapChart(body: Element, html: string): void {
  const keep = [...body.children].filter((c) => !c.matches('[data-chart-svg]'));
  body.innerHTML = html;
  for (const k of keep) body.append(k);
  if (!reducedMotion()) {
    body.classList.remove('is-swapping');
    void (body as HTMLElement).offsetWidth;
    body.classList.add('is-swapping');
  }
  body.dispatchEvent(new CustomEvent('chart:swapped', { bubbles: true }));
}
