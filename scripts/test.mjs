// `npm test`: the type check and the tests at once — the type check takes one core for 4 s warm
// (10 s in a clean clone) while the tests' workers start, rather than before them. Arguments go to
// vitest (`npm test -- tests/pdf.test.ts`). Fails when either fails.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** A package's command, as its package.json names it. */
const bin = (name, command = name) => {
  const manifest = require.resolve(`${name}/package.json`);
  const { bin } = require(manifest);
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin[command]);
};
const run = (entry, args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const [types, tests] = await Promise.all([run(bin('typescript', 'tsc'), ['--noEmit']), run(bin('vitest'), ['run', ...process.argv.slice(2)])]);
if (types !== 0) process.stderr.write('npm test: the type check (tsc --noEmit) failed: see its errors above\n');
process.exit(types || tests);
