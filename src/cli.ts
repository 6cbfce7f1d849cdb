// The briefdeck command line. main() returns the exit code; it never calls process.exit.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BrowserGateway } from './browser.ts';
import { deckAt, findDecks, type DeckSource } from './deck-folder.ts';
import { BriefdeckError, describeSystemError, formatDiagnostic, INTERRUPTED, isSystemError } from './errors.ts';
import type { Diagnostic } from './types.ts';
import { log, setQuiet } from './log.ts';

// Vite and Puppeteer load only for the commands that use them, so --help answers at once.
const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

const HELP = `briefdeck — a policy memo into a Reveal.js briefing deck

Usage:
  briefdeck build [deck]   build dist/<deck>/ (index.html, <deck>.pdf, <deck>-notes.pdf) for one
                           deck, or every deck in slides/; --no-pdf for the HTML only
  briefdeck pdf [deck]     print dist/<deck>/<deck>.pdf and <deck>-notes.pdf from the memo as it is
  briefdeck dev [deck]     serve a deck on localhost; edits to its memo.md show at once
  briefdeck preview [deck] serve the built dist/<deck>/ on localhost, as it will be shown
  briefdeck check [deck]   measure the deck (overflow, font sizes, contrast, density, diagrams,
                           links, every sentence and number of the memo); --json; exit 1 on errors
  briefdeck import <memo> [--meta <yaml>] [--out slides/<deck>/memo.md] [--force] [--allow-drop]
                           a memo as published (PDF, Word .docx, web page, Markdown, or its text)
                           → its memo source, with a report of every sentence placed or dropped
  briefdeck --help | --version

A deck is a folder with a memo.md (a name under slides/, or a path).
Options:
  --slides <dir>   folder of decks (default: slides/)
  --out <dir>      output folder (default: dist/)
  --port <n>       dev server port (default: 5173, the next free one if taken)
  --quiet          no progress lines
Environment:
  BRIEFDECK_BROWSER   path of the Chromium/Chrome to use (default: the system's chromium)
  BRIEFDECK_CACHE_DIR where fonts, diagrams and bundles are kept between runs
                      (default: node_modules/.cache/briefdeck)
`;

function resolveDecks(name: string | undefined, slidesDir: string): DeckSource[] {
  if (!name) {
    const decks = findDecks(slidesDir);
    if (decks.length === 0) throw new BriefdeckError(`no decks in ${slidesDir}: a deck is a folder holding a memo.md`);
    return decks;
  }
  const candidate = path.join(slidesDir, name);
  return [deckAt(/[\\/]/.test(name) ? name : candidate)];
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        quiet: { type: 'boolean', short: 'q' },
        slides: { type: 'string' },
        out: { type: 'string' },
        port: { type: 'string' },
        pdf: { type: 'boolean', default: true },
        meta: { type: 'string' },
        force: { type: 'boolean' },
        'allow-drop': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowNegative: true,
    });
  } catch (error) {
    log.error(`${(error as Error).message}\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, deckName, ...extra] = positionals;
  if (values.version) {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`briefdeck ${pkg.version}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0) {
    log.error(`unexpected arguments: ${extra.join(' ')}`);
    return 2;
  }
  setQuiet(values.quiet ?? false);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = parsePort(values.port);
    if (port === undefined) {
      log.error(`--port must be a port number from 1 to 65535, not "${values.port}"`);
      return 2;
    }
  }
  const slidesDir = path.resolve(values.slides ?? path.join(PROJECT_ROOT, 'slides'));
  const outDir = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'dist'));
  if (command === 'import' || command === 'preview') {
    try {
      if (command === 'import') return await runImport(deckName, { meta: values.meta, out: values.out, force: values.force ?? false, allowDrop: values['allow-drop'] ?? false });
      return await preview(resolveDecks(deckName, slidesDir)[0]!, outDir, port);
    } catch (error) {
      return failed(error);
    }
  }
  if (command !== 'build' && command !== 'dev' && command !== 'pdf' && command !== 'check') {
    log.error(`unknown command "${command}"\n${HELP}`);
    return 2;
  }
  let decks: DeckSource[];
  try {
    decks = resolveDecks(deckName, slidesDir);
  } catch (error) {
    return failed(error);
  }
  const { BrowserGateway } = await import('./browser.ts');
  const browser = new BrowserGateway();
  // Printing needs two pages (slides, notes): Chromium starts them in processes of its own
  // while this one loads Vite, compiles and bundles.
  if (command === 'pdf' || (command === 'build' && values.pdf !== false)) browser.prepare(2);
  // Ctrl-C during a build: close the browser, let the build clean up its staging, exit 130.
  const abort = new AbortController();
  const interrupt = () => {
    abort.abort();
    log.error('interrupted: stopping the browser; the previous output stays as it was');
    void browser.close();
  };
  if (command !== 'dev') {
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
  }
  try {
    switch (command) {
      case 'build': {
        const { buildDecks } = await import('./build.ts');
        await buildDecks(decks, outDir, browser, { pdf: values.pdf ?? true, signal: abort.signal });
        return 0;
      }
      case 'check':
        return await check(decks, browser, values.json ?? false);
      case 'pdf': {
        const { exportDeckPdfs } = await import('./build.ts');
        await exportDeckPdfs(decks, outDir, browser, abort.signal);
        return 0;
      }
      case 'dev':
        return await dev(decks[0]!, browser, port);
    }
  } catch (error) {
    if (abort.signal.aborted) return INTERRUPTED;
    return failed(error);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await browser.close();
  }
}

