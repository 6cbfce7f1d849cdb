// Bytes of a text file → its text: UTF-8 (a byte order mark dropped), UTF-16 with its mark, or
// a Japanese legacy encoding (Shift_JIS, EUC-JP) when only one of them reads the whole file.
import { diagnostic } from '../errors.ts';
import type { Diagnostic } from '../types.ts';

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

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (decodes('utf-8', bytes.subarray(start, i)) === undefined) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}

export interface Decoded {
  text?: string;
  diagnostics: Diagnostic[];
}

export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeText(bytes.subarray(3), file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), diagnostics: [] };
  }
  const utf8 = decodes('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, diagnostics: [] };
  const line = firstBadLine(bytes);
  // A legacy encoding is certain when it alone reads every byte and the text reads as Japanese.
  const readings = LEGACY.map((e) => ({ ...e, text: decodes(e.label, bytes) }))
    .filter((r): r is typeof r & { text: string } => r.text !== undefined)
    .map((r) => ({ ...r, kana: (r.text.match(KANA) ?? []).length / Math.max(1, r.text.replace(/\s/g, '').length) }));
  const japanese = readings.filter((r) => r.kana > 0.1);
  if (japanese.length === 1) {
    const only = japanese[0]!;
    return { text: only.text, diagnostics: [diagnostic({ file, line: 1 }, 'import-encoding', `read as ${only.name} (the file is not UTF-8)`, undefined, 'warning')] };
  }
  const likely = (japanese[0] ?? readings[0])?.name;
  return {
    diagnostics: [
      diagnostic(
        { file, line },
        'import-encoding',
        `the file is not UTF-8${likely ? ` (likely ${japanese.length > 1 ? japanese.map((r) => r.name).join(' or ') : likely})` : ''}`,
        `convert it to UTF-8, e.g. iconv -f ${(likely ?? 'SHIFT_JIS').toUpperCase()} -t UTF-8 ${file} > memo.txt`,
      ),
    ],
  };
}
