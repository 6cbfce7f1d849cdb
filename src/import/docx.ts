// A Word document (.docx) → the memo's blocks: mammoth turns its styles into HTML (heading
// styles, lists with levels, footnotes, tables), read as any document's DOM; its properties
// give the title and authors.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { MemoMeta } from '../model/types.ts';
import { checkDepth } from './depth.ts';
import { readDom } from './dom.ts';
import { squash, type Element_ } from './dom-nodes.ts';
import type { RawMemo } from './text.ts';

/** A zip holding word/document.xml. */
export function looksLikeDocx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).includes('word/');
}

/**
 * A title block's Word styles, by their names (built in, pandoc's, Japanese Word's, or an
 * organisation's own: "Memo Title", "表題", "Byline"), as classes the DOM reader takes for hints.
 */
const TITLE_STYLES: Array<[string, RegExp]> = [
  ['subtitle', /subtitle|副題|サブタイトル/iu],
  ['title', /\btitle\b|表題|タイトル|題名/iu],
  ['authors', /\bauthors?\b|byline|著者|執筆者/iu],
  ['date', /\bdate\b|日付|発行日/iu],
  ['series', /\bseries\b|シリーズ/iu],
  ['publisher', /\bpublisher\b|発行者|発行元/iu],
];

/** Mammoth's style map for the paragraph styles the document defines whose names say a title block role. */
async function styleMap(zip: JSZip): Promise<string[]> {
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const names = [...styles.matchAll(/<w:style\b[^>]*w:type="paragraph"[^>]*>[\s\S]*?<w:name w:val="([^"]+)"/gu)].map((m) => m[1]!);
  return names.flatMap((name) => {
    if (/heading|toc|caption|見出し|目次/iu.test(name)) return [];
    const role = TITLE_STYLES.find(([, re]) => re.test(name))?.[0];
    return role ? [`p[style-name='${name.replace(/'/g, "\\'")}'] => p.bd-${role}:fresh`] : [];
  });
}

async function properties(zip: JSZip): Promise<Partial<MemoMeta>> {
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
  const zip = await JSZip.loadAsync(bytes);
  const result = await mammoth.convertToHtml({ buffer }, { styleMap: await styleMap(zip) });
  checkDepth(result.value);
  const { document } = parseHTML(`<!doctype html><html><body>${result.value}</body></html>`);
  const raw = readDom(document.body as unknown as Element_);
  return { ...raw, meta: await properties(zip), warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}
