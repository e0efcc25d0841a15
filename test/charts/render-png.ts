/**
 * Renders every chart (all states) at 360 and 680 px, light and dark, to PNG in /tmp/charts-png/
 * for a visual check: `npm exec -- node test/charts/render-png.ts [chart-id ...]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { buildCharts } from '../../src/charts/index.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { PALETTE, type Theme } from '../../src/lib/palette.ts';
import { loadFixture } from './fixture.ts';

const OUT = '/tmp/charts-png';
mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);
const themes = (process.env.THEMES ?? 'light,dark').split(',') as Theme[];
for (const chart of buildCharts(loadFixture())) {
  if (only.length && !only.includes(chart.id)) continue;
  const states = chart.states?.map((s) => s.id) ?? [undefined];
  for (const width of [360, 680]) {
    for (const state of states) {
      for (const theme of themes) {
        let svg = renderSvg(chart, width, state, { theme });
        svg = svg.replace(
          /(<svg[^>]*>)/,
          (m) => `${m}<rect width="100%" height="100%" fill="${PALETTE[theme].bg}"/>`,
        );
        const png = new Resvg(svg, {
          fitTo: { mode: 'zoom', value: 1.5 },
          font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
        })
          .render()
          .asPng();
        const name = `${chart.id}-${width}${state ? `-${state}` : ''}-${theme}.png`;
        writeFileSync(`${OUT}/${name}`, png);
        console.log(name);
      }
    }
  }
}
