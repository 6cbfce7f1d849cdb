// A compiled deck → dist/<deck>/<deck>.pptx: the I/O edge of the PowerPoint renderer. Pictures
// that PowerPoint should not get as SVG (the logo when it is one, a memo's own Mermaid diagram)
// are drawn to PNG in Chromium with the deck's font first; the file is written to a temporary
// name and renamed, so a failure leaves the previous one as it was.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import { buildFontCss, openBuildPage } from '../browser/build-page.ts';
import { confinedFile } from '../core/confine.ts';
import { escapeHtml, htmlToText, writeFileAtomic } from '../core/files.ts';
import { BriefdeckError, diagnostic, throwIfAborted } from '../core/errors.ts';
import type { Look } from '../model/deck.ts';
import { log } from '../core/log.ts';
import type { Diagnostic, DiagramSpec, Furniture, Memo, Slide, SourceRef } from '../model/types.ts';
import type { Theme } from '../model/theme.ts';
import { PICTURE_CACHE_DIR } from '../core/paths.ts';
import { pptxProblems } from './fidelity.ts';
import { PictureCache, PNG_SIGNATURE } from './picture-cache.ts';
import { readPptx } from './read.ts';
import type { DeckLook } from './model.ts';
import { presentationOf, type Frame } from './presentation.ts';
import { defaultTemplate } from './template-default.ts';
import { layoutFor, readTemplate } from './template-read.ts';
import type { LayoutRole, Template, TemplateLayout } from './template-types.ts';
import { writePresentation } from './write.ts';

/** What a PowerPoint file is made from: the planned slides and the deck's look (a compiled deck has them). */
export interface PptxSource {
  name: string;
  memo: Memo;
  slides: Slide[];
  theme: Theme;
  furniture: Furniture;
  /** The deck's look: where its logo was named (for an error at that line). */
  look?: Pick<Look, 'logo' | 'pptx'>;
  /** The rendered SVG of a diagram the PowerPoint shows as a picture (a memo's own Mermaid fence). */
  svg(spec: DiagramSpec): string;
  /** The memo's images by `src`, their bytes as the compile read and checked them (a data: URL). */
  images?: Array<{ src?: string; data: string }>;
}

interface Picture {
  src: string;
  width: number;
  height: number;
}

/** The size an SVG asks for (its width and height, else its viewBox), in px. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string) => Number.parseFloat(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1] ?? 'NaN');
  const box = /viewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/.exec(root);
  const width = attr('width') || Number(box?.[1]) || 300;
  const height = attr('height') || Number(box?.[2]) || 150;
  return { width, height };
}

/** A PNG's size from its header, read with bounds (the compile has refused one without a header). */
function pngSize(bytes: Buffer, what: string, at: SourceRef): { width: number; height: number } {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new BriefdeckError(`${what} is not a picture`, [diagnostic(at, 'picture-broken', `${what} is a PNG without its header`, 'save it again as a valid PNG')]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The PNG of each key: from the cache, and those it does not hold drawn by `draw` (all in one
 * page, only when one is missing) and kept.
 */
async function drawMissing(cache: PictureCache, keys: string[], draw: (missing: number[]) => Promise<Buffer[]>): Promise<Buffer[]> {
  const pngs = keys.map((key) => cache.get(key));
  const missing = pngs.flatMap((png, i) => (png ? [] : [i]));
  if (missing.length) {
    const drawn = await draw(missing);
    missing.forEach((i, n) => {
      pngs[i] = drawn[n]!;
      cache.set(keys[i]!, drawn[n]!);
    });
  }
  return pngs as Buffer[];
}

const pngDataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** SVGs drawn as PNG (twice their size), in Chromium with the deck's font. */
async function rasterize(browser: BrowserGateway, deck: PptxSource, svgs: string[], cache: PictureCache): Promise<Picture[]> {
  if (!svgs.length) return [];
  const sizes = svgs.map(svgSize);
  const { family, weights } = deck.theme.font;
  const keys = svgs.map((svg, i) => cache.key('svg', svg, sizes[i], family, weights, SCALE));
  const pngs = await drawMissing(cache, keys, (missing) => drawSvgs(browser, deck, missing.map((i) => ({ svg: svgs[i]!, ...sizes[i]! }))));
  return pngs.map((png, i) => ({ src: pngDataUrl(png), ...sizes[i]! }));
}

/** How much larger than their size pictures are drawn (a picture stays sharp on a large screen). */
const SCALE = 2;

/** SVG markup drawn in a build page, each at its size. */
async function drawSvgs(browser: BrowserGateway, deck: PptxSource, svgs: Array<{ svg: string; width: number; height: number }>): Promise<Buffer[]> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${buildFontCss(deck.theme.font.weights)} body{margin:0;background:transparent} div{display:block;line-height:0} div>svg{display:block}</style></head><body>${svgs
    .map(({ svg, width, height }, i) => `<div id="p${i}" style="width:${width}px;height:${height}px">${svg.replace(/<svg\b/, `<svg width="${width}" height="${height}"`)}</div>`)
    .join('')}</body></html>`;
  const page = await openBuildPage(browser, deck.theme, html);
  try {
    // Build pages open in the background, where Chromium paints nothing to take a picture of.
    await page.bringToFront();
    await page.setViewport({ width: deck.theme.slide.width, height: deck.theme.slide.height, deviceScaleFactor: SCALE });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const out: Buffer[] = [];
    for (const i of svgs.keys()) out.push(Buffer.from(await (await page.$(`#p${i}`))!.screenshot({ omitBackground: true, type: 'png' })));
    return out;
  } finally {
    await page.close().catch(() => {});
  }
}

