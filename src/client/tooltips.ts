// Tooltips for pointer, touch and keyboard. Chart marks carry their text in SVG <title>
// elements (house-formatted at build); here each becomes a data-tip so one styled tooltip
// can show it. Keyboard: the chart is one tab stop; arrow keys move through its marks,
// Escape hides. A live region reads the same text to screen readers.

const visibleSvg = (body: Element): SVGSVGElement | null =>
  [...body.querySelectorAll<SVGSVGElement>('svg')].find((s) => s.getClientRects().length > 0) ??
  null;

function harvest(root: ParentNode): void {
  for (const t of root.querySelectorAll('.chart svg title')) {
    const el = t.parentElement;
    if (!el || el.tagName.toLowerCase() === 'svg') continue;
    el.setAttribute('data-tip', t.textContent ?? '');
    t.remove();
  }
}

export function initTooltips(root: ParentNode): void {
  harvest(root);
  for (const body of root.querySelectorAll<HTMLElement>('[data-chart-body]')) enhance(body);
}

/** One chart's tooltip: the element, then its pointer and keyboard listeners. */
function enhance(body: HTMLElement): void {
  const tip = tipFor(body);
  body.tabIndex = 0;
  body.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Escape');
  onPointer(body, tip);
  const keys = onKeys(body, tip);
  body.addEventListener('blur', tip.hide);
  body.addEventListener('chart:swapped', () => {
    harvest(body);
    keys.reset();
    tip.hide();
  });
}

interface Tip {
  /** Shows a mark's text near the pointer (x, y) or above the mark. */
  show: (el: Element, x?: number, y?: number) => void;
  hide: () => void;
}

/** The tooltip element of a chart body (a live region), and how to show and hide it. */
function tipFor(body: HTMLElement): Tip {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.hidden = true;
  tip.setAttribute('role', 'status');
  body.append(tip);
  const show = (el: Element, x?: number, y?: number) => {
    const box = body.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    tip.textContent = el.getAttribute('data-tip');
    tip.hidden = false;
    const left = (x ?? r.left + r.width / 2) - box.left;
    const top = (y ?? r.top) - box.top;
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(box.width - w, left - w / 2))}px`;
    tip.style.top = `${Math.max(0, top - tip.offsetHeight - 10)}px`;
    for (const m of body.querySelectorAll('.is-tipped')) m.classList.remove('is-tipped');
    el.classList.add('is-tipped');
  };
  const hide = () => {
    tip.hidden = true;
    for (const m of body.querySelectorAll('.is-tipped')) m.classList.remove('is-tipped');
  };
  return { show, hide };
}

/** Pointer and touch: hover (mouse) or tap shows a mark's text; a tap elsewhere hides it. */
function onPointer(body: HTMLElement, { show, hide }: Tip): void {
  body.addEventListener('pointermove', (e) => {
    const el = (e.target as Element).closest?.('[data-tip]');
    if (el) show(el, e.clientX, e.clientY);
    else if (e.pointerType === 'mouse') hide();
  });
  body.addEventListener('pointerleave', (e) => {
    if (e.pointerType === 'mouse') hide();
  });
  body.addEventListener('click', (e) => {
    const el = (e.target as Element).closest?.('[data-tip]');
    if (el) show(el);
    else hide();
  });
  document.addEventListener('pointerdown', (e) => {
    if (!body.contains(e.target as Node)) hide();
  });
}

/** Keyboard: arrow keys, Home and End move through the visible chart's marks; Escape hides. */
function onKeys(body: HTMLElement, { show, hide }: Tip): { reset: () => void } {
  let index = -1;
  const marks = () => [...(visibleSvg(body)?.querySelectorAll<SVGElement>('[data-tip]') ?? [])];
  body.addEventListener('keydown', (e) => {
    const all = marks();
    if (all.length === 0) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') index = (index + 1) % all.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
      index = (index - 1 + all.length) % all.length;
    else if (e.key === 'Home') index = 0;
    else if (e.key === 'End') index = all.length - 1;
    else if (e.key === 'Escape') {
      hide();
      return;
    } else return;
    e.preventDefault();
    show(all[index]!);
  });
  return { reset: () => void (index = -1) };
}
