// Where a file a deck names really is: its symlinks followed. A file an output takes (a memo's
// image, a logo) must lie inside the folder that may name it, wherever its path seems to lead.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type Confined = { file: string } | { problem: 'missing' | 'outside'; real?: string };

/** `file` with its symlinks followed, if it is a file inside `root` (also followed). */
export function confinedFile(file: string, root: string): Confined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(file);
    realRoot = realpathSync(root);
  } catch {
    return { problem: 'missing' };
  }
  const rel = path.relative(realRoot, real);
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { problem: 'outside', real };
  try {
    if (!statSync(real).isFile()) return { problem: 'missing' };
  } catch {
    return { problem: 'missing' };
  }
  return { file: real };
}

/** Whether `inner` lies inside `outer` (or is it), as written. */
export const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/** Where a path really leads: its existing part with its links followed, the rest as written. */
export function realPath(target: string): string {
  const rest: string[] = [];
  let head = path.resolve(target);
  for (;;) {
    try {
      return path.join(realpathSync(head), ...rest.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(target);
      rest.push(path.basename(head));
      head = parent;
    }
  }
}
