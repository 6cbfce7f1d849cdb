// The briefdeck command line (commander): each command with its own options and help.
// main() returns the exit code; it never calls process.exit. Decks are found under ./slides of
// the current folder (or at a path given), outputs go to ./dist.
import { Command, CommanderError } from 'commander';
import { PACKAGE_VERSION } from '../core/paths.ts';
import { EXIT } from '../core/errors.ts';
import { log, logTo } from '../core/log.ts';
import { addCheckCommand } from './commands/check.ts';
import { addOutputCommands } from './commands/output.ts';
import { addServeCommands } from './commands/serve.ts';
import { addSourceCommands } from './commands/source.ts';
import { failed, type Commands, type Streams } from './run.ts';

export type { Streams } from './run.ts';

// Vite and Puppeteer load only for the commands that use them, so --help answers at once. Each
// group of commands is a file of its own under commands/; what they share is in run.ts.

const ENVIRONMENT = `
Environment:
  BRIEFDECK_BROWSER          the Chrome, Chromium or Edge to use (default: one installed)
  BRIEFDECK_BROWSER_TIMEOUT  seconds a browser may take to start or to answer (default: 60)
  BRIEFDECK_CACHE_DIR        where cut fonts, diagrams and bundles are kept
                             (default: ./node_modules/.cache/briefdeck, else the system's cache)
  NO_COLOR                   no colour in messages`;

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
