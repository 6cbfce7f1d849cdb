// The briefdeck command line (commander): each command with its own options and help.
// main() returns the exit code; it never calls process.exit. Decks are found under ./slides of
// the current folder (or at a path given), outputs go to ./dist.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { BrowserGateway } from '../browser/gateway.ts';
import { PACKAGE_VERSION } from '../core/paths.ts';
import { deckAt, findDecks, type DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, diagnostic, EXIT, formatDiagnostic, reportError, signalExitCode } from '../core/errors.ts';
import type { Diagnostic } from '../model/types.ts';
import { log, logTo, setQuiet } from '../core/log.ts';
import { WRITERS } from '../pipeline/writers.ts';

// Vite and Puppeteer load only for the commands that use them, so --help answers at once.

/** Where a run writes: its output (stdout) and its messages (stderr). */
export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

interface Common {
  quiet?: boolean;
  slides?: string;
}

const ENVIRONMENT = `
Environment:
  BRIEFDECK_BROWSER          the Chrome, Chromium or Edge to use (default: one installed)
  BRIEFDECK_BROWSER_TIMEOUT  seconds a browser may take to start or to answer (default: 60)
  BRIEFDECK_CACHE_DIR        where cut fonts, diagrams and bundles are kept
                             (default: ./node_modules/.cache/briefdeck, else the system's cache)
  NO_COLOR                   no colour in messages`;

/** A TCP port from the command line. */
function port(value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || n < 1 || n > 65535) throw new InvalidArgumentError(`must be a port number from 1 to 65535, not "${value}"`);
  return n;
}

function resolveDecks(name: string | undefined, slidesDir: string): DeckSource[] {
  if (!name) {
    const decks = findDecks(slidesDir);
    if (decks.length === 0) throw new BriefdeckError(`no decks in ${path.relative(process.cwd(), slidesDir) || slidesDir}: a deck is a folder holding a memo.md (briefdeck init <name> starts one)`);
    return decks;
  }
  return [deckAt(deckDir(name, slidesDir))];
}

/** A name with a slash, or a folder that exists here, is a path; else a name under slides/. */
function deckDir(name: string, slidesDir: string): string {
  const isPath = /[\\/]/.test(name) || name === '.' || (existsSync(path.join(name, 'memo.md')) && !existsSync(path.join(slidesDir, name)));
  return isPath ? name : path.join(slidesDir, name);
}

/** What each group of commands is given: where it writes, and how an action's exit code reaches main. */
interface Commands {
  io: Streams;
  /** Options every command that reads decks has. */
  decks(command: Command): Command;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander passes the arguments untyped
  run(action: (...args: any[]) => Promise<number>): (...args: any[]) => Promise<void>;
}

