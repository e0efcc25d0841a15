// The embed page's script. Reports the page's height to the host whenever it changes, as a
// versioned message naming the chart, and as Datawrapper's {"datawrapper-height": …} so hosts
// that already handle that one size the frame too. The host script (public/embed.js) only ever
// answers such a message, so the page says its height again a few times after it loads, in case
// that script arrives late. Its answer ("this frame follows your height") lets the page show its
// notes, sources and data, as does being opened on its own; a frame of fixed height keeps the
// compact layout. Also the chart's tooltips, controls and the Copy button of the embed code.
import { initCalculators } from './calculator.ts';
import { initEmbedCode } from './embed-code.ts';
import { initMethodControls } from './method-control.ts';
import { initTooltips } from './tooltips.ts';
import { EMBED_HEIGHT_MESSAGE, EMBED_SIZED_MESSAGE } from '../lib/embed-protocol.ts';

/** Delays (ms) between repeats of the height after load, until the host script answers. */
const REPEATS = [250, 500, 1000, 2000, 4000, 8000];

const expand = () => document.documentElement.classList.add('embed-expanded');

function reportHeight(): void {
  const root = document.querySelector<HTMLElement>('[data-embed-root]');
  const chart = root?.dataset.embedRoot;
  if (!root || !chart) return;
  if (window.parent === window) {
    expand();
    return;
  }
  let last = -1;
  let sized = false;
  const send = (force: boolean) => {
    const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY);
    if (!force && height === last) return;
    last = height;
    // Heights are not secret, and the host's origin is not known: any parent may read them.
    window.parent.postMessage({ ...EMBED_HEIGHT_MESSAGE, chart, height }, '*');
    window.parent.postMessage({ 'datawrapper-height': { [chart]: height } }, '*');
  };
  const repeat = (i: number) => {
    if (sized || i >= REPEATS.length) return;
    setTimeout(() => {
      if (sized) return;
      send(true);
      repeat(i + 1);
    }, REPEATS[i]);
  };
  window.addEventListener('message', (e) => {
    const m = e.data as { type?: unknown; version?: unknown; chart?: unknown } | null;
    if (
      e.source !== window.parent ||
      !m ||
      typeof m !== 'object' ||
      m.type !== EMBED_SIZED_MESSAGE.type ||
      m.version !== EMBED_SIZED_MESSAGE.version ||
      m.chart !== chart
    )
      return;
    if (sized) return;
    sized = true;
    expand();
  });
  new ResizeObserver(() => send(false)).observe(root);
  window.addEventListener('load', () => {
    send(true);
    repeat(0);
  });
}

reportHeight();
initTooltips(document);
initMethodControls();
initCalculators();
initEmbedCode();