/** A TCP port from the command line, or undefined when it is not one. */
function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : undefined;
}

async function dev(deck: DeckSource, browser: BrowserGateway, port: number | undefined): Promise<number> {
  const { startDevServer } = await import('./dev.ts');
  const server = await startDevServer(deck, browser, port);
  log.info(`serving ${deck.name} at ${server.url} (Ctrl-C to stop)`);
  await untilInterrupted();
  await server.close();
  return 0;
}

async function preview(deck: DeckSource, outDir: string, port: number | undefined): Promise<number> {
  const dir = path.join(outDir, deck.name);
  if (!existsSync(path.join(dir, 'index.html'))) {
    log.error(`${path.relative(process.cwd(), dir) || dir} is not built yet: run "briefdeck build ${deck.name}" first`);
    return 1;
  }
  const { serveStatic } = await import('./serve.ts');
  const server = await serveStatic(dir, port ?? 4173);
  log.info(`serving ${dir} at ${server.url} (Ctrl-C to stop)`);
  await untilInterrupted();
  await server.close();
  return 0;
}

async function check(decks: DeckSource[], browser: BrowserGateway, json: boolean): Promise<number> {
  const { withTemporaryBuild } = await import('./build.ts');
  const { checkBuilt, formatReport } = await import('./check/check.ts');
  const results = await withTemporaryBuild(decks, browser, (dir, deck) => checkBuilt(dir, deck, browser));
  if (json) process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  else for (const result of results) process.stdout.write(`${formatReport(result, (d) => formatDiagnostic(d))}\n`);
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** `import`: reads the memo as published (and a meta file), writes the memo source only when every sentence is placed. */
async function runImport(input: string | undefined, options: { meta?: string; out?: string; force: boolean; allowDrop: boolean }): Promise<number> {
  if (!input) {
    log.error('import needs the memo: briefdeck import <memo.pdf|.docx|.html|.md|.txt> [--meta <yaml>] [--out <memo.md>] [--force] [--allow-drop]');
    return 2;
  }
  const { importBytes, readMeta } = await import('./import/import.ts');
  const { reportLines } = await import('./import/report.ts');
  const { readInputFile, checkTarget, writeMemoSource } = await import('./import/files.ts');
  const bytes = readInputFile(input);
  const diagnostics: Diagnostic[] = [];
  const metaText = options.meta === undefined ? undefined : readInputFile(options.meta, 'the meta file');
  const meta = metaText ? readMeta(Buffer.from(metaText).toString('utf8'), options.meta!, diagnostics) : {};
  if (diagnostics.some((d) => d.severity === 'error')) {
    for (const d of diagnostics) log.diagnostic(formatDiagnostic(d));
    return 1;
  }
  const target = path.resolve(options.out ?? path.join(PROJECT_ROOT, 'slides', path.basename(input).replace(/\.[^.]+$/, ''), 'memo.md'));
  checkTarget(target, options.force);
  const long = bytes.length > 1_000_000;
  const result = await importBytes(bytes, {
    file: input,
    meta: { source: path.basename(input), ...meta },
    allowDrop: options.allowDrop,
    ...(long ? { progress: (message: string) => log.info(`${message}…`) } : {}),
  });
  diagnostics.push(...result.diagnostics);
  if (result.report) {
    const { info, errors } = reportLines(result.report);
    for (const line of info) log.info(line);
    for (const line of errors) log.error(line);
    if (errors.length > 0) diagnostics.push({ severity: 'error', code: 'import-fidelity', message: 'nothing written: every sentence must be placed exactly once', file: input, line: 1 });
  }
  for (const d of diagnostics) log.diagnostic(formatDiagnostic(d));
  if (!result.markdown || diagnostics.some((d) => d.severity === 'error')) return 1;
  writeMemoSource(target, result.markdown);
  log.info(`wrote ${path.relative(process.cwd(), target)}`);
  return 0;
}

/** Resolves on Ctrl-C (or SIGTERM): how the serving commands end. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Reports an error (a BriefdeckError without its stack) and returns the exit code it calls for. */
function failed(error: unknown): number {
  if (isSystemError(error)) {
    log.error(describeSystemError(error));
    return 1;
  }
  if (!(error instanceof BriefdeckError)) {
    log.error(`${(error as Error)?.stack ?? String(error)}\n(a bug in briefdeck: DEBUG=briefdeck shows where in src/)`);
    return 1;
  }
  if (error.diagnostics.length) for (const d of error.diagnostics) log.diagnostic(formatDiagnostic(d));
  else log.error(error.hint ? `${error.message}\n    hint: ${error.hint}` : error.message);
  return error.exitCode;
}
