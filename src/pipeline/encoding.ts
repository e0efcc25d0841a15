/**
 * Encoding checks for the CSV reader: UTF-8 is validated chunk by chunk as the bytes arrive
 * (a native check, so it costs little on million-row captures), with sequences split across
 * chunk edges carried over. A file that is not UTF-8 (Excel's "CSV (Comma delimited)" on
 * Windows writes Windows-1252; UTF-16 exports) gets one problem naming the line, the first bad
 * byte and how to save the file as UTF-8.
 */
import { isUtf8 } from 'node:buffer';

/** How to save a CSV as UTF-8, for every encoding problem. */
export const SAVE_AS_UTF8 =
  'save the file as UTF-8: in Excel, File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)" ' +
  '(not "CSV (Comma delimited)", which writes Windows-1252); in LibreOffice, tick "Edit filter settings" and choose ' +
  'the character set "Unicode (UTF-8)"; in a text editor, choose the UTF-8 encoding';

/** Bytes in the UTF-8 sequence a lead byte starts (1 for ASCII and for invalid leads). */
const seqLength = (b: number): number =>
  b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? (b <= 0xef ? 3 : 1) : b >= 0xc2 ? 2 : 1;

/** The first invalid byte of a UTF-8 byte range (slow path, run once on a failing chunk). */
export function firstInvalid(buf: Uint8Array, from = 0, to = buf.length): number {
  for (let i = from; i < to;) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const n = seqLength(buf[i]!);
    if (n === 1 || i + n > to || !isUtf8(buf.subarray(i, i + n))) return i;
    i += n;
  }
  return -1;
}

/** Validates a stream of chunks as UTF-8; reports the absolute offset of the first bad byte. */
export class Utf8Check {
  /** Offset in the file of the first invalid byte, or -1; and that byte. */
  badAt = -1;
  badByte = 0;
  private offset = 0;
  private readonly tail = Buffer.alloc(4);
  private pending = 0;

  /** Checks the next chunk; returns false (and sets badAt) at the first invalid byte. */
  write(buf: Uint8Array): boolean {
    if (this.badAt >= 0) return false;
    let start = 0;
    const len = buf.length;
    if (this.pending > 0) {
      // Finish the sequence the last chunk ended in.
      const need = seqLength(this.tail[0]!) - this.pending;
      const take = Math.min(need, len);
      this.tail.set(buf.subarray(0, take), this.pending);
      if (take < need) {
        this.pending += take;
        this.offset += len;
        return true;
      }
      const seq = this.tail.subarray(0, this.pending + take);
      if (!isUtf8(seq)) return this.fail(this.offset - this.pending, seq[0]!);
      start = take;
      this.pending = 0;
    }
    // A sequence cut by the chunk's end waits for the next chunk.
    let end = len;
    for (let i = len - 1; i >= start && i >= len - 3; i--) {
      const b = buf[i]!;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0 && i + seqLength(b) > len) end = i;
      break;
    }
    if (!isUtf8(buf.subarray(start, end))) {
      const i = Math.max(start, firstInvalid(buf, start, end));
      return this.fail(this.offset + i, buf[i]!);
    }
    this.pending = len - end;
    if (this.pending > 0) this.tail.set(buf.subarray(end), 0);
    this.offset += len;
    return true;
  }

  /** At the end of the file: a sequence still open is invalid. */
  end(): boolean {
    if (this.badAt >= 0) return false;
    if (this.pending > 0) return this.fail(this.offset - this.pending, this.tail[0]!);
    return true;
  }

  private fail(at: number, byte: number): false {
    this.badAt = at;
    this.badByte = byte;
    return false;
  }
}

/** What the file's first bytes say about its encoding, when they say it is not UTF-8. */
export function sniffEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xff && head[1] === 0xfe)
    return 'UTF-16 (little-endian, with a byte order mark), as "Unicode Text" exports are';
  if (head[0] === 0xfe && head[1] === 0xff) return 'UTF-16 (big-endian, with a byte order mark)';
  const zero = head.indexOf(0);
  if (zero >= 0 && zero < 64)
    return `UTF-16 without a byte order mark (or not text at all): byte ${zero + 1} is a zero byte, which UTF-8 text never has`;
  return undefined;
}

const cp1252 = new TextDecoder('windows-1252');

/** How a non-UTF-8 byte reads in Windows-1252 (Excel's "CSV (Comma delimited)" on Windows). */
export function asWindows1252(byte: number): string | undefined {
  if (byte < 0x80) return undefined;
  const ch = cp1252.decode(Uint8Array.of(byte));
  return ch === '\ufffd' || /\p{Cc}/u.test(ch) ? undefined : ch;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** The problem text for a file that is not UTF-8, given the first bad byte and its line. */
export function notUtf8(
  byte: number,
  line: number,
  lineStart: number,
  offset: number,
): { value: string; expected: string } {
  const as1252 = asWindows1252(byte);
  return {
    value: hex(byte),
    expected:
      `UTF-8 text, but the file is not UTF-8: its first bad byte is ${hex(byte)}, on line ${line} (byte ${offset - lineStart + 1} of the line)` +
      `${as1252 ? `; in Windows-1252, the encoding Excel uses for "CSV (Comma delimited)" on Windows, ${hex(byte)} is "${as1252}"` : ''}. ` +
      `Non-ASCII text (dashes, accents, Chinese) would be garbled: ${SAVE_AS_UTF8}`,
  };
}

/** The problem text for a UTF-16 (or binary) file. */
export function notUtf8Encoding(what: string): { expected: string } {
  return { expected: `UTF-8 text, but the file is ${what}: ${SAVE_AS_UTF8}` };
}
