/**
 * The CJK fallback font for exported images. Source Sans 3 (the image font) has no Han
 * glyphs, so PNGs also load a small subset of Noto Sans CJK SC holding exactly the CJK
 * characters of data/ (made by `npm run fonts:cjk` from the system font, committed, so the
 * build never needs the system font). This file: which characters count, and reading fonts
 * (one face out of a .ttc collection, a name from the name table). No I/O.
 */

/** CJK characters: radicals, punctuation, kana, Han (with extensions A and compatibility),
 *  Hangul, and full-width forms. */
export const CJK_CHAR =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{2fa1f}]/gu;

/** The distinct CJK characters of some texts, in code point order. */
export function cjkChars(...texts: string[]): string[] {
  const set = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(CJK_CHAR)) set.add(m[0]);
  return [...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

const tag = (b: Buffer, at: number) => b.toString('latin1', at, at + 4);

/** Offsets of the faces in a font file: one for a plain sfnt, several for a 'ttcf' collection. */
export function faceOffsets(font: Buffer): number[] {
  if (tag(font, 0) !== 'ttcf') return [0];
  const n = font.readUInt32BE(8);
  return Array.from({ length: n }, (_, i) => font.readUInt32BE(12 + 4 * i));
}

/** The face at `offset` as a standalone sfnt (tables copied, offsets rewritten). */
export function extractFace(font: Buffer, offset: number): Buffer {
  const numTables = font.readUInt16BE(offset + 4);
  const records = Array.from({ length: numTables }, (_, i) => {
    const r = offset + 12 + 16 * i;
    return {
      tag: tag(font, r),
      checksum: font.readUInt32BE(r + 4),
      offset: font.readUInt32BE(r + 8),
      length: font.readUInt32BE(r + 12),
    };
  });
  const headerLength = 12 + 16 * numTables;
  const pad = (n: number) => (n + 3) & ~3;
  const total = records.reduce((s, r) => s + pad(r.length), headerLength);
  const out = Buffer.alloc(total);
  font.copy(out, 0, offset, offset + 12);
  let at = headerLength;
  records.forEach((r, i) => {
    const rec = 12 + 16 * i;
    out.write(r.tag, rec, 'latin1');
    out.writeUInt32BE(r.checksum, rec + 4);
    out.writeUInt32BE(at, rec + 8);
    out.writeUInt32BE(r.length, rec + 12);
    font.copy(out, at, r.offset, r.offset + r.length);
    at += pad(r.length);
  });
  return out;
}

/** A name from a face's name table (Windows Unicode or Mac Roman record), or null. */
export function fontName(font: Buffer, nameId: number, offset = 0): string | null {
  const numTables = font.readUInt16BE(offset + 4);
  let nameAt = -1;
  for (let i = 0; i < numTables; i++) {
    const r = offset + 12 + 16 * i;
    if (tag(font, r) === 'name') nameAt = font.readUInt32BE(r + 8);
  }
  if (nameAt < 0) return null;
  const count = font.readUInt16BE(nameAt + 2);
  const strings = nameAt + font.readUInt16BE(nameAt + 4);
  let mac: string | null = null;
  for (let i = 0; i < count; i++) {
    const r = nameAt + 6 + 12 * i;
    const [platform, , language, id, length, off] = [0, 2, 4, 6, 8, 10].map((d) =>
      font.readUInt16BE(r + d),
    ) as [number, number, number, number, number, number];
    if (id !== nameId) continue;
    const raw = font.subarray(strings + off, strings + off + length);
    if (platform === 3 && (language === 0x409 || language === 0x804))
      return Buffer.from(raw).swap16().toString('utf16le');
    if (platform === 1) mac ??= raw.toString('latin1');
  }
  return mac;
}
