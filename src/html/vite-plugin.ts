// The only module that knows Vite: serves the deck's HTML, watches its source, sends updates.
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { CompiledDeck } from '../model/deck.ts';
import { deckFonts } from './fonts.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, describeSystemError, formatDiagnostic, isSystemError } from '../core/errors.ts';
import { escapeHtml } from '../core/files.ts';
import { log } from '../core/log.ts';
import { loadTheme, themeCssVariables } from '../model/theme.ts';
import { CLIENT_DIR } from '../core/paths.ts';
import { filesUnder, stamps } from '../core/stamps.ts';

const CLIENT_ID = '/@briefdeck/client';
const THEME_ID = 'virtual:briefdeck/theme.css';
const FONTS_ID = 'virtual:briefdeck/fonts.css';
const RESOLVED_THEME_ID = '\0briefdeck-theme.css';
const CLIENT_FILE = path.join(CLIENT_DIR, 'main.ts');

export interface BriefdeckPluginOptions {
  deck: DeckSource;
  /** A deck compiled beforehand (build), with the fonts.css of its font cut. */
  compiled?: CompiledDeck;
  fontsCss?: string;
  /** Compiles the deck on demand and after each change (dev). */
  compiler?: { compile(deck: DeckSource, text?: string): Promise<CompiledDeck> };
  /**
   * Build the page without the deck (its placeholders stay, for fillShell), and report the
   * files the bundle was made of: what briefdeck's bundle cache checks before reusing it.
   */
  shell?: { inputs(files: string[]): void };
  /**
   * The memo as an editor holds it (the studio): compiled in place of memo.md while `text()` gives
   * one, and sent to the page whenever `listen`'s callback is called.
   */
  live?: { text(): string | undefined; listen(update: () => void): void };
}

/** Fills the HTML shell of templates/index.html with a compiled deck. */
export function fillShell(shell: string, deck: CompiledDeck, linked = false): string {
  // Each placeholder's first occurrence, filled in one pass over the page (a one-file deck is a
  // megabyte): a value is never searched again, so memo text such as "{{series}}" or "$&" stays text.
  const fills: Array<[string, () => string]> = [
    ['{{lang}}', () => escapeHtml(deck.memo.meta.language)],
    ['{{title}}', () => escapeHtml(deck.memo.meta.title)],
    ['{{author}}', () => escapeHtml(deck.memo.meta.authors.join(' / '))],
    ['{{series}}', () => escapeHtml(deck.memo.meta.series ?? '')],
    // The pictures the inlined slides show by class (the one-file deck, dev), each once.
    ['<!--briefdeck:look-->', () => lookHtml(deck) + (linked ? '' : `<style id="bd-assets">${deck.assetCss}</style>`)],
    ['<!--briefdeck:slides-->', () => (linked ? deck.linkedHtml : deck.html)],
  ];
  const found = fills.map(([token, value]) => ({ at: shell.indexOf(token), token, value })).filter((f) => f.at >= 0).sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const { at, token, value } of found) {
    parts.push(shell.slice(from, at), value());
    from = at + token.length;
  }
  parts.push(shell.slice(from));
  return parts.join('');
}

/** The deck's colours as CSS variables, over the bundle's defaults. */
const lookVariables = (deck: CompiledDeck) => themeCssVariables(deck.theme).replace(':root{', ':root:root{');

/**
 * The deck's theme as CSS variables (over the bundle's defaults: the bundle never depends on a
 * deck's look) and the talk's length for the speaker view.
 */
function lookHtml(deck: CompiledDeck): string {
  const vars = lookVariables(deck);
  const duration = deck.look.duration ? `<meta name="briefdeck:duration" content="${Math.round(deck.look.duration * 60)}">` : '';
  return `<style id="bd-look">${vars}</style>${duration}`;
}

/**
 * Vite's watcher (chokidar) passes on the first change of a file and drops any other within
 * the next 50 ms (paulmillr/chokidar#1455): a fix saved right after an error, or an editor's
 * second write, would never show. So each change is also checked again once that window has
 * passed, against the files the last compile read.
 */
const SETTLE_MS = 80;

/** Size and modification time of each file in the deck's folder. */
const fingerprint = (dir: string): string => JSON.stringify(stamps(filesUnder(dir)));

/** A Vite error payload with the memo file and line, for the overlay and the build log. */
type LocatedError = Error & { id?: string; loc?: { file: string; line: number; column: number }; plugin?: string };

/** The overlay payload of an error. */
function overlayPayload(error: LocatedError) {
  return { message: error.message, stack: '', ...(error.id ? { id: error.id } : {}), ...(error.loc ? { loc: error.loc } : {}), plugin: 'briefdeck' };
}

