import path from 'node:path';
import type { Diagnostic, SourceRef } from './types.ts';

/** The one error class of briefdeck: carries diagnostics and the exit code the CLI returns. */
export class BriefdeckError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;

  constructor(message: string, diagnostics: Diagnostic[] = [], exitCode = 1) {
    super(message);
    this.name = 'BriefdeckError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
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

/** Exit code of a run stopped by Ctrl-C. */
export const INTERRUPTED = 130;

/** Stops work that was interrupted before it writes anything. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BriefdeckError('interrupted: nothing was written', [], INTERRUPTED);
}