/** The commands, writing to `io`; `done` is told the exit code an action resolved to (commander itself only knows success or failure). */
function program(io: Streams, done: (code: number) => void): Command {
  const root = new Command('briefdeck')
    .description('a policy memo into a Reveal.js briefing deck, its PDF handouts and a one-file deck')
    .version(`briefdeck ${PACKAGE_VERSION}`, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(briefdeck <command> --help shows its options)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${log.colours.red(text.replace(/^error: /, 'error: '))}`),
    })
    .addHelpText('after', ENVIRONMENT);

  const commands: Commands = {
    io,
    decks: (command) => command.option('--slides <dir>', 'the folder of decks', 'slides').option('-q, --quiet', 'only warnings and errors'),
    run: (action) =>
      async (...args) => {
        done(await action(...args));
      },
  };
  addOutputCommands(root, commands);
  addServeCommands(root, commands);
  addCheckCommand(root, commands);
  addSourceCommands(root, commands);
  return root;
}

/** `build`, and a command for each writer that has one (`pdf`, `pptx`). */
function addOutputCommands(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('build')
      .description(`build dist/<deck>/: ${WRITERS.flatMap((w) => w.files('<deck>')).join(', ')}`)
      .argument('[deck]', 'a name under the slides folder, or a path; every deck when left out')
      .option('--out <dir>', 'the output folder', 'dist')
      .option('--no-pdf', 'the HTML only (PDFs printed before from the same memo are kept)')
      .option('--template <file>', "the PowerPoint file's template: an organisation's .pptx or .potx (over deck.yaml's pptx.template)")
      .option('-w, --watch', 'keep building on every save, with one warm browser (Ctrl-C to stop)'),
  ).action(run(async (name: string | undefined, options: Common & { out: string; pdf: boolean; watch?: boolean; template?: string }) =>
    withDecks(io, name, options, options.pdf ? 2 : 0, async (list, browser, signal) => {
      if (options.watch) {
        const { watchDecks } = await import('../pipeline/watch.ts');
        return watchDecks(list, path.resolve(options.out), browser, { pdf: options.pdf, signal, ...(options.template ? { template: options.template } : {}) });
      }
      const { buildDecks } = await import('../pipeline/build.ts');
      log.debug('build module loaded');
      await buildDecks(list, path.resolve(options.out), browser, { pdf: options.pdf, signal, ...(options.template ? { template: options.template } : {}) });
      return EXIT.OK;
    }),
  ));

  // The writers that have a command of their own (pdf, pptx): each writes its files alone.
  for (const output of WRITERS.filter((w) => w.command)) {
    const { description, pages, template } = output.command!;
    const command = root
      .command(output.name)
      .description(description)
      .argument('[deck]', 'a name under the slides folder, or a path; every deck when left out')
      .option('--out <dir>', 'the output folder', 'dist');
    if (template) command.option('--template <file>', "an organisation's PowerPoint template (.pptx or .potx) to make the file in (over deck.yaml's pptx.template)");
    decks(command).action(run(async (name: string | undefined, options: Common & { out: string; template?: string }) =>
      withDecks(io, name, options, pages, async (list, browser, signal) => {
        const { exportOutput } = await import('../pipeline/build.ts');
        await exportOutput(output.name, list, path.resolve(options.out), browser, signal, options.template ? { template: options.template } : {});
        return EXIT.OK;
      }),
    ));
  }
}

/** `dev` and `preview`: the deck served on this machine. */
function addServeCommands(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('dev')
      .description('serve a deck on 127.0.0.1; saving its memo.md updates the open page')
      .argument('[deck]', 'a name under the slides folder, or a path; the first deck when left out')
      .addOption(new Option('--port <n>', 'the port (the next free one if taken)').argParser(port).default(5173))
      .option('--open', 'open it in the system browser'),
  ).action(run(async (name: string | undefined, options: Common & { port: number; open?: boolean }) =>
    withDecks(io, name, options, 0, async (list, browser) => {
      const { startDevServer } = await import('../pipeline/dev.ts');
      const deck = list[0]!;
      const server = await startDevServer(deck, browser, options.port);
      log.info(`serving ${deck.name} at ${server.url} (Ctrl-C to stop)`);
      if (options.open) await openInBrowser(server.url);
      await untilInterrupted();
      await server.close();
      return EXIT.OK;
    }, { handleSignals: false }),
  ));

  // `studio`: the whole job in a browser page (src/studio/), on 127.0.0.1 with a token.
  root
    .command('studio')
    .description('the studio: import, edit beside the slides, check and export, in a browser page on 127.0.0.1')
    .argument('[folder]', 'the folder holding slides/ (or one deck folder)', '.')
    .addOption(new Option('--port <n>', 'the port (default: any free one)').argParser(port))
    .option('--no-open', 'do not open a browser: print the address (with its token) on stdout')
    .option('-q, --quiet', 'only warnings and errors')
    .action(run(async (folder: string, options: { port?: number; open: boolean; quiet?: boolean }) => {
      setQuiet(options.quiet ?? false);
      const { BrowserGateway } = await import('../browser/gateway.ts');
      const browser = new BrowserGateway();
      try {
        const { startStudio } = await import('../studio/server.ts');
        const studio = await startStudio(folder, { browser, ...(options.port !== undefined ? { port: options.port } : {}) });
        if (options.open) {
          log.info(`briefdeck studio at ${studio.url} (Ctrl-C to stop)`);
          await openInBrowser(studio.url);
        } else io.stdout.write(`${studio.url}\n`);
        await untilInterrupted();
        await studio.close();
        return EXIT.OK;
      } catch (error) {
        return failed(error);
      } finally {
        await browser.close();
      }
    }));

  decks(
    root
      .command('preview')
      .description('serve the built dist/<deck>/ on 127.0.0.1, as it will be shown')
      .argument('[deck]', 'a name under the slides folder, or a path; the first deck when left out')
      .option('--out <dir>', 'the output folder the deck was built into', 'dist')
      .addOption(new Option('--port <n>', 'the port').argParser(port).default(4173))
      .option('--open', 'open it in the system browser'),
  ).action(run(async (name: string | undefined, options: Common & { out: string; port: number; open?: boolean }) => {
    setQuiet(options.quiet ?? false);
    try {
      const deck = resolveDecks(name, path.resolve(options.slides ?? 'slides'))[0]!;
      const dir = path.resolve(options.out, deck.name);
      if (!existsSync(path.join(dir, 'index.html'))) {
        log.error(`${path.relative(process.cwd(), dir) || dir} is not built yet: run "briefdeck build ${name ?? deck.name}" first`);
        return EXIT.FAILED;
      }
      const { serveStatic } = await import('../browser/serve.ts');
      const server = await serveStatic(dir, options.port);
      log.info(`serving ${path.relative(process.cwd(), dir) || dir} at ${server.url} (Ctrl-C to stop)`);
      if (options.open) await openInBrowser(server.url);
      await untilInterrupted();
      await server.close();
      return EXIT.OK;
    } catch (error) {
      return failed(error);
    }
  }));
}

/** `check`: the quality gate. */
function addCheckCommand(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('check')
      .description('measure the deck: overflow, type sizes, contrast, density, diagrams, links, outside resources, every sentence and number of the memo; exit 1 on errors')
      .argument('[deck]', 'a name under the slides folder, or a path; every deck when left out')
      .option('--json', 'the report as JSON on stdout'),
  ).action(run(async (name: string | undefined, options: Common & { json?: boolean }) =>
    withDecks(io, name, options, 0, async (list, browser, signal) => {
      const { withTemporaryBuild } = await import('../pipeline/build.ts');
      const { checkBuilt, formatReport } = await import('../check/check.ts');
      let results;
      try {
        results = await withTemporaryBuild(list, browser, (dir, deck) => checkBuilt(dir, deck, browser));
      } catch (error) {
        // A memo that does not compile: with --json, its errors as JSON too (and on stderr as ever).
        if (!options.json || signal.aborted || !(error instanceof BriefdeckError)) throw error;
        const failing = list.find((deck) => error.diagnostics.some((d) => path.resolve(d.file).startsWith(`${deck.dir}${path.sep}`))) ?? list[0]!;
        const report = { deck: failing.name, compiled: false, diagnostics: error.diagnostics, ...(error.diagnostics.length === 0 ? { error: error.message } : {}) };
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        reportError(error);
        return error.exitCode;
      }
      if (options.json) io.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      else for (const result of results) io.stdout.write(`${formatReport(result, (d) => formatDiagnostic(d))}\n`);
      return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.FAILED : EXIT.OK;
    }),
  ));
}

/** `import` and `init`: the memo source, from a published document or from the markers' example. */
function addSourceCommands(root: Command, { io, run }: Commands): void {
  root
    .command('import')
    .description('a memo as published (PDF, Word .docx, web page, Markdown, or its text) into a deck folder\'s memo.md, with a report of every sentence placed or dropped')
    .argument('<file>', 'the memo as published')
    .option('--meta <yaml>', 'title page facts the text lacks (title, series, authors, publisher, …)')
    .option('--out <dir>', 'the deck folder to write memo.md into (default: slides/<file name>)')
    .option('--force', 'replace an existing memo.md')
    .option('--allow-drop', 'write the memo even when more than 20% of the input is dropped as site text')
    .option('-q, --quiet', 'only warnings and errors')
    .action(run(async (input: string, options: { meta?: string; out?: string; force?: boolean; allowDrop?: boolean; quiet?: boolean }) => {
      setQuiet(options.quiet ?? false);
      try {
        return await runImport(input, { meta: options.meta, out: options.out, force: options.force ?? false, allowDrop: options.allowDrop ?? false });
      } catch (error) {
        return failed(error);
      }
    }));

  root
    .command('init')
    .description('start a deck: slides/<deck>/memo.md showing every structure marker, and a deck.yaml')
    .argument('<deck>', 'a name (under the slides folder) or a path')
    .option('--slides <dir>', 'the folder of decks', 'slides')
    .option('--force', 'replace files that exist')
    .option('-q, --quiet', 'only warnings and errors')
    .action(run(async (name: string, options: { slides: string; force?: boolean; quiet?: boolean }) => {
      setQuiet(options.quiet ?? false);
      try {
        const { initDeck, initTarget, shellWord } = await import('./init.ts');
        const dir = initTarget(name, path.resolve(options.slides));
        const written = initDeck(dir, options.force ?? false);
        for (const file of written) log.info(`wrote ${path.relative(process.cwd(), file) || file}`);
        const shown = path.relative(process.cwd(), dir) || dir;
        const arg = shellWord(shown);
        io.stdout.write(`Next: put the memo's text in ${shown}/memo.md (or run "briefdeck import <file> --out ${arg} --force"),\nthen "briefdeck dev ${arg}" to see it, and "briefdeck build ${arg}" for the deck and its handouts.\n`);
        return EXIT.OK;
      } catch (error) {
        return failed(error);
      }
    }));
}

