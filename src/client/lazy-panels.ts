// Toolbar panels whose content the page left out (src/publish/share/source-panel.ts): when one
// opens (a click on its summary, or a link to the list inside it, which opens it), its list
// ([data-src]) is fetched and replaces the link that stood in for it. If the fetch fails the
// link stays.
import { fetchText } from './lazy-svg.ts';

async function fill(list: HTMLElement): Promise<void> {
  const url = list.dataset.src;
  if (!url) return;
  list.setAttribute('aria-busy', 'true');
  try {
    const { items } = JSON.parse(await fetchText(url)) as { items: string[] };
    if (list.dataset.src !== url) return;
    // Built by our own build from our own data (escaped there: src/publish/share/sources.ts).
    list.innerHTML = items.map((h) => `<li>${h}</li>`).join('');
    delete list.dataset.src;
  } catch {
    // The stand-in link to the methodology page's list stays.
  } finally {
    list.removeAttribute('aria-busy');
  }
}

export function initLazyPanels(root: Document = document): void {
  const opened = (details: Element) => {
    for (const list of details.querySelectorAll<HTMLElement>('[data-src]')) void fill(list);
  };
  // toggle does not bubble: listen in the capture phase.
  root.addEventListener(
    'toggle',
    (e) => {
      const d = e.target as Element;
      if (d instanceof HTMLDetailsElement && d.open) opened(d);
    },
    true,
  );
  // Panels open before this ran (a link to a list in the address).
  for (const d of root.querySelectorAll('details[open]')) opened(d);
}
