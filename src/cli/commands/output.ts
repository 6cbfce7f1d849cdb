// `build`, and the commands of the writers that have one (`pdf`, `pptx`): WRITERS' rows.
import path from 'node:path';
import type { Command } from 'commander';
import type { DeckSource } from '../../core/deck-folder.ts';
import { EXIT, formatDiagnostic } from '../../core/errors.ts';
import { shownPath } from '../../core/files.ts';
import { log } from '../../core/log.ts';
import { chosenWriters, WRITERS } from '../../pipeline/writers.ts';
import { withDecks, type Commands, type Common } from '../run.ts';

/**
 * The decks whose dist/<deck>/ a build would change (pipeline/up-to-date.ts); each of the others
 * is said to be up to date, with the warnings its build gave.
 */
async function toBuild(list: DeckSource[], outDir: string, options: { pdf: boolean; template?: string }): Promise<DeckSource[]> {
  const { upToDate } = await import('../../pipeline/up-to-date.ts');
  const asked = { writers: chosenWriters({ pdf: options.pdf }), ...(options.template ? { template: options.template } : {}) };
  return list.filter((deck) => {
    const final = path.join(outDir, deck.name);
    const built = upToDate(deck, final, asked);
    if (!built) return true;
    let said: string[];
    try {
      said = [...built.warnings.map((warning) => formatDiagnostic(warning)), ...built.said.map((warning) => `warning: ${warning}`)];
    } catch {
      return true; // a record whose warnings cannot be said: build, and say them anew
    }
    for (const line of said) (line.startsWith('warning: ') ? log.warn(line.slice(9)) : log.diagnostic(line));
    const shown = shownPath(final);
    log.info(`${shown}/ is up to date (${built.slides} slides): nothing it is built from changed since its last build (--force builds it anyway)`);
    return false;
  });
}

/** `build`, and a command for each writer that has one (`pdf`, `pptx`). */
export function addOutputCommands(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('build')
      .description(`build dist/<deck>/: ${WRITERS.flatMap((w) => w.files('<deck>')).join(', ')}`)
      .argument('[deck]', 'a name under the slides folder, or a path; every deck when left out')
      .option('--out <dir>', 'the output folder', 'dist')
      .option('--no-pdf', 'the HTML only (PDFs printed before from the same memo are kept)')
      .option('--template <file>', "the PowerPoint file's template: an organisation's .pptx or .potx (over deck.yaml's pptx.template)")
      .option('-w, --watch', 'keep building on every save, with one warm browser (Ctrl-C to stop)')
      .option('--force', 'build even a deck whose outputs are up to date (nothing it is built from changed since)'),
  ).action(run(async (name: string | undefined, options: Common & { out: string; pdf: boolean; watch?: boolean; template?: string; force?: boolean }) =>
    withDecks(io, name, options, options.pdf ? 1 : 0, async (list, browser, signal) => {
      if (options.watch) {
        const { watchDecks } = await import('../../pipeline/watch.ts');
        return watchDecks(list, path.resolve(options.out), browser, { pdf: options.pdf, signal, ...(options.template ? { template: options.template } : {}) });
      }
      const { buildDecks } = await import('../../pipeline/build.ts');
      log.debug('build module loaded');
      await buildDecks(list, path.resolve(options.out), browser, { pdf: options.pdf, signal, ...(options.template ? { template: options.template } : {}) });
      return EXIT.OK;
    }, { endsOnSignal: options.watch ?? false, select: options.watch || options.force ? undefined : (list) => toBuild(list, path.resolve(options.out), options) }),
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
      withDecks(io, name, options, pages, async (list, browser, signal, owned) => {
        const { exportOutput } = await import('../../pipeline/build.ts');
        // A browser the caller gave (io.browser) stays open for its next run.
        await exportOutput(output.name, list, path.resolve(options.out), browser, signal, { ...(options.template ? { template: options.template } : {}), keepBrowser: !owned });
        return EXIT.OK;
      }),
    ));
  }
}
