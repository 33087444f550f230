/**
 * Bytes of a partner's file → text, without holding the file: the encoding is decided from the
 * first 64 KiB (BOM, else valid UTF-8, else a Cyrillic single-byte code page told apart by letter
 * frequencies), then chunks are decoded as they come. A file that turns out not to be what the
 * start said (UTF-8 that breaks after a megabyte) is refused where it breaks.
 */
import { VigilError } from '@vigil/core';

const SAMPLE = 64 * 1024;

export function fileProblem(problem: string, message?: string): VigilError {
  return new VigilError('VALIDATION_FAILED', message ?? `The file cannot be imported: ${problem}. Nothing was imported.`, [{ path: 'file', problem }]);
}

/** The first bytes of a stream (at least `min`, unless it ends first) and the whole stream again. */
export async function peek(source: AsyncIterable<Uint8Array>, min = SAMPLE): Promise<{ head: Buffer; all: AsyncIterable<Buffer>; close: () => Promise<void> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < min) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    taken.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      if (head.length) yield head;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    } finally {
      // Closes the underlying file when a reader stops early (a preview reads 20 rows).
      if (!done) await iterator.return?.();
    }
  }
  return { head, all: all(), close: async () => void (done ? undefined : await iterator.return?.()) };
}

/** Common Russian letters: the right decoding of Cyrillic text is full of them. */
const COMMON = new Set('оеаинтсрвлкмдпуяОЕАИНТСРВЛКМДПУЯ');

function cyrillicScore(text: string): { letters: number; common: number } {
  let letters = 0;
  let common = 0;
  for (const ch of text) {
    if (ch >= '\u0400' && ch <= '\u04ff') {
      letters++;
      if (COMMON.has(ch)) common++;
    }
  }
  return { letters, common };
}

function validUtf8(sample: Buffer, complete: boolean): boolean {
  try {
    // A sample cut in the middle of a character is still valid UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(complete ? sample : trimPartial(sample));
    return true;
  } catch {
    return false;
  }
}

/** Drops an incomplete UTF-8 sequence at the end of a sample. */
function trimPartial(b: Buffer): Buffer {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return need > back ? b.subarray(0, i) : b;
}

export interface Decision {
  /** The TextDecoder label. */
  encoding: string;
  /** How it is reported: "utf-8", "utf-8 (BOM)", "windows-1251 (detected)". */
  label: string;
}

/** Decides the encoding of a text file from its first bytes; refuses what is not text. */
export function decideEncoding(head: Buffer, requested: string, complete: boolean): Decision {
  if (requested !== 'auto') return { encoding: requested, label: requested };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', label: 'utf-8 (BOM)' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', label: 'utf-16le (BOM)' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', label: 'utf-16be (BOM)' };
  if (head.includes(0)) throw fileProblem('it holds NUL bytes, so it is not a text file (or it is UTF-16 without a byte order mark: save it as UTF-8)');
  if (validUtf8(head, complete)) return { encoding: 'utf-8', label: 'utf-8' };
  const high = head.reduce((n, b) => n + (b >= 0x80 ? 1 : 0), 0);
  const candidates = ['windows-1251', 'koi8-r'].map((encoding) => ({ encoding, ...cyrillicScore(new TextDecoder(encoding).decode(head)) }));
  const best = candidates.sort((a, b) => b.common - a.common)[0];
  if (best && best.letters >= high * 0.9 && best.common >= best.letters * 0.4) return { encoding: best.encoding, label: `${best.encoding} (detected)` };
  throw fileProblem('it is not UTF-8, and it does not look like Cyrillic in Windows-1251 or KOI8-R either: save it as UTF-8 (or name its encoding in the mapping\'s file.encoding)');
}

/** Decodes a stream of bytes with the decided encoding; invalid UTF-8 further in is refused there. */
export async function* decode(bytes: AsyncIterable<Buffer>, decision: Decision): AsyncGenerator<string> {
  const fatal = decision.encoding === 'utf-8';
  const decoder = new TextDecoder(decision.encoding, { fatal });
  let offset = 0;
  for await (const chunk of bytes) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw fileProblem(`it is not valid UTF-8 near byte ${offset.toLocaleString('en-US')} (it may mix encodings): save it as UTF-8, or name its encoding in the mapping's file.encoding`);
    }
    offset += chunk.length;
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw fileProblem('it ends in the middle of a UTF-8 character (the file is cut short?)');
  }
  if (rest) yield rest;
}
