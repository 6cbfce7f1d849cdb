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
import { contrastRatio, deckTheme, loadStrings, type Theme } from '../model/theme.ts';
import type { Look } from '../config/deck-config.ts';
import { diagnostic } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { confinedFile } from '../core/confine.ts';
import path from 'node:path';
import type { Block, Diagnostic, DiagramSpec, Furniture, Inline, Memo, Slide, SourceRef } from '../model/types.ts';
import { walkInlines } from '../model/content.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { resolveLimits, type Limits } from '../model/limits.ts';
import { lostSentences } from '../model/fidelity.ts';

export { DECK_CONFIG_FILE, readDeckConfig, type DeckConfig } from '../config/deck-config.ts';

export interface CompiledDeck {
  name: string;
  memo: Memo;
  /** The memo source as read, and the limits the deck is held to. */
  source: string;
  limits: Limits;
  slides: Slide[];
  /** The `<section>` elements of the deck, its images inlined (the one-file deck, dev). */
  html: string;
  /** The same, its images linked to files beside the page (`images/…`: dist/<deck>/index.html). */
  linkedHtml: string;
  /** The memo's images: the file, and its path in the built deck's folder. */
  images: Array<{ file: string; name: string }>;
  warnings: Diagnostic[];
  /** The deck's theme (its colours with the brand's accent) and look (brand, duration). */
  theme: Theme;
  look: Look;
  /** Problems of the look that `check` reports as errors (an accent that fails WCAG AA), at the configuration's line. */
  lookProblems: Diagnostic[];
  /** The rendered SVG of a planned diagram, and the brand's footer and logo: what other renderers of the plan draw too. */
  svg(spec: DiagramSpec): string;
  furniture: Furniture;
}

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

/** Reads, parses, plans, renders diagrams and slides. Throws a BriefdeckError on bad input. */
export async function compileDeck(deck: DeckSource, renderer: DiagramRenderer, fitter?: SlideFitter): Promise<CompiledDeck> {
  const diagnostics: Diagnostic[] = [];
  // memo.md itself a link to a file outside the deck's folder: its text would be published.
  const memoAt = confinedFile(deck.memoFile, deck.dir);
  if ('problem' in memoAt && memoAt.problem === 'outside') {
    diagnostics.push(diagnostic({ file: deck.memoFile, line: 1 }, 'memo-outside', `memo.md is a link to a file outside the deck's folder (${memoAt.real})`, 'keep memo.md itself in the deck folder'));
    throwIfErrors(diagnostics);
  }
  const source = readTextFile(deck.memoFile, diagnostics, 'memo') ?? '';
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
  const theme = deckTheme(config.look.theme, config.look.accent?.value);
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
  const furniture = { ...(config.look.footer ? { footer: config.look.footer } : {}), ...(logo ? { logo } : {}) };
  const context: RenderContext = { svg: (spec: DiagramSpec) => svgs.get(codes.get(spec) ?? '') ?? '', furniture };
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
  const html = renderSlides(slides, { ...context, asset: (src) => asset(src, 'data') });
  const linkedHtml = renderSlides(slides, { ...context, asset: (src) => asset(src, 'name') });
  throwIfErrors([...unlisted].map((src) => diagnostic({ file: memo.file, line: memo.images?.find((i) => i.src === src)?.line ?? 1 }, 'image-unlisted', `the image "${src}" was not found where the memo was read: it is left out rather than drawn from where it lies`, 'a bug in briefdeck: please report it with the memo line')));
  log.debug(`${deck.name}: rendered`);
  const lookProblems = accentProblems(config.look, theme, limits);
  return { name: deck.name, memo, slides, limits, source, html, linkedHtml, images: [...images.values()].map(({ file, name }) => ({ file, name })), theme, look: config.look, lookProblems, svg: context.svg, furniture, warnings: [...diagnostics.filter((d) => d.severity === 'warning'), ...lookProblems.map((d) => ({ ...d, severity: 'warning' as const }))] };
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
    } else {
      const bytes = readFileSync(real.file);
      // Judged by its bytes, read with bounds: a picture no output could show is refused here.
      const broken = pictureProblem(bytes);
      if (broken) {
        diagnostics.push(diagnostic(at, 'picture-broken', `the image "${src}" cannot be shown: ${broken}`, 'save the picture again (PNG, JPEG, GIF, WebP or SVG) under that name'));
        continue;
      }
      const type = IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      images.set(src, { file: real.file, name: `images/${name.split(path.sep).map(encodeURIComponent).join('/')}`, data: `data:${type};base64,${bytes.toString('base64')}` });
    }
  }
  return images;
}

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

