// The article's enhancers in a real browser: scrollytelling steps (scroll and keyboard),
// chart tooltips (keyboard and pointer), the counting-method switch and the calculator.
// Every wait is for a state (waitForFunction), never for a time.
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/browser.ts';
import { load, useSite, watch, type Watcher } from './site.ts';

/** The markup of the SVG the reader sees in a chart body (narrow or wide, whichever shows). */
const visibleSvg = (page: Page, bodySelector: string) =>
  page.evaluate((sel) => {
    const body = document.querySelector(sel);
    const svg = [...(body?.querySelectorAll('svg') ?? [])].find(
      (s) => s.getClientRects().length > 0,
    );
    return svg ? { cls: svg.parentElement?.className ?? '', html: svg.outerHTML } : null;
  }, bodySelector);

describe.skipIf(!hasChromium())('article interactions', () => {
  const site = useSite();
  let ctx: BrowserContext | undefined;
  let w: Watcher;
  afterEach(async () => {
    // No interaction may log an error or make a bad request.
    const problems = w?.problems ?? [];
    await ctx?.close();
    ctx = undefined;
    expect(problems).toEqual([]);
  });

  async function article(width = 1280): Promise<Page> {
    ctx = await site.context({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    w = watch(page, site.server.origin);
    await load(page, site.url(''));
    return page;
  }

  for (const width of [1280, 375]) {
    it(`scrolling through the story activates each step and swaps the chart (${width}px)`, async () => {
      const page = await article(width);
      const steps = await page.$$eval('[data-scrolly] [data-step]', (els) =>
        els.map((e) => (e as HTMLElement).dataset.state ?? ''),
      );
      expect(steps.length).toBeGreaterThan(1);
      const body = '[data-scrolly] .scrolly-graphic [data-chart-body]';
      let previous: string | null = null;
      for (let i = 0; i < steps.length; i++) {
        await page.evaluate(
          (i) =>
            document
              .querySelector(`[data-scrolly] [data-step="${i}"]`)!
              .scrollIntoView({ block: 'center' }),
          i,
        );
        await page.waitForFunction((i) => {
          const step = document.querySelector(`[data-scrolly] [data-step="${i}"]`)!;
          const others = [...document.querySelectorAll('[data-scrolly] [data-step].is-active')];
          const button = document.querySelector(`[data-scrolly] [data-goto="${i}"]`);
          return (
            step.classList.contains('is-active') &&
            others.length === 1 &&
            button?.getAttribute('aria-current') === 'step'
          );
        }, i);
        const state = await page.$eval(
          '[data-scrolly]',
          (s) => (s as HTMLElement).dataset.activeState,
        );
        expect(state, `step ${i} shows its own state`).toBe(steps[i]);
        // A later state is fetched (src/client/lazy-svg.ts), then swapped in.
        await page.waitForFunction(
          ({ body, state }) =>
            [...document.querySelectorAll(`${body} svg`)].some(
              (s) => s.getClientRects().length > 0 && s.getAttribute('data-state') === state,
            ),
          { body, state: steps[i]! },
        );
        const svg = await visibleSvg(page, body);
        expect(svg, `step ${i}: the sticky chart shows an SVG`).not.toBeNull();
        if (i > 0) {
          // The sticky chart now holds the same SVG as the step's own (no-JS) figure.
          const own = await page.evaluate(
            ({ i, cls }) =>
              document.querySelector(
                `[data-scrolly] [data-step="${i}"] [data-state-svg] .chart .${cls.split(' ')[0]} svg`,
              )?.outerHTML ?? null,
            { i, cls: svg!.cls },
          );
          expect(svg!.html, `step ${i}: chart matches the step's state`).toBe(own);
          if (steps[i] !== steps[i - 1])
            expect(svg!.html, `step ${i}: chart changed`).not.toBe(previous);
        }
        previous = svg!.html;
      }
      const progress = await page.$eval(
        '[data-step-progress]',
        (e) => (e as HTMLElement).style.width,
      );
      expect(progress).toBe('100%');
    });
  }

  it('step buttons work from the keyboard (Tab to a button, Enter)', async () => {
    const page = await article();
    const target = 2;
    await page.locator('[data-scrolly] .scrolly-graphic [data-chart-body]').focus();
    for (let n = 0; n < 10; n++) {
      if (
        await page.evaluate(
          (t) => document.activeElement?.matches(`[data-goto="${t}"]`) ?? false,
          target,
        )
      )
        break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-goto'))).toBe(
      String(target),
    );
    expect(
      await page.$eval(`[data-step="${target}"]`, (e) => e.classList.contains('is-active')),
    ).toBe(false);
    await page.keyboard.press('Enter');
    // Active, and the step scrolled to the middle of the viewport (so no later scroll event undoes it).
    await page.waitForFunction((t) => {
      const step = document.querySelector(`[data-scrolly] [data-step="${t}"]`)!;
      const r = step.getBoundingClientRect();
      return (
        step.classList.contains('is-active') &&
        document.querySelector(`[data-goto="${t}"]`)?.getAttribute('aria-current') === 'step' &&
        Math.abs(r.top + r.height / 2 - innerHeight / 2) < 2
      );
    }, target);
    const status = await page.$eval('[data-step-status]', (e) => e.textContent ?? '');
    expect(status).toMatch(new RegExp(`^Step ${target + 1} of `));
  });

  it('every chart shows tooltips from the keyboard: focus, ArrowRight, Escape', async () => {
    const page = await article();
    const bodies = await page.$$eval('figure [data-chart-body]', (els) =>
      els.map((e) => `#${e.closest('figure')!.id} [data-chart-body]`),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(8);
    for (const sel of bodies) {
      const body = page.locator(sel).first();
      const tip = page.locator(`${sel} > .tooltip`);
      await body.focus();
      expect(await body.evaluate((e) => e === document.activeElement), `${sel} takes focus`).toBe(
        true,
      );
      // Focus scrolls the chart into view, which fetches its desktop drawing (lazy-svg.ts);
      // the tooltip enhancer marks the drawing once it is in: wait for that, then read it.
      const first = await page
        .waitForFunction(
          (s) => {
            const svg = [...document.querySelector(s)!.querySelectorAll('svg')].find(
              (x) => x.getClientRects().length > 0,
            );
            return svg?.querySelector('[data-tip]')?.getAttribute('data-tip') ?? null;
          },
          sel,
          { timeout: 10_000 },
        )
        .then((h) => h.jsonValue())
        .catch(() => null);
      expect(first, `${sel} has marks with tooltips`).toBeTruthy();
      await page.keyboard.press('ArrowRight');
      await tip.waitFor({ state: 'visible' });
      expect((await tip.textContent())?.trim(), `${sel}: tooltip text`).toBe(first!.trim());
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Escape');
      await tip.waitFor({ state: 'hidden' });
    }
  });

  it('chart tooltips show on pointer hover', async () => {
    const page = await article();
    // The hero chart first, at the top of the page: scrolling back up to it from further down
    // moves the scroller to another step, which swaps its drawing under the pointer.
    for (const id of [
      'chart-share-flip',
      'chart-app-intensity',
      'chart-share-by-method',
      'chart-session-cost',
    ]) {
      await page.locator(`#${id} [data-chart-body]`).scrollIntoViewIfNeeded();
      // A desktop drawing arrives when scrolled to (src/client/lazy-svg.ts).
      await page.waitForFunction((id) => {
        const body = document.querySelector(`#${id} [data-chart-body]`)!;
        const svg = [...body.querySelectorAll('svg')].find((x) => x.getClientRects().length > 0);
        return (svg?.querySelectorAll('[data-tip]').length ?? 0) > 0;
      }, id);
      // A point on a mark that is not covered by anything else.
      const hit = await page.evaluate((id) => {
        const body = document.querySelector(`#${id} [data-chart-body]`)!;
        const svg = [...body.querySelectorAll('svg')].find((x) => x.getClientRects().length > 0)!;
        for (const m of svg.querySelectorAll('[data-tip]')) {
          const r = m.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          if (y < 0 || y > innerHeight) continue;
          const at = document.elementFromPoint(x, y)?.closest('[data-tip]');
          if (at === m) return { x, y, text: m.getAttribute('data-tip') ?? '' };
        }
        return null;
      }, id);
      expect(hit, `${id}: a mark the pointer can reach`).not.toBeNull();
      await page.mouse.move(hit!.x, hit!.y, { steps: 2 });
      const tip = page.locator(`#${id} [data-chart-body] > .tooltip`);
      await tip.waitFor({ state: 'visible' });
      expect((await tip.textContent())?.trim(), `${id}: hover tooltip`).toBe(hit!.text.trim());
      await page.mouse.move(1, 1);
      await tip.waitFor({ state: 'hidden' });
    }
  });

  it('the method switch changes the chart and the answer', async () => {
    const page = await article();
    const fig = '#chart-share-by-method';
    const buttons = await page.$$eval(`${fig} [data-method-control] button[data-state]`, (bs) =>
      bs.map((b) => ({
        state: (b as HTMLElement).dataset.state!,
        answer: (b as HTMLElement).dataset.answer!,
      })),
    );
    expect(buttons.length).toBeGreaterThan(1);
    expect(await page.locator(`${fig} [data-method-control]`).isVisible()).toBe(true);
    let svg = (await visibleSvg(page, `${fig} [data-chart-body]`))!.html;
    let answer = await page.locator(`${fig} [data-method-answer]`).textContent();
    for (const b of [...buttons.slice(1), buttons[0]!]) {
      await page.locator(`${fig} button[data-state="${b.state}"]`).click();
      await page.waitForFunction(
        ({ fig, state }) =>
          document
            .querySelector(`${fig} button[data-state="${state}"]`)
            ?.getAttribute('aria-pressed') === 'true',
        { fig, state: b.state },
      );
      expect(await page.$$eval(`${fig} button[aria-pressed="true"]`, (x) => x.length)).toBe(1);
      // The state's drawing is fetched (src/client/lazy-svg.ts), then swapped in.
      await page.waitForFunction(
        ({ fig, state }) =>
          [...document.querySelectorAll(`${fig} [data-chart-body] svg`)].some(
            (s) => s.getClientRects().length > 0 && s.getAttribute('data-state') === state,
          ),
        { fig, state: b.state },
      );
      const nowSvg = (await visibleSvg(page, `${fig} [data-chart-body]`))!.html;
      const nowAnswer = await page.locator(`${fig} [data-method-answer]`).textContent();
      expect(nowSvg, `${b.state}: chart changed`).not.toBe(svg);
      expect(nowAnswer, `${b.state}: answer`).toBe(b.answer);
      expect(nowAnswer, `${b.state}: answer changed`).not.toBe(answer);
      svg = nowSvg;
      answer = nowAnswer;
    }
  });

  it('the calculator inputs change the cost list', async () => {
    const page = await article();
    const fig = '#chart-session-cost';
    await expect(page.locator(`${fig} [data-calculator]`).isVisible()).resolves.toBe(true);
    const list = page.locator(`${fig} .calc-bars`);
    const costs = () => list.locator('li').allInnerTexts();
    const tokensOut = page.locator(`${fig} [data-calc-tokens-out]`);
    const before = await tokensOut.textContent();

    await page.locator(`${fig} [data-calc-tokens]`).focus();
    await page.keyboard.press('ArrowRight');
    await list.waitFor({ state: 'visible' });
    const first = await costs();
    expect(first.length).toBeGreaterThan(3);
    expect(await tokensOut.textContent()).not.toBe(before);

    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      ({ sel, old }) =>
        [...document.querySelectorAll(sel)].map((e) => (e as HTMLElement).innerText).join('|') !==
        old,
      {
        sel: `${fig} .calc-bars li`,
        old: first.join('|'),
      },
    );
    const bigger = await costs();

    await page.locator(`${fig} [data-calc-input]`).focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      ({ sel, old }) =>
        [...document.querySelectorAll(sel)].map((e) => (e as HTMLElement).innerText).join('|') !==
        old,
      {
        sel: `${fig} .calc-bars li`,
        old: bigger.join('|'),
      },
    );
    expect(await page.locator(`${fig} [data-calc-input-out]`).textContent()).toMatch(/input/);
    // While the list shows, the static default-session SVG is hidden.
    expect(
      await page
        .locator(`${fig} [data-chart-body] svg`)
        .evaluateAll((s) => s.filter((x) => x.getClientRects().length > 0).length),
    ).toBe(0);
  });
});
