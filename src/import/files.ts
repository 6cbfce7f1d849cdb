// The import's I/O edge: the input and meta files read, the memo source written, each failure
// a one-line message naming the file (exit 1), never a stack trace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BriefdeckError, systemErrorReason } from '../core/errors.ts';
import { shownPath, writeFileAtomic } from '../core/files.ts';

const shown = shownPath;

/** A file's bytes, or a clear error: missing, a folder, unreadable. */
export function readInputFile(file: string, what = 'the memo'): Uint8Array {
  try {
    if (statSync(file).isDirectory()) throw new BriefdeckError(`${file}: is a folder: give ${what} as a file`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof BriefdeckError) throw error;
    throw new BriefdeckError(`${file}: cannot read ${what}: ${systemErrorReason(error)}`);
  }
}

/** Before any work: the memo source may be written there (not a folder; not over a memo without --force; no file in the way of its folder). */
export function checkTarget(target: string, force: boolean): void {
  if (existsSync(target) && statSync(target).isDirectory()) throw new BriefdeckError(`${shown(target)}: is a folder, where the memo source goes: move it away`);
  if (existsSync(target) && !force) throw new BriefdeckError(`${shown(target)} exists: add --force to replace it`);
  // A file where a folder of the path belongs.
  for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new BriefdeckError(`${shown(target)}: cannot write: ${shown(dir)} is a file, not a folder`);
      break;
    }
  }
}

export function writeMemoSource(target: string, markdown: string): void {
  try {
    writeFileAtomic(target, markdown);
  } catch (error) {
    throw new BriefdeckError(`${shown(target)}: cannot write the memo source: ${systemErrorReason(error)} (nothing was written)`);
  }
}
