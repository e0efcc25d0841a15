// The counting-method switch: swaps in the chart state for the chosen method and says the
// answer that method gives.
import { swapChart } from './motion.ts';

export function initMethodControls(): void {
  for (const control of document.querySelectorAll<HTMLElement>('[data-method-control]')) {
    const figure = control.closest('figure');
    const body = figure?.querySelector<HTMLElement>('[data-chart-body]');
    const answer = figure?.querySelector<HTMLElement>('[data-method-answer]');
    if (!figure || !body) continue;
    const buttons = [...control.querySelectorAll<HTMLButtonElement>('button[data-state]')];
    control.hidden = false;
    for (const b of buttons) {
      b.addEventListener('click', () => {
        const tpl = figure.querySelector<HTMLTemplateElement>(
          `template[data-state-template="${b.dataset.state}"]`,
        );
        if (!tpl) return;
        for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
        swapChart(body, tpl.innerHTML);
        figure.dataset.state = b.dataset.state ?? '';
        if (answer) answer.textContent = b.dataset.answer ?? '';
      });
    }
  }
}
