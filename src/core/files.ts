// Small shared helpers at the I/O edge and for HTML text.
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import { decodeText } from './decode.ts';

/**
 * Writes a file under a temporary name beside it, then renames it into place: a reader sees
 * the old file or the new one, never half of one, and a failure leaves the old one as it was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    // A file replaced keeps its permissions (a memo kept private stays so).
    const mode = statSync(file, { throwIfNoEntry: false })?.mode;
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    // A write that fails (a full disk) names no file of its own: name the one being written.
    const e = error as NodeJS.ErrnoException;
    if (typeof e?.code === 'string' && !e.path) e.path = file;
    throw error;
  }
}

/** A path as a message shows it: from the current folder (the path itself where that is it). */
export const shownPath = (file: string) => path.relative(process.cwd(), file) || file;

/** Text as HTML text content (&, <, >, " escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML → the text a reader sees: tags dropped, character references decoded. */
export function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return NAMED[lower] ?? match;
  });
}

/**
 * Reads a text file that must be UTF-8 (a byte order mark is fine): one that is not adds an error
 * at its first line that is not (code `<prefix>-encoding`), naming the likely encoding.
 */
export function readTextFile(file: string, diagnostics: Diagnostic[], prefix = 'input'): string | undefined {
  const decoded = decodeText(readFileSync(file), file, { legacy: false, code: prefix });
  diagnostics.push(...decoded.diagnostics);
  return decoded.text;
}

/**
 * The process id in the name of a staging or temporary file briefdeck makes, if it is one. Staging
 * names are hidden (a leading dot): a deck whose own name reads like one ("plan.old-2019") is a
 * deck, never a leftover.
 */
// (Browser profiles, briefdeck-chromium-<pid>-…, are swept by src/browser/profiles.ts, which knows when one is stale.)
const LEFTOVER = /^\..*(?:\.building-|\.old-|\.tmp-)(\d+)(?:-\w+)?$|^\..*\.(\d+)\.tmp$|^briefdeck-check-(\d+)(?:-\w+)?$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what runs that were killed left in `dir`: staging folders, replaced outputs and
 * temporary files whose process is gone. Returns their names.
 */
export function sweepLeftovers(dir: string, only: (name: string) => boolean = () => true): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    const pid = Number(m?.[1] ?? m?.[2] ?? m?.[3]);
    if (!m || !only(name) || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      swept.push(name);
    } catch {
      // Another run may be sweeping it too; what remains is tried again next time.
    }
  }
  return swept;
}