/** How long pictures (the logo, the memo's images) may take to draw before the build gives up on them. */
export const PICTURE_TIME_LIMIT_MS = 20_000;

/** The time limit for drawing pictures: BRIEFDECK_PICTURE_TIMEOUT seconds, else PICTURE_TIME_LIMIT_MS. */
export function pictureTimeLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.BRIEFDECK_PICTURE_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : PICTURE_TIME_LIMIT_MS;
}

/** A picture from a file to draw as PNG: its data: URL, the size to draw it at, and where it was named. */
interface Drawable {
  src: string;
  width: number;
  height: number;
  what: string;
  at: SourceRef;
}

/**
 * Pictures from files drawn as PNG (twice their size) in Chromium: each as an `<img>` of its
 * data: URL, never its markup in the page, so an SVG's script never runs and it loads nothing.
 * One that does not draw, or not within the time limit, is an error at the line that names it.
 */
async function drawImages(browser: BrowserGateway, deck: PptxSource, all: Drawable[], cache: PictureCache): Promise<Picture[]> {
  if (!all.length) return [];
  const keys = all.map((p) => cache.key('image', p.src, p.width, p.height, SCALE));
  const pngs = await drawMissing(cache, keys, (missing) => drawPictures(browser, deck, missing.map((i) => all[i]!)));
  return pngs.map((png, i) => ({ src: pngDataUrl(png), width: all[i]!.width, height: all[i]!.height }));
}

