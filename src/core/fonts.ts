// The deck's Japanese web font: Noto Sans JP, shipped with the deck so no slide depends on
// the fonts of the machine it runs on. A build subsets it to the characters the deck uses
// (one small WOFF file per weight); the dev server serves the whole font, which never changes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText, writeFileAtomic } from './files.ts';
import { TEMPLATES_DIR } from './paths.ts';
import { packageFolder } from './vendored.ts';

/** The font's package (in the installed tool, the two weights packed with it: vendored.ts). */
const PACKAGE = '@expo-google-fonts/noto-sans-jp';
const FILES: Record<number, string> = {
  400: '400Regular/NotoSansJP_400Regular.ttf',
  700: '700Bold/NotoSansJP_700Bold.ttf',
};
export const FONT_FAMILY = 'Noto Sans JP';

/** The full font file of a weight. */
export function fontFile(weight: number): string {
  const file = FILES[weight];
  if (!file) throw new Error(`no ${FONT_FAMILY} file for weight ${weight} (have ${Object.keys(FILES).join(', ')})`);
  return path.join(packageFolder(PACKAGE), file);
}

/**
 * Every character the deck can show: the text of its HTML (slides, notes, diagrams), the
 * characters the theme's CSS draws (`content: '…'`), and printable ASCII for the deck's own
 * controls (slide numbers, search).
 */
export function deckCharacters(html: string): string {
  const text = htmlToText(html);
  const css = readFileSync(path.join(TEMPLATES_DIR, 'theme.css'), 'utf8');
  const drawn = [...css.matchAll(/content:\s*'([^']*)'/g)].map((m) => m[1]).join('');
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  return [...new Set(text + drawn + ascii)].filter((c) => c.trim() !== '' || c === ' ').sort().join('');
}

function fontFace(weight: number, url: string, format: string): string {
  return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;src:url(${JSON.stringify(url)}) format('${format}')}`;
}

/** The name of a weight's cut font file, beside its fonts.css. */
export const FONT_FACE_FILE = (weight: number) => `noto-sans-jp-${weight}.woff`;

/** A fonts.css naming the cut font files beside it. */
export const fontFaceCss = (weights: number[], format: 'woff') => weights.map((w) => fontFace(w, `./${FONT_FACE_FILE(w)}`, format)).join('\n');

/**
 * Writes a fonts.css for the deck into `cacheDir` and returns its path. With `characters`, the
 * fonts are subset to them (cached by content); without, the CSS points at the full fonts.
 */
export async function prepareFonts(weights: number[], cacheDir: string, characters?: string): Promise<string> {
  if (characters === undefined) {
    const dir = path.join(cacheDir, 'full');
    mkdirSync(dir, { recursive: true });
    const css = weights.map((w) => fontFace(w, path.relative(dir, fontFile(w)).split(path.sep).join('/'), 'truetype')).join('\n');
    const file = path.join(dir, 'fonts.css');
    writeFileAtomic(file, css);
    return file;
  }
  const key = createHash('sha256').update(JSON.stringify([weights, characters, FILES])).digest('hex').slice(0, 16);
  const dir = path.join(cacheDir, key);
  mkdirSync(dir, { recursive: true });
  for (const weight of weights) {
    const file = path.join(dir, FONT_FACE_FILE(weight));
    if (existsSync(file)) continue;
    const { default: subsetFont } = await import('subset-font');
    writeFileAtomic(file, await subsetFont(readFileSync(fontFile(weight)), characters, { targetFormat: 'woff' }));
  }
  const css = fontFaceCss(weights, 'woff');
  const file = path.join(dir, 'fonts.css');
  if (!existsSync(file)) writeFileAtomic(file, css);
  return file;
}
