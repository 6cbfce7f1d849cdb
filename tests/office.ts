// LibreOffice, as the tests open PowerPoint files in it: one LibreOffice for the whole run
// (tests/office.py), started by the first file that needs it and ended by tests/global-setup.ts.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './python.ts';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'office.py');

/** The run's LibreOffice folder (its profile, its lock), made by tests/global-setup.ts. */
export function officeHome(): string {
  const home = process.env.BRIEFDECK_TEST_OFFICE;
  if (!home) throw new Error('BRIEFDECK_TEST_OFFICE is not set: LibreOffice is started for a run by tests/global-setup.ts');
  return home;
}

/** Prints each file to `<outDir>/<name>.pdf` in LibreOffice, as `soffice --convert-to pdf` does. */
export function officePdf(files: string[], outDir: string, timeout = 240_000, attempt = 1): void {
  try {
    execFileSync(PYTHON, [SCRIPT, officeHome(), outDir, ...files], { stdio: ['ignore', 'ignore', 'pipe'], timeout });
  } catch (error) {
    // The bridge to LibreOffice (python3-uno) crashing on a signal is the reader's fault, not the
    // file's (seen twice in full runs, SIGSEGV with nothing on stderr): asked once more, a file
    // LibreOffice cannot print still fails.
    if ((error as { signal?: string | null }).signal && (error as { code?: string }).code !== 'ETIMEDOUT' && attempt === 1) return officePdf(files, outDir, timeout, 2);
    // How it ended, said: seen once in a full run, a failure with no message (a signal, or a crash of the bridge to LibreOffice).
    const e = error as { status?: number | null; signal?: string | null; stderr?: Buffer; code?: string };
    throw new Error(`LibreOffice's printing (tests/office.py) failed: ${e.code ?? ''} exit ${e.status ?? '–'}, signal ${e.signal ?? '–'}: ${e.stderr?.toString().trim() || 'nothing on stderr'} (files: ${files.map((f) => path.basename(f)).join(', ')})`);
  }
}
