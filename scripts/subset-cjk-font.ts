// npm run fonts:cjk: writes the CJK fallback font for exported images,
// src/publish/images/fonts/noto-sans-cjk-sc-subset.otf, holding exactly the CJK characters found in
// data/*.csv and data/captures/*.csv, cut from the system's Noto Sans CJK SC (Debian:
// fonts-noto-cjk) with subset-font (HarfBuzz). Run it after data adds Chinese, Japanese or
// Korean text; test/publish/images.test.ts fails while a character of data/ is missing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { cjkChars, extractFace, faceOffsets, fontName } from '../src/publish/images/cjk-font.ts';

const FAMILY = 'Noto Sans CJK SC';
const OUT = 'src/publish/images/fonts/noto-sans-cjk-sc-subset.otf';
const LICENCE = 'src/publish/images/fonts/noto-sans-cjk-sc-subset.LICENSE.txt';

const csvs = ['data', 'data/captures'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f)),
);
const chars = cjkChars(...csvs.map((f) => readFileSync(f, 'utf8')));

let file = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
try {
  file =
    execFileSync('fc-match', ['-f', '%{file}', `${FAMILY}:style=Regular`], {
      encoding: 'utf8',
    }).trim() || file;
} catch {
  // No fontconfig: try Debian's path.
}
let source: Buffer;
try {
  source = readFileSync(file);
} catch {
  console.error(`${FAMILY} not found (${file}). Install it: apt-get install -y fonts-noto-cjk`);
  process.exit(1);
}
const offset = faceOffsets(source).find((o) => fontName(source, 1, o) === FAMILY);
if (offset === undefined) {
  console.error(`${file} has no face named "${FAMILY}"`);
  process.exit(1);
}
const face = extractFace(source, offset);
// Space and a few basics keep the font valid and usable even with no CJK in the data.
const subset = await subsetFont(face, ` ${chars.join('')}`, { targetFormat: 'sfnt' });
writeFileSync(OUT, subset);

// The OFL travels with the font: the face's own copyright and licence notices, and the
// licence's full text as the system package ships it (Debian's copyright file).
const notice = [fontName(face, 0), fontName(face, 13), fontName(face, 14)]
  .filter(Boolean)
  .join('\n\n');
let ofl = '';
try {
  const copyright = readFileSync('/usr/share/doc/fonts-noto-cjk/copyright', 'utf8');
  const block = /^License: SIL-1\.1\n((?: .*\n?)+)/m.exec(copyright)?.[1] ?? '';
  ofl = block
    .split('\n')
    .map((l) => (l === ' .' ? '' : l.replace(/^ /, '')))
    .join('\n')
    .trim();
} catch {
  // Not a Debian system: the notices above name the licence and where to read it.
}
writeFileSync(
  LICENCE,
  `${OUT.split('/').pop()}: a subset of ${FAMILY} (${fontName(face, 5) ?? 'version unknown'}) holding ${chars.length} characters,\n` +
    `made by scripts/subset-cjk-font.ts. Modified (subset) under the SIL Open Font License 1.1.\n\n${notice}\n${ofl ? `\n${ofl}\n` : ''}`,
);
console.log(
  `${OUT}: ${chars.length} CJK characters from ${csvs.length} CSV files, ${(subset.length / 1024).toFixed(1)} KiB (from ${file}, face "${FAMILY}")`,
);
console.log(chars.join(''));
