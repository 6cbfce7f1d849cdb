import { existsSync } from 'node:fs';

/**
 * The system's Python: LibreOffice's binding (Debian's python3-uno) is its, and it starts at
 * once — a pyenv on the PATH answers `python3` through a shell script, a quarter of a second each
 * time (the XML checks of tests/xml.ts run it for every PowerPoint file they read).
 */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
