// The I/O edge of the pipeline: a deck folder on disk → compiled slides HTML.
import type { DiagramRenderer } from '../diagrams/render.ts';
import { mermaidSource } from '../diagrams/mermaid.ts';
import { throwIfErrors } from '../core/errors.ts';
import { readDeckConfig } from '../config/deck-config.ts';
import { readTextFile } from '../core/files.ts';
import { parseMemo } from '../parse/parse.ts';
import { planDeck } from '../plan/plan.ts';
import type { SlideFitter } from '../render/fit.ts';
import { renderSlides, type RenderContext } from '../render/render.ts';
import { undrawableHeadings } from '../render/glyphs.ts';
import type { AssetRef } from '../render/inline.ts';
import { contrastRatio, deckTheme, loadStrings, type Theme, type ThemeName } from '../model/theme.ts';
import type { CompiledDeck, Look } from '../model/deck.ts';
import { diagnostic } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { confinedFile } from '../core/confine.ts';
import path from 'node:path';
import { MAX_SVG_SHAPES, svgShapes } from '../core/svg-cost.ts';
import { pictureProblem, pictureType, pixelSize } from '../core/pictures.ts';
import type { Block, Diagnostic, DiagramSpec, Furniture, Inline, Memo, Slide, SourceRef } from '../model/types.ts';
import { walkInlines } from '../model/content.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { defaultLimits, resolveLimits, type Limits } from '../model/limits.ts';
import { lostSentences } from '../model/fidelity.ts';

export { DECK_CONFIG_FILE, readDeckConfig, type DeckConfig } from '../config/deck-config.ts';
export type { CompiledDeck } from '../model/deck.ts';


/** Each slide's body text as large as fits its room (measured in Chromium), into the plan. */
async function fitSlides(slides: Slide[], context: RenderContext, fitter: SlideFitter, theme: Theme, limits: Limits): Promise<Slide[]> {
  const requests = slides.flatMap((slide) => {
    // A title or closing slide that holds nothing but its title: the title is the slide.
    const alone = (slide.kind === 'title' || slide.kind === 'closing') && !slide.kicker && !slide.subtitle && !slide.byline.length && !slide.items.length;
    const max = (alone ? theme.fit.titleAlone : undefined) ?? theme.fit[slide.layout];
    return max ? [{ id: slide.id, html: renderSlides([slide], context), max }] : [];
  });
  const sizes = await fitter.fit(requests, limits.minFontPx);
  const cover = (s: Slide) => s.kind === 'title' || s.kind === 'closing';
  return slides.map((slide) => (sizes.has(slide.id) ? { ...slide, [cover(slide) ? 'titlePx' : 'bodyPx']: sizes.get(slide.id)! } : slide));
}

/**
 * Reads, parses, plans, renders diagrams and slides. Throws a BriefdeckError on bad input.
 * `text`: the memo as an editor holds it, unsaved (the studio), in place of memo.md's.
 */
