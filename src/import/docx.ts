// A Word document (.docx) → the memo's blocks: mammoth turns its styles into HTML (heading
// styles, lists with levels, footnotes, tables), read as any document's DOM; its properties
// give the title and authors.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { MemoMeta } from '../model/types.ts';
import { readDom, squash, type Element_ } from './dom.ts';
import type { RawMemo } from './text.ts';

/** A zip holding word/document.xml. */
export function looksLikeDocx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).includes('word/');
}

/** A title block's Word styles (built in, pandoc's, LibreOffice's, Japanese Word's), as classes the DOM reader takes for hints. */
const STYLE_MAP = [
  ...['Title', '表題', 'タイトル'].map((s) => `p[style-name='${s}'] => p.bd-title:fresh`),
  ...['Subtitle', '副題', 'サブタイトル'].map((s) => `p[style-name='${s}'] => p.bd-subtitle:fresh`),
  ...['Author', 'Authors', '著者', '執筆者'].map((s) => `p[style-name='${s}'] => p.bd-authors:fresh`),
  ...['Date', '日付'].map((s) => `p[style-name='${s}'] => p.bd-date:fresh`),
];

async function properties(bytes: Uint8Array): Promise<Partial<MemoMeta>> {
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (!core) return {};
  const field = (name: string) => squash((new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(core)?.[1] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  const title = field('dc:title');
  const creator = field('dc:creator');
  const language = field('dc:language').split('-')[0];
  return {
    ...(title ? { title } : {}),
    ...(creator ? { authors: creator.split(/\s*[;；]\s*|\s*,\s+(?=\S)/u).filter(Boolean) } : {}),
    ...(language ? { language } : {}),
  };
}

export async function readDocx(bytes: Uint8Array): Promise<RawMemo & { warnings: string[] }> {
  const buffer = Buffer.from(bytes);
  const result = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP });
  const { document } = parseHTML(`<!doctype html><html><body>${result.value}</body></html>`);
  const raw = readDom(document.body as unknown as Element_);
  return { ...raw, meta: await properties(bytes), warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}
