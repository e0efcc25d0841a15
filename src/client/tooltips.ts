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

function enhance(body: HTMLElement): void {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.hidden = true;
  tip.setAttribute('role', 'status');
  body.append(tip);
  let index = -1;
  body.tabIndex = 0;
  body.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Escape');

  const marks = () => [...(visibleSvg(body)?.querySelectorAll<SVGElement>('[data-tip]') ?? [])];
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
  body.addEventListener('blur', hide);
  body.addEventListener('chart:swapped', () => {
    harvest(body);
    index = -1;
    hide();
  });
}
