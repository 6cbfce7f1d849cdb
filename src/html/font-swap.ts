// The bundle is made once for every deck: Vite bundles a stand-in font file per weight (bytes of
// its own, never shown), and each deck's cut of Noto Sans JP takes its place afterwards — in the
// HTML deck as files of their own (named by the cut's key in the font cache, which the characters
// it holds make), in the one-file deck as data: URLs. A memo edited to use a character its font
// did not hold yet costs a font cut, not two bundles (about 1 s of Vite).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { FONT_FACE_FILE, fontFaceCss } from '../core/fonts.ts';

/**
 * A stand-in font file: bytes that name its weight (larger than Vite's limit for inlining an asset,
 * so the HTML deck gets a file of its own, which the swap replaces).
 */
export function standInFont(weight: number): Buffer {
  const mark = `briefdeck stand-in font ${weight}, replaced by the deck's own cut of the font;`;
  return Buffer.from(mark.repeat(Math.ceil(6000 / mark.length)), 'latin1');
}

/** A fonts.css naming the stand-ins, in `cacheDir/stand-in/`: what the bundle is made with. */
export function standInFontsCss(weights: number[], cacheDir: string): string {
  const dir = path.join(cacheDir, 'stand-in');
  const css = path.join(dir, 'fonts.css');
  const text = fontFaceCss(weights, 'woff');
  if (existsSync(css) && readFileSync(css, 'utf8') === text && weights.every((w) => existsSync(path.join(dir, FONT_FACE_FILE(w))))) return css;
  mkdirSync(dir, { recursive: true });
  for (const weight of weights) writeFileAtomic(path.join(dir, FONT_FACE_FILE(weight)), standInFont(weight));
  writeFileAtomic(css, text);
  return css;
}

/** The cut's font file of each weight, beside the cut's fonts.css. */
const cutFile = (fontsCss: string, weight: number) => path.join(path.dirname(fontsCss), FONT_FACE_FILE(weight));

/** A short name for bytes, as Vite names assets by their content. */
const contentHash = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('base64url').slice(0, 8);

/**
 * The HTML deck in `dir`: each stand-in font file in assets/ replaced by the deck's cut (named by
 * the cut's key), and the style sheets that name them renamed by their new content too, so that a
 * browser never keeps an older sheet naming fonts that are gone.
 */
export function swapFontFiles(dir: string, weights: number[], fontsCss: string): void {
  const assets = path.join(dir, 'assets');
  const names = readdirSync(assets);
  const renamed = new Map<string, string>();
  const fonts = new Map(names.filter((name) => name.endsWith('.woff')).map((name) => [name, readFileSync(path.join(assets, name))]));
  for (const weight of weights) {
    const standIn = standInFont(weight);
    const old = [...fonts].find(([, bytes]) => bytes.equals(standIn))?.[0];
    if (!old) throw new Error(`the bundle in ${dir} holds no stand-in font of weight ${weight}`);
    // Named by the cut's own key (its folder in the font cache: the characters and weights it holds).
    const name = old.replace(/-[\w-]{8}\.woff$/, '') + `-${path.basename(path.dirname(fontsCss)).slice(0, 8)}.woff`;
    rmSync(path.join(assets, old));
    copyFileSync(cutFile(fontsCss, weight), path.join(assets, name));
    renamed.set(old, name);
  }
  const replaceAll = (text: string, names: Map<string, string>) => [...names].reduce((t, [from, to]) => t.split(from).join(to), text);
  const sheets = new Map<string, string>();
  for (const name of names.filter((n) => n.endsWith('.css'))) {
    const text = replaceAll(readFileSync(path.join(assets, name), 'utf8'), renamed);
    const sheet = name.replace(/-[\w-]{8}\.css$/, '') + `-${contentHash(text)}.css`;
    writeFileSync(path.join(assets, name), text);
    if (sheet !== name) {
      renameSync(path.join(assets, name), path.join(assets, sheet));
      sheets.set(name, sheet);
    }
  }
  // The page and the scripts that name a renamed sheet.
  for (const file of [path.join(dir, 'index.html'), ...names.filter((n) => n.endsWith('.js')).map((n) => path.join(assets, n))]) {
    if (!existsSync(file) || sheets.size === 0) continue;
    const text = readFileSync(file, 'utf8');
    const swapped = replaceAll(text, sheets);
    if (swapped !== text) writeFileSync(file, swapped);
  }
}

/** The one-file deck's text: each stand-in's data: URL replaced by the deck's cut. */
export function swapFontData(html: string, weights: number[], fontsCss: string): string {
  let out = html;
  for (const weight of weights) {
    const standIn = standInFont(weight).toString('base64');
    const at = out.indexOf(standIn);
    if (at < 0) throw new Error(`the one-file bundle holds no stand-in font of weight ${weight}`);
    out = out.slice(0, at) + readFileSync(cutFile(fontsCss, weight)).toString('base64') + out.slice(at + standIn.length);
  }
  return out;
}