/**
 * Runs a command on decks with one browser: `pages` print pages are opened ahead (Chromium starts
 * in processes of its own while this one loads Vite, compiles and bundles). Ctrl-C closes the
 * browser, lets the build clean up its staging, and exits 130.
 */
async function withDecks(
  io: Streams,
  name: string | undefined,
  options: Common,
  pages: number,
  work: (decks: DeckSource[], browser: BrowserGateway, signal: AbortSignal) => Promise<number>,
  { handleSignals = true } = {},
): Promise<number> {
  setQuiet(options.quiet ?? false);
  log.debug('command line read');
  let decks: DeckSource[];
  try {
    decks = resolveDecks(name, path.resolve(options.slides ?? 'slides'));
  } catch (error) {
    // check --json: a deck whose memo.md is missing (or a folder) is a report too, on stdout.
    if ((options as { json?: boolean }).json && name && error instanceof BriefdeckError) {
      const dir = path.resolve(deckDir(name, path.resolve(options.slides ?? 'slides')));
      const diagnostics = error.diagnostics.length ? error.diagnostics : [diagnostic({ file: path.join(dir, 'memo.md'), line: 1 }, 'memo-missing', error.message, 'a deck is a folder holding a memo.md (briefdeck init <name> starts one)')];
      io.stdout.write(`${JSON.stringify({ deck: path.basename(dir), compiled: false, diagnostics }, null, 2)}\n`);
    }
    return failed(error);
  }
  const { BrowserGateway } = await import('../browser/gateway.ts');
  const abort = new AbortController();
  // Once interrupted, no browser is started again (a stage still running would relaunch one).
  const browser = new BrowserGateway(abort.signal);
  if (pages > 0) browser.prepare(pages);
  log.debug('browser gateway ready');
  type Stop = Parameters<typeof signalExitCode>[0];
  let stoppedBy: Stop | undefined;
  // Ctrl-C, SIGTERM and a closed terminal (SIGHUP) stop the run alike. A second signal while it
  // stops is let be: the clean-up (staging folders, the browser's profile) finishes first.
  const interrupt = (signal: Stop) => {
    if (stoppedBy) {
      log.error(`interrupted again (${signal}): still cleaning up, a moment`);
      return;
    }
    stoppedBy = signal;
    abort.abort();
    log.error(`interrupted (${signal}): stopping the browser`);
    void browser.close();
  };
  const signals: Stop[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  if (handleSignals) for (const signal of signals) process.on(signal, interrupt);
  try {
    return await work(decks, browser, abort.signal);
  } catch (error) {
    // Every writer looks at the signal just before it puts its outputs in place.
    if (stoppedBy) {
      log.error('interrupted: nothing was written; the previous output stays as it was');
      return signalExitCode(stoppedBy);
    }
    // A browser that stopped answering was ended (and said so): that is the error, not what failed with it.
    if (browser.failure) return browser.failure.exitCode;
    return failed(error);
  } finally {
    await browser.close();
    for (const signal of signals) process.off(signal, interrupt);
  }
}

/**
 * Runs the command line `argv` (without node and the script) and returns its exit code (EXIT);
 * it never calls process.exit: src/bin.js ends the process with the code. Output goes to
 * `io.stdout`, messages to `io.stderr` (the process's own by default).
 */
export async function main(argv: string[], io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  log.debug('briefdeck loaded');
  let code: number = EXIT.OK;
  const cli = program(io, (c) => (code = c));
  const restoreLog = logTo(io.stderr);
  try {
    if (argv.length === 0) {
      io.stdout.write(cli.helpInformation());
      return EXIT.USAGE;
    }
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and the version asked for end well; a command line that is off is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.OK : EXIT.USAGE;
    }
    return failed(error);
  } finally {
    restoreLog();
  }
}

