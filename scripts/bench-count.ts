// The build's sentence count (every memo sentence found on a slide or in its notes, before
// anything is written) against the memo's size: a 1 MB and a 4 MB generated memo, parsed,
// planned and counted, each stage timed. A count linear in the memo takes about 4× as long on
// the memo four times as large; the quadratic one took 16× (a 10 MB memo: 35 s).
//   npx tsx scripts/bench-count.ts            (BENCH_RUNS=3: the median of three runs)
import { performance } from 'node:perf_hooks';
import { lostSentences } from '../src/model/fidelity.ts';
import { resolveLimits } from '../src/model/limits.ts';
import { deckTheme, loadStrings } from '../src/model/theme.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { planDeck } from '../src/plan/plan.ts';
import { median, RUNS } from './bench-utils.ts';

/** A memo of about `bytes`: sections of paragraphs of sentences, each sentence its own. */
export function generatedMemo(bytes: number): string {
  const parts = ['---\ntitle: A generated memo\nauthors: [Bench]\nlanguage: en\n---\n'];
  let size = parts[0]!.length;
  for (let s = 1; size < bytes; s++) {
    const section = [`\n## Section ${s} of the memo\n`];
    for (let p = 1; p <= 6; p++) {
      const sentences = Array.from({ length: 4 }, (_, k) => `Finding ${s}.${p}.${k} says that measure number ${s * 100 + p * 10 + k} works in its setting.`);
      section.push(`\n${sentences.join(' ')}\n`);
    }
    const text = section.join('');
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}

function stages(source: string): { parse: number; plan: number; count: number } {
  const t0 = performance.now();
  const memo = parseMemo(source, 'memo.md').memo!;
  const t1 = performance.now();
  const theme = deckTheme();
  const slides = planDeck(memo, { theme, strings: loadStrings('en'), limits: resolveLimits(theme) });
  const t2 = performance.now();
  const lost = lostSentences(memo, slides);
  const t3 = performance.now();
  if (lost.length) throw new Error(`the count lost ${lost.length} sentences`);
  return { parse: t1 - t0, plan: t2 - t1, count: t3 - t2 };
}

const sizes = [1, 4].map((mb) => ({ mb, source: generatedMemo(mb * 1024 * 1024) }));
const results = sizes.map(({ mb, source }) => {
  const runs = Array.from({ length: RUNS }, () => stages(source));
  const m = { parse: median(runs.map((r) => r.parse)), plan: median(runs.map((r) => r.plan)), count: median(runs.map((r) => r.count)) };
  console.log(`${mb} MB memo: parse ${m.parse.toFixed(0)} ms, plan ${m.plan.toFixed(0)} ms, sentence count ${m.count.toFixed(0)} ms`);
  return m;
});
const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
console.log(`4 MB / 1 MB: parse ${(large.parse / small.parse).toFixed(1)}×, plan ${(large.plan / small.plan).toFixed(1)}×, sentence count ${(large.count / small.count).toFixed(1)}× (linear: 4×, quadratic: 16×)`);
