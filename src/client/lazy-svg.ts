// Fills the chart drawings a page left out of its HTML (src/publish/share/chart-svg.ts says why):
// each placeholder ([data-src]: an empty <svg> of the drawing's proportions) gets its drawing
// from a static file of the same origin when it is about to be seen: shown by the page's CSS
// (the desktop drawing only on a wide screen) and within a screen of the viewport. The
// scroller and the method switch ask for a state's drawings before they swap it in (resolve).
// A failed fetch marks the placeholder data-failed; the CSS then shows the phone drawing.

const cache = new Map<string, Promise<string>>();

/** The file's text, fetched once per page. */
export function fetchText(url: string): Promise<string> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.text();
    });
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

/** The variant the page's CSS shows at the current width (site.css: 600px). */
const shownVariant = (): string =>
  window.matchMedia('(min-width: 600px)').matches ? 'wide' : 'narrow';

/** Puts the drawing into its placeholder; false when it could not be fetched. */
async function fill(el: HTMLElement): Promise<boolean> {
  const url = el.dataset.src;
  if (!url) return true;
  try {
    const svg = await fetchText(url);
    if (el.dataset.src !== url) return true;
    el.innerHTML = svg;
    delete el.dataset.src;
    delete el.dataset.failed;
    return true;
  } catch {
    el.dataset.failed = '';
    return false;
  }
}

/** The markup of a chart state with the drawing for the current width filled in. */
export async function resolve(html: string): Promise<string> {
  const t = document.createElement('template');
  t.innerHTML = html;
  const want = shownVariant();
  await Promise.all(
    [...t.content.querySelectorAll<HTMLElement>('[data-src]')]
      .filter((el) => el.dataset.chartSvg === want)
      .map(fill),
  );
  return t.innerHTML;
}

/** Starts fetching the current width's drawing in a state's markup (to have it when asked). */
export function prefetch(html: string): void {
  const want = shownVariant();
  for (const m of html.matchAll(/data-chart-svg="([^"]+)" data-src="([^"]+)"/g))
    if (m[1] === want) void fetchText(m[2]!).catch(() => undefined);
}

export function initLazySvgs(root: ParentNode = document): void {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const el = e.target as HTMLElement;
        observer.unobserve(el);
        void fill(el).then((ok) => {
          if (ok)
            el.closest('[data-chart-body]')?.dispatchEvent(
              new CustomEvent('chart:swapped', { bubbles: true }),
            );
        });
      }
    },
    { rootMargin: '100% 0px' },
  );
  // Placeholders in a chart's body, and in a step's own figure (shown only where the scroller
  // does not stick: short screens, high zoom); a state in a template is asked for by its
  // scroller or switch. Hidden ones (the other width, a step figure while the graphic sticks)
  // never intersect until shown.
  const watch = (scope: ParentNode) => {
    for (const el of scope.querySelectorAll<HTMLElement>(
      '[data-chart-body] > [data-src], .step-figure .chart > [data-src]',
    ))
      observer.observe(el);
  };
  watch(root);
  // A swapped-in state may bring placeholders for the width not shown now.
  document.addEventListener('chart:swapped', (e) => {
    const body = e.target as Element;
    for (const el of body.querySelectorAll<HTMLElement>(':scope > [data-src]'))
      observer.observe(el);
  });
}
