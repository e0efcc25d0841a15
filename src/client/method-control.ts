// The counting-method switch: swaps in the chart state for the chosen method and says the
// answer that method gives. A state's drawing is fetched when chosen (src/client/lazy-svg.ts).
import { resolve } from './lazy-svg.ts';
import { swapChart } from './motion.ts';

export function initMethodControls(): void {
  for (const control of document.querySelectorAll<HTMLElement>('[data-method-control]')) {
    const figure = control.closest('figure');
    const body = figure?.querySelector<HTMLElement>('[data-chart-body]');
    const answer = figure?.querySelector<HTMLElement>('[data-method-answer]');
    if (!figure || !body) continue;
    const buttons = [...control.querySelectorAll<HTMLButtonElement>('button[data-state]')];
    control.hidden = false;
    let asked = 0;
    for (const b of buttons) {
      b.addEventListener('click', () => {
        const tpl = figure.querySelector<HTMLTemplateElement>(
          `template[data-state-template="${b.dataset.state}"]`,
        );
        if (!tpl) return;
        for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
        figure.dataset.state = b.dataset.state ?? '';
        if (answer) answer.textContent = b.dataset.answer ?? '';
        const ticket = ++asked;
        void resolve(tpl.innerHTML).then((html) => {
          if (ticket === asked) swapChart(body, html);
        });
      });
    }
  }
}