/** The brand's logo as a data: URL (it goes into every output whole); a missing file is an error at its line. */
function readLogo(logo: NonNullable<Look['logo']>, diagnostics: Diagnostic[]): { src: string; alt: string } | undefined {
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
  const bytes = readFileSync(real.file);
  const type = pictureType(bytes);
  if (!type) {
    diagnostics.push(diagnostic(logo.at, 'logo-broken', `the logo ${path.basename(logo.file)} is not a picture: its bytes are none of PNG, JPEG, GIF, WebP or SVG`, 'save the logo again as PNG or SVG, and name that file'));
    return undefined;
  }
  const broken = pictureProblem(bytes);
  if (broken) {
    diagnostics.push(diagnostic(logo.at, 'logo-broken', `the logo ${path.basename(logo.file)} cannot be shown: ${broken}`, 'save the logo again as PNG or SVG, and name that file'));
    return undefined;
  }
  return { src: `data:${type};base64,${bytes.toString('base64')}`, alt: path.basename(logo.file, path.extname(logo.file)) };
}

/** A PNG whose pixels would take more than this is judged by its chunks alone, not inflated. */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * Why a picture's bytes cannot be drawn, or undefined. Its type is read from its bytes; a PNG is
 * read chunk by chunk, every length checked against the file, and its image data inflated: one
 * cut short (a header and no data) or corrupt is caught here, at the line that names it, not as a
 * broken picture in the deck, its PDFs and its PowerPoint file. (Other types: the browser that
 * draws them for the PowerPoint file says when it cannot.)
 */
export function pictureProblem(bytes: Buffer): string | undefined {
  const type = pictureType(bytes);
  if (!type) return 'its bytes are none of PNG, JPEG, GIF, WebP or SVG';
  if (type !== 'image/png') return undefined;
  let header: { width: number; height: number; depth: number; color: number; interlaced: boolean } | undefined;
  const data: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) return `the PNG is cut short at byte ${bytes.length} (it holds ${header ? (data.length ? 'part of its image data' : 'no image data') : 'no header'})`;
    const length = bytes.readUInt32BE(at);
    const name = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return `the PNG is cut short: its ${name} chunk runs past the end of the file`;
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (!header && name !== 'IHDR') return 'the PNG has no header (IHDR) where it should start';
    if (name === 'IHDR') {
      if (length !== 13) return 'the PNG header (IHDR) is malformed';
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, color: body[9]!, interlaced: body[12] === 1 };
    } else if (name === 'IDAT') data.push(body);
    else if (name === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!header || header.width === 0 || header.height === 0) return 'the PNG has no size';
  if (!data.length) return 'the PNG holds no image data';
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.color];
  if (!channels) return `the PNG's colour type ${header.color} is not one PNG defines`;
  const rows = header.height * (1 + Math.ceil((header.width * channels * header.depth) / 8));
  if (rows > MAX_INFLATED_BYTES) return undefined;
  try {
    // The image data must inflate whole (no more than the picture needs: no bomb is inflated).
    const raw = inflateSync(Buffer.concat(data), { maxOutputLength: rows + 1 });
    if (!header.interlaced && raw.length < rows) return `the PNG's image data is cut short (${raw.length} of ${rows} bytes)`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    return `the PNG's image data cannot be read (${(error as Error).message})`;
  }
  return undefined;
}

/** A picture's type by its bytes, not its name (a logo.png may be anything): undefined if none a browser draws. */
function pictureType(bytes: Buffer): string | undefined {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (/<svg[\s>]/u.test(bytes.subarray(0, 4096).toString('utf8'))) return 'image/svg+xml';
  return undefined;
}

/** A brand accent is drawn as text on the theme's background (kickers, numbers, links): it must pass WCAG AA. */
function accentProblems(look: Look, theme: Theme, limits: Limits): Diagnostic[] {
  if (!look.accent) return [];
  const ratio = contrastRatio(look.accent.value, theme.color.background);
  if (ratio >= limits.minContrast) return [];
  return [diagnostic(look.accent.at, 'accent-contrast', `the brand accent ${look.accent.value} has a contrast of ${ratio.toFixed(2)}:1 against the ${look.theme} theme's background ${theme.color.background}, under WCAG AA ${limits.minContrast}:1`, 'choose a darker accent for the light theme, a lighter one for the dark and contrast themes')];
}
