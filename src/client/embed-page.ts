// The embed page's script: reports its content height to the host page whenever it changes,
// as a versioned message naming the chart, and as Datawrapper's {"datawrapper-height": …} so
// hosts that already handle that one size the frame too. Also the chart's tooltips and controls.
import { initCalculators } from './calculator.ts';
import { initMethodControls } from './method-control.ts';
import { initTooltips } from './tooltips.ts';

const MESSAGE = { type: 'tokenflip:embed-height', version: 1 } as const;
const PING = 'tokenflip:embed-ping';

function reportHeight(): void {
  const root = document.querySelector<HTMLElement>('[data-embed-root]');
  const chart = root?.dataset.embedRoot;
  if (!root || !chart || window.parent === window) return;
  let last = -1;
  const send = (force: boolean) => {
    const height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY);
    if (!force && height === last) return;
    last = height;
    // Heights are not secret, and the host's origin is not known: any parent may read them.
    window.parent.postMessage({ ...MESSAGE, chart, height }, '*');
    window.parent.postMessage({ 'datawrapper-height': { [chart]: height } }, '*');
  };
  new ResizeObserver(() => send(false)).observe(root);
  window.addEventListener('load', () => send(true));
  // A host script that loads after the frame asks again.
  window.addEventListener('message', (e) => {
    if (e.source === window.parent && e.data && typeof e.data === 'object' && e.data.type === PING) send(true);
  });
}

reportHeight();
initTooltips(document);
initMethodControls();
initCalculators();