/** Pictures drawn in a build page, within the time limit. */
async function drawPictures(browser: BrowserGateway, deck: PptxSource, pictures: Drawable[]): Promise<Buffer[]> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:transparent} img{display:block;object-fit:contain}</style></head><body>${pictures
    .map((p, i) => `<img id="p${i}" alt="" width="${p.width}" height="${p.height}" style="width:${p.width}px;height:${p.height}px" src="${escapeHtml(p.src)}">`)
    .join('')}</body></html>`;
  let timer: NodeJS.Timeout | undefined;
  let opened: Parameters<BrowserGateway['abandon']>[0] | undefined;
  const ms = pictureTimeLimitMs();
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Given up on: its page goes now (and where pages share one process, its browser with it).
      browser.abandon(opened);
      reject(new BriefdeckError(`drawing ${pictures.map((p) => p.what).join(', ')} for the PowerPoint file took longer than ${ms / 1000} s`, pictures.map((p) => diagnostic(p.at, 'picture-timeout', `${p.what} could not be drawn within ${ms / 1000} s`, 'use a simpler picture, or a PNG'))));
    }, ms);
  });
  const draw = async (): Promise<Buffer[]> => {
    const page = await openBuildPage(browser, deck.theme, html);
    opened = page;
    try {
      await page.bringToFront();
      await page.setViewport({ width: deck.theme.slide.width, height: deck.theme.slide.height, deviceScaleFactor: SCALE });
      const drawn = await page.evaluate(() =>
        Promise.all([...document.images].map((img) => img.decode().then(() => img.naturalWidth > 0 || img.naturalHeight > 0, () => false))),
      );
      const broken = pictures.filter((_, i) => !drawn[i]);
      if (broken.length) throw new BriefdeckError(`${broken.map((p) => p.what).join(', ')} could not be drawn`, broken.map((p) => diagnostic(p.at, 'picture-broken', `${p.what} is not a picture a browser can draw`, 'save it again as a valid SVG or PNG')));
      const out: Buffer[] = [];
      for (const i of pictures.keys()) out.push(Buffer.from(await (await page.$(`#p${i}`))!.screenshot({ omitBackground: true, type: 'png' })));
      return out;
    } finally {
      await page.close().catch(() => {});
    }
  };
  const drawing = draw();
  // Given up on at the time limit, its later end (or failure) is nobody's concern.
  drawing.catch(() => {});
  try {
    return await Promise.race([drawing, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The logo as a picture PowerPoint shows everywhere (PNG), with its size. */
async function logoPicture(browser: BrowserGateway, deck: PptxSource, cache: PictureCache): Promise<DeckLook['logo']> {
  const logo = deck.furniture.logo;
  if (!logo) return undefined;
  const [type, data] = logo.src.replace(/^data:/, '').split(';base64,') as [string, string];
  const bytes = Buffer.from(data, 'base64');
  const at = deck.look?.logo?.at ?? { file: deck.memo.file, line: 1 };
  if (type === 'image/png') return { ...logo, ...pngSize(bytes, `the logo ${logo.alt}`, at) };
  const [picture] = await drawImages(browser, deck, [{ src: logo.src, ...svgSize(bytes.toString('utf8')), what: `the logo ${deck.look?.logo ? path.basename(deck.look.logo.file) : logo.alt}`, at }], cache);
  return { src: picture!.src, alt: logo.alt, width: picture!.width, height: picture!.height };
}

/** The memo's images: a PNG as it is, anything else drawn to PNG in Chromium at its own size. */
async function memoImages(browser: BrowserGateway, deck: PptxSource, cache: PictureCache): Promise<Map<string, Picture>> {
  const sources = [...new Set(deck.slides.flatMap((s) => (s.image ? [s.image.src] : [])))];
  const dir = path.dirname(deck.memo.file);
  const pictures = new Map<string, Picture>();
  const others: Array<Drawable & { key: string }> = [];
  for (const src of sources) {
    const file = path.resolve(dir, src);
    const line = deck.slides.find((s) => s.image?.src === src)?.source.line ?? 1;
    // The bytes the compile checked (it refused what lies outside the deck); never the file again.
    const data = deck.images?.find((i) => i.src === src)?.data;
    if (!data) throw new BriefdeckError(`${path.basename(deck.memo.file)}:${line}: the image "${src}" was not read when the memo was compiled`);
    const bytes = Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) pictures.set(src, { src: `data:image/png;base64,${bytes.toString('base64')}`, ...pngSize(bytes, `the image "${src}"`, { file: deck.memo.file, line }) });
    else {
      // Any other picture, as an image of its own size, drawn like the logo.
      const type = file.toLowerCase().endsWith('.svg') ? 'image/svg+xml' : file.toLowerCase().match(/\.jpe?g$/) ? 'image/jpeg' : `image/${path.extname(file).slice(1).toLowerCase()}`;
      const size = type === 'image/svg+xml' ? svgSize(bytes.toString('utf8')) : { width: 1200, height: 800 };
      others.push({ key: src, src: `data:${type};base64,${bytes.toString('base64')}`, ...size, what: `the image "${src}"`, at: { file: deck.memo.file, line } });
    }
  }
  const drawn = await drawImages(browser, deck, others, cache);
  others.forEach((o, i) => pictures.set(o.key, drawn[i]!));
  return pictures;
}

/** The look of the deck for the presentation model, its pictures drawn (or found drawn in `cache`). */
export async function deckLook(deck: PptxSource, browser: BrowserGateway, template?: LoadedTemplate, cache = new PictureCache(PICTURE_CACHE_DIR)): Promise<DeckLook> {
  const fences = deck.slides.flatMap((s) => (s.diagram?.diagram.type === 'mermaid' ? [s.diagram] : []));
  const drawn = await rasterize(browser, deck, fences.map((spec) => deck.svg(spec)), cache);
  const pictures = new Map<DiagramSpec, Picture>(fences.map((spec, i) => [spec, drawn[i]!]));
  // On an organisation's template its own logo and footer stand (its master draws them); the brand's footer where it has none.
  const own = !template || template.own;
  const logo = own ? await logoPicture(browser, deck, cache) : undefined;
  const footer = own ? deck.furniture.footer : ((await templateFooter(template.template)) ?? deck.furniture.footer);
  const images = await memoImages(browser, deck, cache);
  const { meta } = deck.memo;
  return {
    theme: deck.theme,
    language: meta.language,
    title: meta.title,
    authors: meta.authors,
    ...(meta.series ? { series: meta.series } : {}),
    ...(footer ? { footer } : {}),
    ...(logo ? { logo } : {}),
    picture: (spec) => pictures.get(spec),
    image: (src) => images.get(src),
  };
}

/** A template, whether it is the deck's own, and its layout for each kind of slide. */
interface LoadedTemplate extends Frame {
  /** Where it was named, for messages. */
  at?: SourceRef;
}

/** The largest template file briefdeck reads (a corporate template with its pictures is a few MB). */
const TEMPLATE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The template the deck's PowerPoint file is made in: `--template` (a file anywhere), else
 * deck.yaml's or brand.yaml's `pptx.template` (a file in the folder of the configuration that
 * names it, as the logo), else briefdeck's own, built from the deck's theme.
 */
export async function loadTemplate(deck: PptxSource, templateFile?: string): Promise<LoadedTemplate> {
  const named = deck.look?.pptx?.template;
  const layouts = deck.look?.pptx?.layouts;
  // Layouts named with no template to take them from: said, not passed over.
  if (layouts && !named && !templateFile) {
    const at = Object.values(layouts.at)[0]!;
    const message = `${path.basename(at.file)} names layouts of a PowerPoint template (pptx.layouts), but no template is set`;
    throw new BriefdeckError(message, [diagnostic(at, 'template-layout', message, 'name the template beside them (pptx.template: corporate.potx), give it with --template, or remove pptx.layouts')], 1);
  }
  let template: Template;
  let at: SourceRef | undefined;
  if (templateFile || named) {
    const file = templateFile ? path.resolve(templateFile) : named!.file;
    at = templateFile ? undefined : named!.at;
    const shown = templateFile ?? path.basename(file);
    const fail = (code: string, message: string, hint: string): never => {
      throw new BriefdeckError(message, at ? [diagnostic(at, code, message, hint)] : [], 1, at ? undefined : hint);
    };
    if (!templateFile) {
      const real = confinedFile(file, path.dirname(at!.file));
      if ('problem' in real && real.problem === 'outside') fail('template-outside', `the template ${shown} is outside the folder of ${path.basename(at!.file)}`, `put the template itself beside ${path.basename(at!.file)} and name it there, or give it with --template`);
    }
    let bytes: Buffer | undefined;
    try {
      if (!statSync(file).isFile()) fail('template-missing', `the template ${shown} is not a file`, 'name a .pptx or .potx file');
      if (statSync(file).size > TEMPLATE_MAX_BYTES) fail('template-too-large', `the template ${shown} is ${Math.round(statSync(file).size / 1048576)} MB, over the limit of ${TEMPLATE_MAX_BYTES / 1048576} MB`, 'save it without its slides (as a .potx), or with smaller pictures');
      bytes = readFileSync(file);
    } catch (error) {
      if (error instanceof BriefdeckError) throw error;
      fail('template-missing', `the template ${shown} is not there (looked for ${file})`, 'name a .pptx or .potx file that exists');
    }
    try {
      template = await readTemplate(bytes!, file);
    } catch (error) {
      if (error instanceof BriefdeckError && at) throw new BriefdeckError(error.message, [diagnostic(at, 'template-broken', error.message, error.hint ?? 'save the template again from PowerPoint as .pptx or .potx')], 1);
      throw error;
    }
  } else template = await defaultTemplate(deck.theme, { language: deck.memo.meta.language });
  const own = !templateFile && !named;
  const chosen = new Map<LayoutRole, TemplateLayout>();
  const layout = (role: LayoutRole): TemplateLayout => {
    const cached = chosen.get(role);
    if (cached) return cached;
    let found: TemplateLayout;
    try {
      found = layoutFor(template, role, own ? undefined : layouts?.names);
      // A layout found by its name alone may have no title (a blank one named "Closing"): a slide
      // needs its title in a title placeholder, so it takes the layout content slides take.
      const titled = (l: TemplateLayout) => l.placeholders.some((p) => p.type === 'title' || p.type === 'ctrTitle');
      if (!titled(found) && !layouts?.names[role] && role !== 'content') {
        const content = layoutFor(template, 'content');
        if (titled(content)) found = content;
      }
    } catch (error) {
      if (error instanceof BriefdeckError && layouts) throw new BriefdeckError(error.message, [diagnostic(layouts.at[role] ?? Object.values(layouts.at)[0]!, 'template-layout', error.message, error.hint ?? 'name a layout the template has')], 1);
      throw error;
    }
    chosen.set(role, found);
    return found;
  };
  return { template, own, layout, ...(at ? { at } : {}) };
}

/** The footer text an organisation's template sets on its master or layouts, if any. */
async function templateFooter(template: Template): Promise<string | undefined> {
  const parts = [...new Set([...template.layouts.map((l) => l.master), ...template.layouts.map((l) => l.part)])];
  for (const part of parts) {
    const xml = (await template.zip.file(part)?.async('string')) ?? '';
    for (const sp of xml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)) {
      if (!/<p:ph\b[^>]*type="ftr"/.test(sp[1]!)) continue;
      const text = [...sp[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => htmlToText(m[1]!)).join('').trim();
      // A template's prompt for a footer ("Footer", "<footer>", "フッター") is none.
      if (text && !/^[<‹].*[>›]$|^(footer|フッター|pied de page|fußzeile)$/i.test(text)) return text;
    }
  }
  return undefined;
}

/** Writes the deck's PowerPoint file into `dir` and reads it back: what the memo says that the file does not. */
export async function checkPptx(deck: PptxSource, browser: BrowserGateway, dir: string): Promise<Diagnostic[]> {
  const warnings: Diagnostic[] = [];
  const file = await exportPptx(deck, browser, dir, { quiet: true, warnings });
  return [...pptxProblems(deck.memo, deck.slides, await readPptx(readFileSync(file)), `${deck.name}.pptx`), ...warnings];
}

export interface PptxOptions {
  quiet?: boolean;
  /** Where what the template cannot hold is reported (as warnings at the slide's line), instead of the log. */
  warnings?: Diagnostic[];
  /** A template file given on the command line (over deck.yaml's). */
  template?: string;
}

/** The deck's PowerPoint file, as bytes (nothing is written). */
export async function makePptx(deck: PptxSource, browser: BrowserGateway, options: PptxOptions = {}): Promise<Uint8Array> {
  if (!options.quiet) log.info(`writing ${deck.name}.pptx`);
  const frame = await loadTemplate(deck, options.template);
  const look = await deckLook(deck, browser, frame);
  log.debug(`${deck.name}.pptx: pictures drawn`);
  const model = presentationOf(deck.slides, look, frame);
  for (const w of model.warnings) {
    if (options.warnings) options.warnings.push(diagnostic(w.at, 'pptx-template-fit', `${deck.name}.pptx: ${w.message}`, 'shorten the text, or choose a layout with more room (deck.yaml pptx.layouts)', 'warning'));
    else log.warn(`${deck.name}.pptx: ${w.message}`);
  }
  return writePresentation(model, frame.template);
}

/** Writes `outDir/<deck>.pptx` (not when `signal` was aborted before it is put in place); returns its path. */
export async function exportPptx(deck: PptxSource, browser: BrowserGateway, outDir: string, options: PptxOptions & { signal?: AbortSignal } = {}): Promise<string> {
  const file = path.join(outDir, `${deck.name}.pptx`);
  const bytes = await makePptx(deck, browser, options);
  throwIfAborted(options.signal);
  writeFileAtomic(file, bytes);
  if (!options.quiet) log.info(`wrote ${deck.name}.pptx (${deck.slides.length} slides)`);
  return file;
}
