// `check`: the quality gate, as a report on stdout (or JSON) and an exit code.
import path from 'node:path';
import type { Command } from 'commander';
import { BriefdeckError, EXIT, formatDiagnostic, reportError } from '../../core/errors.ts';
import { withDecks, type Commands, type Common } from '../run.ts';

/** `check`: the quality gate. */
export function addCheckCommand(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('check')
      .description('measure the deck: overflow, type sizes, contrast, density, diagrams, links, outside resources, every sentence and number of the memo; exit 1 on errors')
      .argument('[deck]', 'a name under the slides folder, or a path; every deck when left out')
      .option('--json', 'the report as JSON on stdout'),
  ).action(run(async (name: string | undefined, options: Common & { json?: boolean }) =>
    withDecks(io, name, options, 0, async (list, browser, signal) => {
      const { withTemporaryBuild } = await import('../../pipeline/build.ts');
      const { checkBuilt, formatReport } = await import('../../check/check.ts');
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
