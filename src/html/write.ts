// The HTML writer: the deck as a web page (dist/<deck>/index.html, its images beside it) and as one
// file that holds everything (<deck>.html). Vite bundles briefdeck's page once per set of files
// (bundle-cache.ts) with stand-in fonts, which the deck's cut of the font replaces (font-swap.ts);
// the deck is filled into the bundled page's placeholders (vite-plugin.ts fillShell).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InlineConfig } from 'vite';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { BUNDLE_CACHE_DIR, FONT_CACHE_DIR, PACKAGE_ROOT } from '../core/paths.ts';
import { toolFiles } from '../core/stamps.ts';
import type { CompiledDeck } from '../model/deck.ts';
import { bundleKey, restoreBundle, storeBundle } from './bundle-cache.ts';
import { deckFonts } from './fonts.ts';
import { standInFontsCss, swapFontData, swapFontFiles } from './font-swap.ts';
import { loadTheme } from '../model/theme.ts';
import { viteConfig, type ViteOptions } from './vite-config.ts';
import { fillShell } from './vite-plugin.ts';

/** Each compiled deck's font cut, made once for both of its pages. */
const cuts = new WeakMap<CompiledDeck, Promise<string>>();
const fontsOf = (deck: CompiledDeck) => {
  if (!cuts.has(deck)) {
    const cut = deckFonts(deck);
    // Awaited after the bundle: a bundle that fails first leaves this failure to no one.
    cut.catch(() => {});
    cuts.set(deck, cut);
  }
  return cuts.get(deck)!;
};

const config = (source: DeckSource, deck: CompiledDeck, fontsCss: string, outDir: string, shell: ViteOptions['shell']) => viteConfig({ deck: source, compiled: deck, fontsCss, outDir, shell });

/** The font weights the deck's page uses (its theme's), and the stand-in fonts.css the bundle is made with (font-swap.ts). */
const standIns = () => {
  const { weights } = loadTheme().font;
  return { weights, css: standInFontsCss(weights, FONT_CACHE_DIR) };
};

/** `dir/index.html`: the deck's page, its images (the memo's and the logo) as files beside it. */
export async function writeHtml(source: DeckSource, deck: CompiledDeck, dir: string): Promise<void> {
  const standIn = standIns();
  // The font is cut while the page is bundled (or taken from the cache).
  const cut = fontsOf(deck);
  await bundle(`bundling ${deck.name}`, bundleKey('page', PACKAGE_ROOT, standIn.css), dir, (shell) => viteBuild(config(source, deck, standIn.css, dir, shell)));
  log.debug(`${deck.name}: page bundled`);
  swapFontFiles(dir, standIn.weights, await cut);
  fillInto(path.join(dir, 'index.html'), deck, true);
  for (const image of deck.images) {
    const target = path.join(dir, ...image.name.split('/').map(decodeURIComponent));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(image.data.slice(image.data.indexOf(',') + 1), 'base64'));
  }
}

/** `dir/<deck>.html`: the one-file deck, every script, style, font and image inlined. */
export async function writeOneFile(source: DeckSource, deck: CompiledDeck, dir: string): Promise<void> {
  const standIn = standIns();
  const cut = fontsOf(deck);
  const oneFile = path.join(dir, '.one-file');
  await bundle(`bundling ${deck.name} as one file`, bundleKey('one-file', PACKAGE_ROOT, standIn.css), oneFile, (shell) => buildOneFile(config(source, deck, standIn.css, oneFile, shell)));
  const shell = swapFontData(readFileSync(path.join(oneFile, 'index.html'), 'utf8'), standIn.weights, await cut);
  rmSync(oneFile, { recursive: true, force: true });
  writeFileAtomic(path.join(dir, `${deck.name}.html`), fillShell(shell, deck));
}

/**
 * Bundles into `outDir` with Vite, or reuses the bundle made from the same files (see
 * bundle-cache.ts). Either way `outDir` then holds the page with the deck's placeholders.
 */
async function bundle(what: string, key: string, outDir: string, viteBuild: (shell: ViteOptions['shell']) => Promise<unknown>): Promise<void> {
  if (restoreBundle(BUNDLE_CACHE_DIR, key, outDir)) {
    log.info(`${what}: unchanged, reused`);
    return;
  }
  log.info(what);
  const inputs: string[] = [];
  try {
    await viteBuild({ inputs: (files) => inputs.push(...files.map((file) => file.split('?')[0]!)) });
  } catch (error) {
    throw new BriefdeckError(`${what} failed: ${bundlerMessage(error, outDir)}`);
  }
  // Besides what the bundle was made of: briefdeck itself, its templates and its packages.
  const own = toolFiles();
  try {
    storeBundle(BUNDLE_CACHE_DIR, key, outDir, [...inputs, ...own]);
  } catch (error) {
    // A cache that cannot be written costs the next build time, not this one its result.
    log.warn(`could not keep the bundle in ${BUNDLE_CACHE_DIR}: ${(error as Error).message}`);
  }
  log.debug(`${what}: done`);
}

/** The bundler's error in a line or two: what the user can act on, not Rust's backtrace. */
function bundlerMessage(error: unknown, outDir: string): string {
  const message = String((error as Error)?.message ?? error);
  const os: Array<[RegExp, string]> = [
    [/No space left on device|os error 28/i, 'no space left on the device (ENOSPC)'],
    [/Read-only file system|os error 30/i, 'the file system is read-only (EROFS)'],
    [/Permission denied|os error 13/i, 'permission denied (EACCES)'],
  ];
  const shown = path.basename(outDir).startsWith('.') ? path.dirname(outDir) : outDir;
  for (const [pattern, why] of os) if (pattern.test(message)) return `cannot write ${path.relative(process.cwd(), shown) || shown}: ${why}`;
  return message.split(/\n\s*Stack backtrace:/)[0]!.split('\n').filter((l) => !/please report this problem/.test(l)).slice(0, 6).join('\n');
}

/** Writes the deck into the page at `file` in place of its placeholders. */
function fillInto(file: string, deck: CompiledDeck, linked = false): void {
  writeFileAtomic(file, fillShell(readFileSync(file, 'utf8'), deck, linked));
}

async function viteBuild(config: InlineConfig): Promise<void> {
  const vite = await import('vite');
  await vite.build(config);
}

/**
 * The one-file deck: the same build with every script, style, font and image inlined
 * (vite-plugin-singlefile, assets as data: URLs), as `index.html` of its own folder.
 */
async function buildOneFile(config: InlineConfig): Promise<void> {
  const { viteSingleFile } = await import('vite-plugin-singlefile');
  await viteBuild({
    ...config,
    plugins: [...(config.plugins ?? []), viteSingleFile({ removeViteModuleLoader: true })],
    build: { ...config.build, assetsInlineLimit: () => true, cssCodeSplit: false },
  });
}

