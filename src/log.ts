// One voice for the user: fixed-prefix lines on stderr; debug lines only with DEBUG=briefdeck*.

let quiet = false;

export function setQuiet(value: boolean): void {
  quiet = value;
}

export const log = {
  info(message: string): void {
    if (!quiet) process.stderr.write(`[briefdeck] ${message}\n`);
  },
  warn(message: string): void {
    process.stderr.write(`[briefdeck] warning: ${message}\n`);
  },
  error(message: string): void {
    process.stderr.write(`[briefdeck] error: ${message}\n`);
  },
  /** A line that carries its own severity (a formatted diagnostic). */
  diagnostic(formatted: string): void {
    process.stderr.write(`[briefdeck] ${formatted}\n`);
  },
  /** With the time since the process started, to see where a command spends it. */
  debug(message: string): void {
    if (/\bbriefdeck\b/.test(process.env.DEBUG ?? '')) process.stderr.write(`[briefdeck:debug ${performance.now().toFixed(0).padStart(5)} ms] ${message}\n`);
  },
};
