// `import` and `init`: the memo source, from a published document or from the markers' example.
import path from 'node:path';
import type { Command } from 'commander';
import { deckFolderProblem } from '../../core/deck-folder.ts';
import { EXIT, formatDiagnostic } from '../../core/errors.ts';
import { log, setQuiet } from '../../core/log.ts';
import type { Diagnostic } from '../../model/types.ts';
import { failed, type Commands } from '../run.ts';

/** `import` and `init`: the memo source, from a published document or from the markers' example. */
export function addSourceCommands(root: Command, { io, run }: Commands): void {
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
        const { initDeck, initTarget, shellWord } = await import('../init.ts');
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

/** `import`: reads the memo as published (and a meta file), writes the memo source only when every sentence is placed. */
async function runImport(input: string, options: { meta?: string; out?: string; force: boolean; allowDrop: boolean }): Promise<number> {
  const { importBytes, readMeta } = await import('../../import/import.ts');
  const { reportLines } = await import('../../import/report.ts');
  const { readInputFile, checkTarget, writeMemoSource } = await import('../../import/files.ts');
  const deckDir = path.resolve(options.out ?? path.join('slides', path.basename(input).replace(/\.[^.]+$/, '')));
  if (path.basename(deckDir) === 'memo.md') {
    log.error(`--out is the deck folder memo.md goes into: ${path.dirname(options.out!) || '.'}`);
    return EXIT.USAGE;
  }
  const folderProblem = deckFolderProblem(deckDir, path.resolve('slides'));
  if (folderProblem) {
    log.error(`--out ${options.out ?? deckDir}: ${folderProblem}`);
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