function viteError(error: unknown): LocatedError {
  if (error instanceof BriefdeckError && error.diagnostics[0]) {
    const d = error.diagnostics[0];
    const message = error.diagnostics.map((x) => formatDiagnostic(x)).join('\n');
    return Object.assign(new Error(message), { id: d.file, loc: { file: d.file, line: d.line, column: 1 }, plugin: 'briefdeck' });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The deck as the dev server holds it: compiled on demand, compiled again after each change of
 * its folder (or of the text an editor holds) and sent to the open pages — one update at a time,
 * the newest last — with the last error kept for a page that connects later.
 */
class LiveDeck {
  private compiled: Promise<CompiledDeck> | undefined;
  /** The error the last compile ended in, if it did: shown to every page that connects. */
  lastError: LocatedError | undefined;
  private compiledFrom = '';
  private running: Promise<void> | undefined;
  private again = false;
  private settle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: BriefdeckPluginOptions) {
    if (options.compiled) this.compiled = Promise.resolve(options.compiled);
  }

  compile(): Promise<CompiledDeck> {
    if (this.compiled) return this.compiled;
    if (!this.options.compiler) throw new Error('briefdeck plugin: neither a compiled deck nor a compiler');
    return (this.compiled = this.options.compiler.compile(this.options.deck, this.options.live?.text()));
  }

  /** Forgets the compiled deck (and, with `error`, keeps it as the one to show). */
  drop(error?: unknown): LocatedError | undefined {
    this.compiled = undefined;
    if (error === undefined) return undefined;
    this.lastError = devError(error, this.options.deck.memoFile);
    log.error(this.lastError.message);
    return this.lastError;
  }

  /** Whether a file is the deck's own (its folder's). */
  owns(file: string): boolean {
    return path.resolve(file).startsWith(this.options.deck.dir + path.sep);
  }

  /** Compiles and sends the new slides (or the error) to the open pages, one update at a time. */
  update(server: ViteDevServer): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.send(server);
      } while (this.again);
    })().finally(() => (this.running = undefined));
  }

  /** A change of the deck's folder: an update now, and another once the watcher's window has passed if the files changed since. */
  changed(server: ViteDevServer): void {
    this.update(server);
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      if (fingerprint(this.options.deck.dir) !== this.compiledFrom) this.update(server);
    }, SETTLE_MS);
  }

  stop(): void {
    clearTimeout(this.settle);
  }

  private async send(server: ViteDevServer): Promise<void> {
    this.compiled = undefined;
    this.compiledFrom = fingerprint(this.options.deck.dir);
    try {
      const deck = await this.compile();
      this.lastError = undefined;
      // The look too (a theme or accent changed in deck.yaml): the page's colours follow without a reload.
      server.ws.send({ type: 'custom', event: 'briefdeck:update', data: { html: deck.html, assets: deck.assetCss, title: deck.memo.meta.title, look: lookVariables(deck) } });
      log.info(`updated ${deck.name} (${deck.slides.length} slides)`);
    } catch (error) {
      server.ws.send({ type: 'error', err: overlayPayload(this.drop(error)!) });
    }
  }
}

/**
 * The error as the dev server shows it (overlay and log): always at a file and line. A memo
 * error is at its own; a failed file-system call, or anything else (a bug in briefdeck), is
 * shown at the memo being compiled, line 1, in one line with no stack.
 */
function devError(error: unknown, memoFile: string): LocatedError {
  const located = viteError(error);
  if (located.loc) return located;
  const shown = path.relative(process.cwd(), memoFile) || memoFile;
  if (!isSystemError(error) && !(error instanceof BriefdeckError)) log.debug(String((error as Error)?.stack ?? error));
  const what = isSystemError(error)
    ? describeSystemError(error)
    : error instanceof BriefdeckError
      ? error.message
      : `briefdeck failed on this memo (a bug in briefdeck, not in the memo: DEBUG=briefdeck shows where): ${String((error as Error)?.message ?? error).split('\n')[0]}`;
  return Object.assign(new Error(`${shown}:1: error: ${what}`), { id: memoFile, loc: { file: memoFile, line: 1, column: 1 }, plugin: 'briefdeck' });
}

export function briefdeckPlugin(options: BriefdeckPluginOptions): Plugin {
  const live = new LiveDeck(options);
  let serving = false;
  return {
    name: 'briefdeck',
    async resolveId(id) {
      if (id === CLIENT_ID) return CLIENT_FILE;
      if (id === THEME_ID) return RESOLVED_THEME_ID;
      // A real fonts.css file (so Vite bundles the font files it names): the build's cut, or
      // the whole font in dev (see deckFonts).
      if (id === FONTS_ID) return options.fontsCss ?? deckFonts();
      return undefined;
    },
    load(id) {
      return id === RESOLVED_THEME_ID ? themeCssVariables(loadTheme()) : undefined;
    },
    // 'post': the slides go in after Vite has processed the shell, so their inline SVG is left as it is.
    transformIndexHtml: { order: 'post', async handler(shell) {
      if (options.shell) return shell;
      try {
        return fillShell(shell, await live.compile());
      } catch (error) {
        if (!serving) {
          live.drop();
          throw viteError(error);
        }
        // In dev the page still loads, so the overlay can show the error and the fix can arrive.
        live.drop(error);
        return shell.replace('{{lang}}', 'en').replace('{{title}}', 'briefdeck').replace('{{author}}', '').replace('{{series}}', '');
      }
    } },
    configureServer(server) {
      serving = true;
      server.watcher.add(options.deck.dir);
      const onChange = (file: string) => {
        if (live.owns(file)) live.changed(server);
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
      options.live?.listen(() => {
        live.drop();
        live.update(server);
      });
      server.ws.on('connection', () => {
        if (live.lastError) server.ws.send({ type: 'error', err: overlayPayload(live.lastError) });
      });
    },
    buildEnd() {
      options.shell?.inputs([...this.getModuleIds()].filter((id) => path.isAbsolute(id)));
    },
    closeBundle() {
      live.stop();
    },
    handleHotUpdate({ file }) {
      // The deck's own files are handled above; a full reload would lose the presenter's place.
      if (live.owns(file)) return [];
      return undefined;
    },
  };
}