/** Opens a URL in the system's browser, without waiting for it. */
async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => log.warn(`could not open a browser (${command} is missing): open ${url} yourself`));
    child.unref();
  } catch {
    log.warn(`could not open a browser: open ${url} yourself`);
  }
}

/** `import`: reads the memo as published (and a meta file), writes the memo source only when every sentence is placed. */
async function runImport(input: string, options: { meta?: string; out?: string; force: boolean; allowDrop: boolean }): Promise<number> {
  const { importBytes, readMeta } = await import('../import/import.ts');
  const { reportLines } = await import('../import/report.ts');
  const { readInputFile, checkTarget, writeMemoSource } = await import('../import/files.ts');
  const deckDir = path.resolve(options.out ?? path.join('slides', path.basename(input).replace(/\.[^.]+$/, '')));
  if (path.basename(deckDir) === 'memo.md') {
    log.error(`--out is the deck folder memo.md goes into: ${path.dirname(options.out!) || '.'}`);
    return EXIT.USAGE;
  }
  const target = path.join(deckDir, 'memo.md');
  const bytes = readInputFile(input);
  const diagnostics: Diagnostic[] = [];
  const metaText = options.meta === undefined ? undefined : readInputFile(options.meta, 'the meta file');
  const meta = metaText ? readMeta(Buffer.from(metaText).toString('utf8'), options.meta!, diagnostics) : {};
  if (diagnostics.some((d) => d.severity === 'error')) {
    for (const d of diagnostics) log.diagnostic(formatDiagnostic(d));
    return EXIT.FAILED;
  }
  checkTarget(target, options.force);
  const result = await importBytes(bytes, {
    file: input,
    meta: { source: path.basename(input), ...meta },
    allowDrop: options.allowDrop,
    ...(bytes.length > 1_000_000 ? { progress: (message: string) => log.info(`${message}…`) } : {}),
  });
  diagnostics.push(...result.diagnostics);
  if (result.report) {
    const { info, errors } = reportLines(result.report);
    for (const line of info) log.info(line);
    for (const line of errors) log.error(line);
    if (errors.length > 0) diagnostics.push({ severity: 'error', code: 'import-fidelity', message: 'nothing written: every sentence must be placed exactly once', file: input, line: 1 });
  }
  for (const d of diagnostics) log.diagnostic(formatDiagnostic(d));
  if (!result.markdown || diagnostics.some((d) => d.severity === 'error')) return EXIT.FAILED;
  writeMemoSource(target, result.markdown);
  log.info(`wrote ${path.relative(process.cwd(), target)}`);
  return EXIT.OK;
}

/** Resolves on Ctrl-C (or SIGTERM): how the serving commands end. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Reports an error and returns the exit code it calls for. */
const failed = reportError;
