// node scripts/corpus-known.mjs — rewrites tests/corpus/known-failures.txt from a run of
// tests/corpus.test.ts without it: the checks of the corpus the importer does not pass yet.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const file = path.join(root, 'tests/corpus/known-failures.txt');
const aside = `${file}.aside`;
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'briefdeck-corpus-')), 'result.json');
if (existsSync(file)) renameSync(file, aside);
try {
  try {
    execFileSync('npx', ['vitest', 'run', 'tests/corpus.test.ts', '--reporter=json', `--outputFile=${out}`], { cwd: root, stdio: 'ignore' });
  } catch {
    // failures are what this collects
  }
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const failing = result.testResults
    .flatMap((f) => f.assertionResults)
    .filter((t) => t.status === 'failed')
    .map((t) => {
      const id = /\[([\w-]+)\]$/.exec(t.title)?.[1];
      const [doc, form] = t.ancestorTitles.slice(-2);
      return id && form ? `${doc.replace(/^corpus /, '')}/${form} ${id}` : undefined;
    })
    .filter(Boolean);
  const head = readFileSync(existsSync(aside) ? aside : file, 'utf8').split('\n').filter((l) => l.startsWith('#'));
  writeFileSync(file, `${[...head, ...failing].join('\n')}\n`);
  console.log(`${failing.length} checks fail; written to ${path.relative(root, file)}`);
  rmSync(path.dirname(out), { recursive: true, force: true });
} finally {
  if (existsSync(aside)) rmSync(aside);
}