export async function compileDeck(deck: DeckSource, renderer: DiagramRenderer, fitter?: SlideFitter, text?: string): Promise<CompiledDeck> {
  const diagnostics: Diagnostic[] = [];
  // memo.md itself a link to a file outside the deck's folder: its text would be published.
  const memoAt = confinedFile(deck.memoFile, deck.dir);
  if ('problem' in memoAt && memoAt.problem === 'outside') {
    diagnostics.push(diagnostic({ file: deck.memoFile, line: 1 }, 'memo-outside', `memo.md is a link to a file outside the deck's folder (${memoAt.real})`, 'keep memo.md itself in the deck folder'));
    throwIfErrors(diagnostics);
  }
  const source = text ?? readTextFile(deck.memoFile, diagnostics, 'memo') ?? '';
  const config = readDeckConfig(deck, diagnostics);
  throwIfErrors(diagnostics);
  log.debug(`${deck.name}: read`);
  const parsed = parseMemo(source, deck.memoFile);
  log.debug(`${deck.name}: parsed`);
  diagnostics.push(...parsed.diagnostics);
  throwIfErrors(diagnostics);
  const memo = { ...parsed.memo!, meta: { ...parsed.memo!.meta, ...config.meta } };
  // A heading of emoji that no font here has prints blank: said at its line.
  diagnostics.push(...undrawableHeadings(memo));
  // The brand's accent, else the organisation's PowerPoint template's (its theme's accent1) where it reads on the theme's background.
  const accent = config.look.accent?.value ?? (config.look.pptx?.template ? await templateAccent(config.look.pptx.template, config.look.theme) : undefined);
  const theme = deckTheme(config.look.theme, accent);
  const logo = config.look.logo ? readLogo(config.look.logo, diagnostics) : undefined;
  const images = memoImages(memo, deck.dir, diagnostics);
  throwIfErrors(diagnostics);
  const limits = resolveLimits(theme, config.limits);
  const planned = planDeck(memo, { theme, strings: loadStrings(memo.meta.language), labelFor: config.labelFor, limits });
  log.debug(`${deck.name}: planned`);
  // The build's own fidelity count, before anything is written: no sentence may be lost.
  throwIfErrors(lostSentences(memo, planned));
  log.debug(`${deck.name}: counted`);
  const specs = planned.flatMap((s) => (s.diagram ? [s.diagram] : []));
  const codes = new Map(specs.map((spec) => [spec, mermaidSource(spec.diagram, theme, memo.meta.language)]));
  const jobs = specs.map((spec) => ({ code: codes.get(spec)!, source: spec.source, theme, ...(spec.diagram.type === 'mermaid' ? { codeLine: spec.diagram.codeLine } : {}) }));
  const { svgs, diagnostics: diagramProblems } = await renderer.renderAll(jobs);
  throwIfErrors(diagramProblems);
  log.debug(`${deck.name}: diagrams drawn`);
  const furniture = { ...(config.look.footer ? { footer: config.look.footer } : {}), ...(logo ? { logo: { src: logo.data, alt: logo.alt } } : {}) };
  // The logo, on every slide, and a memo image shown more than once: one copy each, named by a
  // class (in the pages that fit the text too, where the logo takes no room: it has its own band).
  const shared = sharedPictures(logo, images, planned);
  const context: RenderContext = { svg: (spec: DiagramSpec) => svgs.get(codes.get(spec) ?? '') ?? '', furniture, ...(logo ? { logo: shared.logo! } : {}) };
  const slides = fitter ? await fitSlides(planned, context, fitter, theme, limits) : planned;
  log.debug(`${deck.name}: fitted`);
  // Every image the slides draw must be one the memo's list confined and copied: one that is not
  // would point outside the deck (or at nothing), so it is refused, never drawn from where it lies.
  const unlisted = new Set<string>();
  const asset = (src: string, as: 'data' | 'name') => {
    const image = images.get(src);
    if (image) return image[as];
    if (/^data:image\//i.test(src)) return src;
    unlisted.add(src);
    return '';
  };
  const html = renderSlides(slides, { ...context, asset: (src) => shared.bySrc.get(src) ?? asset(src, 'data'), notesAsset: (src) => asset(src, 'data') });
  const linkedHtml = renderSlides(slides, { ...context, ...(logo ? { logo: logo.name } : {}), asset: (src) => asset(src, 'name') });
  throwIfErrors([...unlisted].map((src) => diagnostic({ file: memo.file, line: memo.images?.find((i) => i.src === src)?.line ?? 1 }, 'image-unlisted', `the image "${src}" was not found where the memo was read: it is left out rather than drawn from where it lies`, 'a bug in briefdeck: please report it with the memo line')));
  log.debug(`${deck.name}: rendered`);
  const lookProblems = accentProblems(config.look, theme, limits);
  // The bytes read when they were checked, never the file again (a file swapped for a link since would lead out).
  const files: CompiledDeck['images'] = [...images].map(([src, { name, data }]) => ({ src, name, data }));
  if (logo) files.push({ name: logo.name, data: logo.data });
  return { name: deck.name, memo, slides, limits, source, html, assetCss: shared.css, linkedHtml, images: files, theme, look: config.look, lookProblems, svg: context.svg, furniture, warnings: [...diagnostics.filter((d) => d.severity === 'warning'), ...lookProblems.map((d) => ({ ...d, severity: 'warning' as const }))] };
}

/**
 * The pictures the one-file deck holds once and shows by class (`<img class="bd-asset-…">`, the
 * picture the `content` of one rule in one `<style>`): the logo, and a memo image shown on more
 * than one slide or in notes too. A class rule, not an `<img>` per use: Chromium draws and prints
 * an element's `content: url(…)` as the element itself (not as a background, which printing may
 * leave out), and Reveal's speaker view loads the same page in its frames, style and all.
 */
function sharedPictures(logo: LogoFile | undefined, images: Map<string, { data: string }>, slides: Slide[]): { logo?: AssetRef; bySrc: Map<string, AssetRef>; css: string } {
  const uses = new Map<string, number>();
  // Every image of the plan: the slide's own, and any in its text runs (titles, entries, tables, notes).
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as { type?: unknown; src?: unknown };
      if (node.type === 'image' && typeof node.src === 'string') uses.set(node.src, (uses.get(node.src) ?? 0) + 1);
      Object.values(value).forEach(visit);
    }
  };
  for (const slide of slides) {
    if (slide.image) uses.set(slide.image.src, (uses.get(slide.image.src) ?? 0) + 1);
    visit({ ...slide, image: undefined, diagram: undefined });
  }
  // One class per picture, by its bytes: two names of one file are one picture.
  const classes = new Map<string, string>();
  const rules: string[] = [];
  const classOf = (data: string): AssetRef => {
    const digest = createHash('sha256').update(data).digest('hex').slice(0, 12);
    if (!classes.has(digest)) {
      classes.set(digest, `bd-asset-${digest}`);
      rules.push(`.reveal img.bd-asset-${digest}{content:url("${data}")}`);
    }
    return { className: classes.get(digest)! };
  };
  const out: { logo?: AssetRef; bySrc: Map<string, AssetRef> } = { bySrc: new Map() };
  if (logo) out.logo = classOf(logo.data);
  for (const [src, image] of images) if ((uses.get(src) ?? 0) > 1) out.bySrc.set(src, classOf(image.data));
  return { ...out, css: rules.join('\n') };
}

