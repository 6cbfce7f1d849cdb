// npm run bench:import — is `import` linear in its input? Imports the shared memo's text
// repeated to about 1 MB and to ten times that, and prints the times and their ratio (about 10
// when linear; 100 when quadratic).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importMemo } from '../src/import/import.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';

/** The shared memo's text, repeated until it is about `bytes` long. */
export function longMemo(bytes: number): string {
  const text = readFileSync(path.resolve(PROJECT_ROOT, 'tests/fixtures/import/asi-memo-4/asi-policy-memo-4.txt'), 'utf8');
  return text.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(text))));
}

export function timeImport(text: string): number {
  const start = performance.now();
  const result = importMemo(text, { file: 'long.txt', format: 'pdf-text' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.report || errors.length > 0 || result.report.placed !== result.report.body) {
    throw new Error(`the import failed: ${errors.map((d) => d.message).slice(0, 3).join('; ') || 'a sentence was not placed'}`);
  }
  return performance.now() - start;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = Number(process.argv[2] ?? 1_000_000);
  const small = timeImport(longMemo(size));
  const large = timeImport(longMemo(size * 10));
  console.log(`import ${(size / 1e6).toFixed(1)} MB: ${(small / 1000).toFixed(2)} s; ${((size * 10) / 1e6).toFixed(1)} MB: ${(large / 1000).toFixed(2)} s; ratio ${(large / small).toFixed(1)} (10 is linear)`);
}
