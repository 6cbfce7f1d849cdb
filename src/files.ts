// Small shared helpers at the I/O edge and for HTML text.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from './types.ts';

/**
 * Writes a file under a temporary name beside it, then renames it into place: a reader sees
 * the old file or the new one, never half of one, and a failure leaves the old one as it was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Text as HTML text content (&, <, >, " escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML → the text a reader sees: tags dropped, character references decoded. */
export function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return NAMED[lower] ?? match;
  });
}

/** Encodings a Japanese or English text file arrives in when it is not UTF-8, most likely first. */
const LEGACY_ENCODINGS = [
  { label: 'shift_jis', name: 'Shift_JIS' },
  { label: 'euc-jp', name: 'EUC-JP' },
  { label: 'windows-1252', name: 'Windows-1252 (Latin)' },
];

/** Which legacy encoding the bytes most plausibly are: the one that decodes to the fewest oddities. */
export function guessEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  let best: { name: string; score: number } | undefined;
  for (const { label, name } of LEGACY_ENCODINGS) {
    const text = new TextDecoder(label).decode(bytes);
    // Replacement characters and C1 controls are what a wrong guess decodes to.
    const odd = (text.match(/[\uFFFD\u0080-\u009F]/g) ?? []).length;
    const japanese = (text.match(/[\u3040-\u30FF\u4E00-\u9FFF]/g) ?? []).length;
    const score = odd * 10 - japanese;
    if (odd === 0 && (!best || score < best.score)) best = { name, score };
  }
  return best?.name;
}

/** Reading a text file went wrong in a way the user must fix (not a bug). */
export interface TextFileProblem {
  line: number;
  code: string;
  message: string;
  hint?: string;
}

/**
 * A text file's bytes as a string: UTF-8, with a leading byte order mark dropped. Bytes that
 * are not UTF-8 are a problem at the line they are on, naming the encoding they look like.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: TextFileProblem } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)) };
  } catch {
    const bad = firstInvalidUtf8(bytes, start);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    const guess = guessEncoding(bytes);
    return {
      problem: {
        line,
        code: 'encoding',
        message: `the file is not UTF-8 text${guess ? ` (it looks like ${guess})` : ''}: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} here is not UTF-8`,
        hint: `save it as UTF-8${guess ? `, e.g. iconv -f ${guess.split(' ')[0]} -t UTF-8` : ''}`,
      },
    };
  }
}

/** Index of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return Math.min(i, bytes.length - 1);
}

/**
 * Reads a text file (see decodeText). A file that is not UTF-8 adds a diagnostic at its line
 * (code `<prefix>-encoding`) and gives undefined.
 */
export function readTextFile(file: string, diagnostics: Diagnostic[], prefix = 'input'): string | undefined {
  const decoded = decodeText(readFileSync(file));
  if ('text' in decoded) return decoded.text;
  const { line, code, message, hint } = decoded.problem;
  diagnostics.push({ severity: 'error', file, line, code: `${prefix}-${code}`, message, ...(hint ? { hint } : {}) });
  return undefined;
}

/** The process id in the name of a staging or temporary file briefdeck makes, if it is one. */
const LEFTOVER = /(?:\.building-|\.old-|\.tmp-|^briefdeck-check-)(\d+)(?:-\w+)?$|\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what runs that were killed left in `dir`: staging folders, replaced outputs and
 * temporary files whose process is gone. Returns their names.
 */
export function sweepLeftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    const pid = Number(m?.[1] ?? m?.[2]);
    if (!m || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      swept.push(name);
    } catch {
      // Another run may be sweeping it too; what remains is tried again next time.
    }
  }
  return swept;
}
