// The build's sentence count finds every sentence a deck says, in whatever order, and names each
// one it does not say at its line. (Its time against the memo's size: scripts/bench-count.ts.)
import { describe, expect, it } from 'vitest';
import { lostSentences, memoSentences, slidesText, unsaid, type MemoSentence } from '../src/model/fidelity.ts';
import { resolveLimits } from '../src/model/limits.ts';
import { deckTheme, loadStrings } from '../src/model/theme.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { planDeck } from '../src/plan/plan.ts';

const s = (text: string, line: number, shown = text): MemoSentence => ({ file: 'memo.md', line, text, shown });

describe('unsaid: the sentences a text does not say', () => {
  it('finds sentences said in the memo\'s order, out of it, repeated, and by their shown form', () => {
    const text = 'Agenda:Findings.Findings.Thefirstone.Thethird,withnote1.Thesecond.Thefirstone.';
    const sentences = [s('Findings.', 1), s('The first one.', 2), s('The second.', 3), s('The third, with note[^1].', 4, 'The third, with note1.')];
    expect(unsaid(text, sentences)).toEqual([]);
  });

  it('names each sentence said nowhere, with its line, whether before or after the others', () => {
    const text = 'Thesecond.Thefourth.';
    const sentences = [s('The first.', 1), s('The second.', 2), s('The third.', 3), s('The fourth.', 4), s('The fifth.', 5)];
    expect(unsaid(text, sentences).map((x) => x.line)).toEqual([1, 3, 5]);
  });

  it('a sentence found only before the place the count has reached is found', () => {
    expect(unsaid('Bee.Ay.', [s('Ay.', 1), s('Bee.', 2)])).toEqual([]);
  });
});

describe("the build's count over a planned deck", () => {
  const source = [
    '---\ntitle: A memo\nlanguage: en\n---\n',
    ...Array.from({ length: 300 }, (_, k) => `\n## Section ${k}\n\n${Array.from({ length: 8 }, (_, j) => `Finding ${k}.${j} says that measure ${k * 10 + j} works.`).join(' ')}\n`),
  ].join('');
  const memo = parseMemo(source, 'memo.md').memo!;
  const theme = deckTheme();
  const slides = planDeck(memo, { theme, strings: loadStrings('en'), limits: resolveLimits(theme) });

  it('finds every one of 2,700 sentences', () => {
    expect(memoSentences(memo).length).toBe(2700);
    expect(lostSentences(memo, slides)).toEqual([]);
  });

  it('names a sentence no slide says at its line', () => {
    const text = slidesText(slides).replaceAll('Finding123.4saysthatmeasure1234works.', '');
    const missing = unsaid(text, memoSentences(memo));
    expect(missing.map((m) => [m.text, m.line])).toEqual([['Finding 123.4 says that measure 1234 works.', source.split('\n').indexOf('## Section 123') + 3]]);
  });
});
