// Bytes of a text file → its text: UTF-8 (a byte order mark dropped), UTF-16 with its mark, or
// a Japanese legacy encoding (Shift_JIS, EUC-JP) when only one of them reads the whole file and
// the caller allows it (the importer does; a memo source must be UTF-8). Otherwise an error at
// the first line that is not UTF-8, naming the encoding it likely is. The one decoder of briefdeck.
import path from 'node:path';
import { diagnostic } from './errors.ts';
import type { Diagnostic } from './diagnostic.ts';

const LEGACY = [
  { label: 'shift_jis', name: 'Shift_JIS' },
  { label: 'euc-jp', name: 'EUC-JP' },
];
const KANA = /[\u3041-\u30ff]/gu;

function decodes(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first line (1-based) that is not UTF-8, and its bytes. */
function firstBadLine(bytes: Uint8Array): { line: number; bytes: Uint8Array } {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (decodes('utf-8', bytes.subarray(start, i)) === undefined) return { line, bytes: bytes.subarray(start, i) };
      line++;
      start = i + 1;
    }
  }
  return { line, bytes };
}

/** The legacy encodings that read these bytes as Japanese text. */
function japaneseReadings(bytes: Uint8Array): Array<{ name: string; text: string }> {
  return LEGACY.map((e) => ({ name: e.name, text: decodes(e.label, bytes) }))
    .filter((r): r is { name: string; text: string } => r.text !== undefined && (r.text.match(KANA) ?? []).length > r.text.replace(/\s/g, '').length * 0.1);
}

export interface Decoded {
  text?: string;
  diagnostics: Diagnostic[];
}

export interface DecodeOptions {
  /** Read a file in a legacy encoding when that is certain (with a warning), instead of refusing it. */
  legacy?: boolean;
  /** Prefix of the diagnostic codes (`import`, `memo`, …). */
  code?: string;
}

export function decodeText(bytes: Uint8Array, file: string, { legacy = true, code = 'import' }: DecodeOptions = {}): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeText(bytes.subarray(3), file, { legacy, code });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), diagnostics: [] };
  }
  const utf8 = decodes('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, diagnostics: [] };
  const bad = firstBadLine(bytes);
  // A legacy encoding is certain when it alone reads every byte as Japanese text.
  const whole = japaneseReadings(bytes);
  if (whole.length === 1 && legacy) {
    return { text: whole[0]!.text, diagnostics: [diagnostic({ file, line: 1 }, `${code}-encoding`, `read as ${whole[0]!.name} (the file is not UTF-8)`, undefined, 'warning')] };
  }
  // Otherwise the first line that is not UTF-8 tells what it likely is.
  const names = (whole.length > 0 ? whole : japaneseReadings(bad.bytes)).map((r) => r.name);
  const line = bad.line;
  const likely = names[0];
  return {
    diagnostics: [
      diagnostic(
        { file, line },
        `${code}-encoding`,
        `the file is not UTF-8${likely ? ` (likely ${names.join(' or ')})` : ''}`,
        `save it as UTF-8, e.g. iconv -f ${(likely ?? 'SHIFT_JIS').toUpperCase()} -t UTF-8 ${path.basename(file)} > ${path.basename(file)}.utf8`,
      ),
    ],
  };
}
