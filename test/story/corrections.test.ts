/**
 * The corrections readers can see, and the sources the article counts, checked on the built
 * pages (npm test builds first).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { CORRECTIONS } from '../../src/story/corrections.ts';
import { DIST } from '../embed/helpers.ts';

const page = (path: string) => parseHTML(readFileSync(join(DIST, path), 'utf8')).document;
const text = (s: string) => s.replace(/\s+/g, ' ').replace(/[‘’]/g, "'");

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? htmlFiles(p) : p.endsWith('.html') ? [p] : [];
  });
}

describe('corrections readers can see', () => {
  it('no built page repeats a phrase a correction removed', () => {
    const found: string[] = [];
    for (const file of htmlFiles(DIST)) {
      const body = text(parseHTML(readFileSync(file, 'utf8')).document.body?.textContent ?? '');
      const log = page('methodology/index.html').querySelector('#corrections')?.parentElement;
      for (const c of CORRECTIONS) {
        for (const phrase of c.gone) {
          // The log itself quotes what the page said: only its own entries may contain it.
          const quoted = file.endsWith('methodology/index.html') && log !== undefined;
          const rest = quoted ? body.replace(text(c.said), '') : body;
          if (
            rest.includes(text(phrase)) &&
            !(quoted && CORRECTIONS.some((x) => text(x.said).includes(text(phrase))))
          )
            found.push(`${file.replace(DIST, '')}: "${phrase}" (${c.id})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('the methodology page lists every correction with its date, what the page said, what it says now and why', () => {
    const doc = page('methodology/index.html');
    for (const c of CORRECTIONS) {
      const li = doc.getElementById(`correction-${c.id}`);
      expect(li, c.id).not.toBeNull();
      const t = text(li!.textContent ?? '');
      expect(t).toContain('The page said:');
      expect(t).toContain('It says now:');
      expect(t).toContain('Why:');
    }
  });

  it('one corrections box at the foot lists every correction, with a link to each place it concerns; no inline stamps', () => {
    const doc = page('index.html');
    const boxes = doc.querySelectorAll('.corrections-box');
    expect(boxes.length).toBe(1);
    const box = boxes[0]!;
    // At the foot: nothing of the article's copy after it.
    expect(box.nextElementSibling?.matches('.prose, .figure, figure, section') ?? false).toBe(
      false,
    );
    const items = [...box.querySelectorAll('li')];
    expect(items.length).toBe(CORRECTIONS.length);
    for (const c of CORRECTIONS) {
      const li = box.querySelector(`#fix-${c.id}`);
      expect(li, c.id).not.toBeNull();
      const hrefs = [...li!.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      expect(
        hrefs.some((h) => h.endsWith(`methodology/#correction-${c.id}`)),
        c.id,
      ).toBe(true);
      const places = (c.where.blocks?.length ?? 0) + (c.where.charts?.length ?? 0);
      const local = hrefs.filter((h) => h.startsWith('#') || h.includes('/embed/'));
      expect(local.length, c.id).toBe(places);
      for (const h of local.filter((x) => x.startsWith('#')))
        expect(doc.getElementById(h.slice(1)), `${c.id} -> ${h}`).not.toBeNull();
    }
    // No inline "Corrected <date>" stamps: the only mention is the line under the byline.
    const stamps = [...doc.querySelectorAll('a, p')].filter((e) =>
      /^Corrected \d/.test((e.textContent ?? '').trim()),
    );
    expect(stamps.map((e) => e.className)).toEqual(['correction-line', '']);
    expect(doc.querySelector('.byline + .correction-line a')?.getAttribute('href')).toBe(
      '#corrections',
    );
  });

  it('the byline gives the last day of the data and the build date, and no "Updated" date', () => {
    const byline = text(page('index.html').querySelector('.byline')?.textContent ?? '');
    expect(byline).toMatch(/Data through \d{1,2} \w+ 2026/);
    expect(byline).toMatch(/Built \d{1,2} \w+ \d{4}/);
    expect(byline).not.toContain('Updated');
  });
});

describe('sources held to a standard', () => {
  it('the article counts only the sources its charts and copy use, and the methodology lists each with kind, date and use', () => {
    const doc = page('methodology/index.html');
    const items = [...doc.querySelectorAll('.source-list > li')];
    const dek = text(doc.querySelector('.dek')?.textContent ?? '');
    expect(dek).toContain(`${items.length} sources`);
    for (const li of items) {
      const t = text(li.textContent ?? '');
      expect(t, li.id).toMatch(/\b(primary|secondary|repost|aggregator|capture|desk)\b/);
      expect(t, li.id).toMatch(/(\d{1,2} \w+ \d{4}|undated)/);
      expect(t, li.id).toContain('Used in:');
    }
    const unused = [...doc.querySelectorAll('.unused-sources li')].map((li) => li.id);
    for (const id of unused) expect(items.map((li) => li.id)).not.toContain(id);
  });
});
