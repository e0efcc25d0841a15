// The palette as CSS custom properties, served as a stylesheet so no inline style is needed.
import { themeDeclarations } from '../lib/palette.ts';

export function GET(): Response {
  const css = [
    `:root{${themeDeclarations('light')}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]){${themeDeclarations('dark')}}}`,
    `:root[data-theme="dark"]{${themeDeclarations('dark')}}`,
  ].join('\n');
  return new Response(`${css}\n`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
}
