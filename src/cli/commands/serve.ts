// `dev`, `studio` and `preview`: a deck (or the studio) served on this machine until Ctrl-C.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT } from '../../core/errors.ts';
import { log, setQuiet } from '../../core/log.ts';
import { failed, openInBrowser, port, resolveDecks, untilInterrupted, withDecks, type Commands, type Common } from '../run.ts';

/** `dev` and `preview`: the deck served on this machine. */
export function addServeCommands(root: Command, { io, decks, run }: Commands): void {
  decks(
    root
      .command('dev')
      .description('serve a deck on 127.0.0.1; saving its memo.md updates the open page')
      .argument('[deck]', 'a name under the slides folder, or a path; the first deck when left out')
      .addOption(new Option('--port <n>', 'the port (the next free one if taken)').argParser(port).default(5173))
      .option('--open', 'open it in the system browser'),
  ).action(run(async (name: string | undefined, options: Common & { port: number; open?: boolean }) =>
    withDecks(io, name, options, 0, async (list, browser) => {
      const { startDevServer } = await import('../../pipeline/dev.ts');
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
      const { BrowserGateway } = await import('../../browser/gateway.ts');
      const browser = new BrowserGateway();
      try {
        const { startStudio } = await import('../../studio/server.ts');
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
      const { serveStatic } = await import('../../browser/serve.ts');
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
