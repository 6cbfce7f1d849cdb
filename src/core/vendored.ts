// Packages of which the installed tool needs a few files only: Mermaid's browser build and two
// weights of Noto Sans JP. Packing copies those files into lib/vendor/<package>/, laid out as in the
// package (src/bin.js, VENDORED), and they are development dependencies: installing briefdeck
// installs neither Mermaid's 9,000 files of dependencies nor seven font weights it never uses.
// In a checkout the packages themselves are used.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './paths.ts';

const LIB = path.join(PACKAGE_ROOT, 'lib');
/** Whether this is the packed tool's code (lib/), not a checkout's sources. */
const PACKED = fileURLToPath(import.meta.url).startsWith(LIB + path.sep);

/** A file made when the tool was packed (lib/<relative>), when this is the packed tool and it is there. */
export function packedFile(relative: string): string | undefined {
  const file = path.join(LIB, relative);
  return PACKED && existsSync(file) ? file : undefined;
}

/** The folder of a package the tool uses files of: its packed copy in the installed tool, else the package. */
export function packageFolder(name: string): string {
  const packed = path.join(LIB, 'vendor', name);
  if (PACKED && existsSync(packed)) return packed;
  return path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
}