/**
 * The memo's images (on a line of their own, or in its text), by `src` as written: files in the
 * deck's folder. One that is not there, or lies outside the folder, is an error at its line.
 */
function memoImages(memo: Memo, dir: string, diagnostics: Diagnostic[]): Map<string, { file: string; name: string; data: string }> {
  // The parser's list holds every image, wherever it stands (table cells, headings, notes…);
  // a memo made otherwise is walked for its text and image blocks.
  const found: Array<{ src: string; at: SourceRef }> = memo.images?.map(({ src, line }) => ({ src, at: { file: memo.file, line } })) ?? [];
  const inText = (inlines: Inline[], at: SourceRef) => walkInlines(inlines, (i) => i.type === 'image' && found.push({ src: i.src, at }));
  const visit = (blocks: Block[]): void => {
    for (const block of blocks) {
      if (block.type === 'image') found.push({ src: block.src, at: block });
      else if (block.type === 'text') {
        for (const s of block.sentences) inText(s.content, block);
        visit(block.children);
      }
    }
  };
  if (!memo.images) {
    for (const section of memo.sections) [section.blocks, ...section.parts.map((p) => p.blocks)].forEach(visit);
    for (const note of memo.footnotes) for (const s of note.sentences) inText(s.content, note);
  }
  const images = new Map<string, { file: string; name: string; data: string }>();
  for (const { src, at } of found) {
    if (images.has(src) || /^data:image\//i.test(src)) continue;
    let decoded: string;
    try {
      decoded = decodeURI(src);
    } catch {
      diagnostics.push(diagnostic(at, 'image-path-unreadable', `the image path "${src}" cannot be read: a % in it starts no valid escape (%41 is "A")`, 'write the file name as it is, or %25 for a % sign'));
      continue;
    }
    const file = path.resolve(dir, decoded);
    const name = path.relative(dir, file);
    // Where the file really is, its symlinks (or a symlinked folder on its way) followed.
    const real = name.startsWith('..') || path.isAbsolute(name) ? { problem: 'outside' as const } : confinedFile(file, dir);
    if ('problem' in real && real.problem === 'outside') {
      const link = real.real ? ` (it is a link to ${real.real})` : '';
      diagnostics.push(diagnostic(at, 'image-outside', `the image "${src}" is outside the deck's folder${link}`, 'keep images beside memo.md, as files rather than links to elsewhere'));
    } else if ('problem' in real) {
      diagnostics.push(diagnostic(at, 'image-missing', `the image "${src}" is not there (looked for ${file})`, 'save the image beside memo.md under that name'));
    } else if (!pictureTooLarge(real.file, `the image "${src}"`, at, diagnostics)) {
      const bytes = readFileSync(real.file);
      if (tooManyPixels(bytes, `the image "${src}"`, at, diagnostics)) continue;
      // Judged by its bytes, read with bounds: a picture no output could show is refused here.
      const broken = pictureProblem(bytes);
      if (broken) {
        diagnostics.push(diagnostic(at, 'picture-broken', `the image "${src}" cannot be shown: ${broken}`, 'save the picture again (PNG, JPEG, GIF, WebP or SVG) under that name'));
        continue;
      }
      const type = IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (type === 'image/svg+xml' && tooManyShapes(bytes, `the image "${src}"`, at, diagnostics)) continue;
      images.set(src, { file: real.file, name: `images/${name.split(path.sep).map(encodeURIComponent).join('/')}`, data: `data:${type};base64,${bytes.toString('base64')}` });
    }
  }
  return images;
}

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

/**
 * The accent colour (accent1) of the PowerPoint template deck.yaml names, when it has a contrast
 * of WCAG AA against the theme's background; undefined otherwise, and when the file cannot be read
 * (the PowerPoint writer reports that at its line).
 */
async function templateAccent(template: { file: string; at: SourceRef }, themeName: ThemeName): Promise<string | undefined> {
  // Only a file in the folder of the configuration that names it, as the PowerPoint writer takes it.
  const real = confinedFile(template.file, path.dirname(template.at.file));
  if ('problem' in real) return undefined;
  try {
    const { readTemplate, templateLook } = await import('../pptx/template-read.ts');
    // (Not its fonts: the deck fits its text with the font it bundles, which every laptop shows alike.)
    const accent = templateLook(await readTemplate(readFileSync(real.file), template.file)).accent.toLowerCase();
    const background = deckTheme(themeName).color.background;
    return accent && /^#[0-9a-f]{6}$/.test(accent) && contrastRatio(accent, background) >= defaultLimits(deckTheme(themeName)).minContrast ? accent : undefined;
  } catch {
    return undefined;
  }
}

/** The brand's logo: its file, its path in the built deck's folder, and a data: URL of it. */
interface LogoFile {
  file: string;
  name: string;
  data: string;
  alt: string;
}

const MB = 1024 * 1024;
/**
 * A logo is drawn 40 px high (80 pixels on a sharp screen): a file over 1 MB is mostly pixels no
 * one sees, and each output holds it once (a third more as base64 in the one-file deck): a warning.
 */
export const LOGO_WARN_BYTES = 1 * MB;
/**
 * A picture over 10 MB is refused: the one-file deck (13 MB of base64 for it alone) could no longer
 * go by e-mail, which most services cap at 20–25 MB, and the build holds it in memory several times
 * over (Chromium's page, the PDFs, the PowerPoint file).
 */
export const PICTURE_MAX_BYTES = 10 * MB;

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * A picture of more than 64 million pixels (8000 × 8000) is refused whatever its file's size: a
 * browser draws it from all its pixels, four bytes each (a 1 MB PNG of 20000 × 20000 would take
 * 1.6 GB to draw, and the PDFs would time out on it).
 */
export const PICTURE_MAX_PIXELS = 64_000_000;

/** A picture with more pixels than a browser should draw: an error at the line that names it. */
function tooManyPixels(bytes: Buffer, what: string, at: SourceRef, diagnostics: Diagnostic[]): boolean {
  const size = pixelSize(bytes);
  if (!size || size.width * size.height <= PICTURE_MAX_PIXELS) return false;
  const millions = (size.width * size.height) / 1e6;
  diagnostics.push(diagnostic(at, 'picture-too-large', `${what} is ${size.width} × ${size.height} pixels (${millions.toFixed(0)} million): too large to draw, over the limit of ${PICTURE_MAX_PIXELS / 1e6} million`, 'save it at the size it is shown: a slide is 1280 × 720, a logo 40 px high'));
  return true;
}

/** A picture file too large to use is an error at the line that names it; a logo over its size, a warning. */
function pictureTooLarge(file: string, what: string, at: SourceRef, diagnostics: Diagnostic[], warnAbove?: number): boolean {
  const size = statSync(file).size;
  if (size > PICTURE_MAX_BYTES) {
    diagnostics.push(diagnostic(at, 'picture-too-large', `${what} is ${megabytes(size)} (${size} bytes): too large to use, over the limit of ${megabytes(PICTURE_MAX_BYTES)}`, 'save it smaller: as a PNG or JPEG at the size it is shown (a logo 200 px high is plenty), or as an SVG'));
    return true;
  }
  if (warnAbove !== undefined && size > warnAbove) diagnostics.push(diagnostic(at, 'logo-large', `${what} is ${megabytes(size)}, over ${megabytes(warnAbove)}: it is drawn 40 px high, and every output holds it`, 'save it at the size it is shown (a PNG 200 px high is plenty), or as an SVG', 'warning'));
  return false;
}

/** The brand's logo (it goes into every output, once); a missing file is an error at its line. */
function readLogo(logo: NonNullable<Look['logo']>, diagnostics: Diagnostic[]): LogoFile | undefined {
  // It must lie in the folder of the configuration that names it, its symlinks followed.
  const config = path.basename(logo.at.file);
  const real = confinedFile(logo.file, path.dirname(logo.at.file));
  if ('problem' in real && real.problem === 'outside') {
    const link = path.relative(path.dirname(logo.at.file), logo.file).startsWith('..') || path.isAbsolute(path.relative(path.dirname(logo.at.file), logo.file)) ? '' : ` (it is a link to ${real.real})`;
    diagnostics.push(diagnostic(logo.at, 'logo-outside', `the logo ${path.basename(logo.file)} is outside the folder of ${config}${link}`, `put the logo file itself beside ${config} and name it there (logo: ${path.basename(logo.file)})`));
    return undefined;
  }
  if ('problem' in real) {
    diagnostics.push(diagnostic(logo.at, 'logo-missing', `the logo ${path.basename(logo.file)} is not there (looked for ${logo.file})`, 'put the file beside the configuration that names it'));
    return undefined;
  }
  if (pictureTooLarge(real.file, `the logo ${path.basename(logo.file)}`, logo.at, diagnostics, LOGO_WARN_BYTES)) return undefined;
  const bytes = readFileSync(real.file);
  // Its size in pixels first (its header says it, however much of it follows).
  if (tooManyPixels(bytes, `the logo ${path.basename(logo.file)}`, logo.at, diagnostics)) return undefined;
  const broken = pictureProblem(bytes);
  if (broken) {
    diagnostics.push(diagnostic(logo.at, 'logo-broken', `the logo ${path.basename(logo.file)} cannot be shown: ${broken}`, 'save the logo again as PNG or SVG, and name that file'));
    return undefined;
  }
  const type = pictureType(bytes)!;
  if (type === 'image/svg+xml' && tooManyShapes(bytes, `the logo ${path.basename(logo.file)}`, logo.at, diagnostics)) return undefined;
  // In the deck's folder under brand/, apart from the memo's images/ and the bundle's assets/.
  return { file: real.file, name: `brand/${encodeURIComponent(path.basename(logo.file))}`, data: `data:${type};base64,${bytes.toString('base64')}`, alt: path.basename(logo.file, path.extname(logo.file)) };
}

/** An SVG that draws more shapes than a browser finishes (svg-cost.ts) is an error where it is named. */
function tooManyShapes(bytes: Buffer, what: string, at: SourceRef, diagnostics: Diagnostic[]): boolean {
  const shapes = svgShapes(bytes.toString('utf8'));
  if (shapes <= MAX_SVG_SHAPES) return false;
  const count = shapes >= 1e9 ? `about 10^${Math.floor(Math.log10(shapes))}` : shapes.toLocaleString('en');
  diagnostics.push(diagnostic(at, 'svg-too-complex', `${what} draws ${count} shapes (its <use> elements copy shapes that copy shapes): more than the ${MAX_SVG_SHAPES.toLocaleString('en')} a browser draws in good time`, 'use a simpler SVG, or save the picture as PNG'));
  return true;
}

/** A brand accent is drawn as text on the theme's background (kickers, numbers, links): it must pass WCAG AA. */
function accentProblems(look: Look, theme: Theme, limits: Limits): Diagnostic[] {
  if (!look.accent) return [];
  const ratio = contrastRatio(look.accent.value, theme.color.background);
  if (ratio >= limits.minContrast) return [];
  return [diagnostic(look.accent.at, 'accent-contrast', `the brand accent ${look.accent.value} has a contrast of ${ratio.toFixed(2)}:1 against the ${look.theme} theme's background ${theme.color.background}, under WCAG AA ${limits.minContrast}:1`, 'choose a darker accent for the light theme, a lighter one for the dark and contrast themes')];
}
