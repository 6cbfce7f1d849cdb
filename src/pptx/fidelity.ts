// Does the PowerPoint file say everything the memo says? Read back from the file itself: every
// sentence of the memo on a slide or in its notes, and every entry of the plan (recommendations
// among them) on its own slide, not only in the notes.
import { inlineText } from '../model/content.ts';
import { diagnostic } from '../core/errors.ts';
import { memoSentences, normalize, unsaid } from '../model/fidelity.ts';
import type { Diagnostic, Memo, Slide } from '../model/types.ts';
import { pptxText, type ReadPresentation } from './read.ts';

const clip = (text: string) => `${text.slice(0, 60)}${text.length > 60 ? '…' : ''}`;

export function pptxProblems(memo: Memo, slides: Slide[], pres: ReadPresentation, shown: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (pres.slides.length !== slides.length) problems.push(diagnostic({ file: memo.file, line: 1 }, 'pptx-slides', `${shown} has ${pres.slides.length} slides where the deck has ${slides.length}`));
  const all = normalize(pptxText(pres));
  for (const s of unsaid(all, memoSentences(memo), normalize)) problems.push(diagnostic(s, 'pptx-missing-sentence', `a sentence of the memo is on no slide and in no notes of ${shown}: "${clip(s.text)}"`));
  slides.forEach((slide, i) => {
    // Titled for PowerPoint's outline view and screen readers: the title in a title placeholder.
    const titled = pres.slides[i]?.placeholders.some((p) => (p.type === 'title' || p.type === 'ctrTitle') && normalize(p.text).includes(normalize(inlineText(slide.title, true))));
    if (pres.slides[i] && !titled) problems.push(diagnostic(slide.source, 'pptx-untitled', `slide ${i + 1} of ${shown} has no title placeholder that says its title "${clip(inlineText(slide.title, true))}" (PowerPoint's outline view and screen readers would miss it)`));
    const onSlide = normalize(pres.slides[i]?.paragraphs.join('\n') ?? '');
    for (const item of slide.items) {
      const text = inlineText(item.content, true);
      if (!onSlide.includes(normalize(text))) problems.push(diagnostic(item.source ?? slide.source, 'pptx-missing-entry', `slide ${i + 1} of ${shown} does not show "${clip(text)}"`));
    }
  });
  return problems;
}
