import path from 'node:path';
import type { Diagnostic, SourceRef } from './diagnostic.ts';
import { log } from './log.ts';

/**
 * The exit codes of the briefdeck command, named in one place: a run that did its work, one that
 * failed (bad input, an error found, a file that cannot be written), a command line that is off,
 * and a run stopped by a signal, as a shell reports it (128 + the signal's number).
 */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  /** SIGHUP: the terminal was closed. */
  HANGUP: 129,
  /** SIGINT: Ctrl-C. */
  INTERRUPTED: 130,
  /** SIGTERM. */
  TERMINATED: 143,
} as const;

/** The exit code of a run a signal stopped. */
export function signalExitCode(signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM'): number {
  return { SIGHUP: EXIT.HANGUP, SIGINT: EXIT.INTERRUPTED, SIGTERM: EXIT.TERMINATED }[signal];
}

/** The one error class of briefdeck: carries diagnostics and the exit code the CLI returns. */
export class BriefdeckError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  /** What the user can do about it, shown under the message. */
  readonly hint: string | undefined;

  constructor(message: string, diagnostics: Diagnostic[] = [], exitCode: number = EXIT.FAILED, hint?: string) {
    super(message);
    this.name = 'BriefdeckError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export function diagnostic(
  at: SourceRef,
  code: string,
  message: string,
  hint?: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return { severity, code, message, file: at.file, line: at.line, ...(hint ? { hint } : {}) };
}

/** Throws one BriefdeckError for all error diagnostics, if there are any. */
export function throwIfErrors(diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new BriefdeckError(`${formatDiagnostic(first)}${more}`, errors);
}

/** `slides/x/memo.md:12: error: message (code)` plus the hint on its own line. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const file = path.isAbsolute(d.file) ? path.relative(cwd, d.file) || d.file : d.file;
  const head = `${file}:${d.line}: ${d.severity}: ${d.message} [${d.code}]`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}

/** Stops work that was interrupted before it writes anything. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BriefdeckError('interrupted: nothing was written', [], EXIT.INTERRUPTED);
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'a file is in the way',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'it is in use',
};

/** A failed file-system call (Node's `error.code`/`syscall`/`path`): an environment problem, not a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const e = error as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && typeof e.syscall === 'string';
}

/** Why a file-system call failed, in words (`no space left on the device`), else its message. */
export function systemErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  return SYSTEM_ERRORS[code] ?? (String((error as Error)?.message ?? error).replace(/^[A-Z]+: /, '').split(',')[0] ?? '');
}

/** `cannot write dist/x/index.html: no space left on the device (ENOSPC)`. */
export function describeSystemError(error: NodeJS.ErrnoException & { code: string }, cwd = process.cwd()): string {
  const verbs: Record<string, string> = { open: 'open', write: 'write', mkdir: 'create the folder', rename: 'move into place', scandir: 'read the folder', read: 'read', rmdir: 'remove', unlink: 'remove', copyfile: 'copy', stat: 'look at', lstat: 'look at', access: 'use' };
  const verb = verbs[error.syscall ?? ''] ?? error.syscall ?? 'use';
  const shown = (p: string | undefined) => (p ? (path.isAbsolute(p) ? path.relative(cwd, p) || p : p) : '');
  const target = error.path ? ` ${shown(error.path)}` : '';
  const why = systemErrorReason(error);
  return `cannot ${verb}${target}: ${why} (${error.code})`;
}

/**
 * Tells the user about an error and returns the exit code it calls for: a BriefdeckError's
 * diagnostics or message (no stack), a failed file-system call in one line, and only a real bug
 * with its stack trace.
 */
export function reportError(error: unknown): number {
  if (isSystemError(error)) {
    log.error(describeSystemError(error));
    return EXIT.FAILED;
  }
  if (!(error instanceof BriefdeckError)) {
    log.error(`${(error as Error)?.stack ?? String(error)}\n(a bug in briefdeck: DEBUG=briefdeck shows where in src/)`);
    return EXIT.FAILED;
  }
  if (error.diagnostics.length) for (const d of error.diagnostics) log.diagnostic(formatDiagnostic(d));
  else log.error(error.hint ? `${error.message}\n    hint: ${error.hint}` : error.message);
  return error.exitCode;
}
