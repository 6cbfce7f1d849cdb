// One voice for the user: fixed-prefix lines on stderr, errors and warnings in colour on a
// terminal (never with NO_COLOR set); debug lines only with DEBUG=briefdeck*.
import pc from 'picocolors';

let quiet = false;
/** Where the messages go: stderr, or the stream a run in process was given (main's `io.stderr`). */
let sink: NodeJS.WritableStream = process.stderr;

/** Sends the messages to `stream` until the function returned is called, which also puts back how quiet the log was. */
export function logTo(stream: NodeJS.WritableStream): () => void {
  const before = { sink, quiet };
  sink = stream;
  return () => {
    ({ sink, quiet } = before);
  };
}

export function setQuiet(value: boolean): void {
  quiet = value;
}

/** Colour when stderr is a terminal or FORCE_COLOR is set, and NO_COLOR is not (no-color.org). */
function colourEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return process.stderr.isTTY === true && env.TERM !== 'dumb';
}

const colours = pc.createColors(colourEnabled());
const prefix = colours.dim('[briefdeck]');

/** A formatted diagnostic with its severity word coloured. */
function paint(formatted: string): string {
  return formatted.replace(/: (error|warning): /, (_, severity: string) => `: ${severity === 'error' ? colours.red(colours.bold('error')) : colours.yellow('warning')}: `);
}

export const log = {
  info(message: string): void {
    if (!quiet) sink.write(`${prefix} ${message}\n`);
  },
  warn(message: string): void {
    sink.write(`${prefix} ${colours.yellow('warning')}: ${message}\n`);
  },
  error(message: string): void {
    sink.write(`${prefix} ${colours.red(colours.bold('error'))}: ${message}\n`);
  },
  /** A line that carries its own severity (a formatted diagnostic). */
  diagnostic(formatted: string): void {
    sink.write(`${prefix} ${paint(formatted)}\n`);
  },
  /**
   * Progress of long work with its count ("drawing diagrams 3/7"): on a terminal one line
   * rewritten in place; in a log, the first step and the last.
   */
  progress(label: string, done: number, total: number): void {
    if (quiet || total <= 0) return;
    const line = `${prefix} ${label} ${done}/${total}`;
    if (process.stderr.isTTY) sink.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (done === 1 || done >= total) sink.write(`${line}\n`);
  },
  /** With the time since the process started, to see where a command spends it. */
  debug(message: string): void {
    if (/\bbriefdeck\b/.test(process.env.DEBUG ?? '')) sink.write(`[briefdeck:debug ${performance.now().toFixed(0).padStart(5)} ms] ${message}\n`);
  },
  colours,
};
