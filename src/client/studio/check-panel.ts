// The deck page's check: `briefdeck check` on memo.md as saved, its findings shown on their slide
// (outlined, and marked in the strip), at their line (the editor's gutter, with the hint), in a
// list, and check's summary line above it and in the bar.
import { setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorView } from 'codemirror';
import { byId, el, request } from './api.ts';

/** A finding of `check` (src/studio/findings.ts), where the studio shows it. */
interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
  line: number;
  inMemo: boolean;
  slide: number | null;
  slideId: string | null;
}

interface DeckFindings {
  compiled: boolean;
  findings: Finding[];
  summary: { text: string } | null;
}

/** What the check needs of the deck page. */
export interface DeckPageParts {
  /** The deck's API, /api/deck/<name>. */
  api: string;
  view: EditorView;
  strip: HTMLElement;
  frameDoc(): Document | null;
  reveal(): { slide(h: number): void } | undefined;
  goToLine(line: number): void;
  /** Whether the editor holds memo.md as saved (and no change on disk is on offer). */
  saved(): boolean;
}

/** Starts the check's button; returns the check (run after each save) and what redraws its marks when the slides are drawn again. */
export function startCheck(page: DeckPageParts): { runCheck(): Promise<void>; outlineFindings(): void; markStrip(): void } {
  let findings: Finding[] = [];
  const findingList = byId('findings');
  const checkStatus = byId('check-status');
  const checkButton = byId<HTMLButtonElement>('check');
  const outlineFindings = () => {
    const doc = page.frameDoc();
    if (!doc?.head) return;
    let style = doc.getElementById('bd-findings');
    if (!style) {
      style = doc.createElement('style');
      style.id = 'bd-findings';
      doc.head.append(style);
    }
    const ids = [...new Set(findings.flatMap((f) => (f.slideId ? [f.slideId] : [])))];
    style.textContent = ids.map((id) => `.reveal .slides > section#${CSS.escape(id)}{outline:8px solid #c62828 !important;outline-offset:-8px}`).join('\n');
  };
  const markStrip = () => {
    for (const button of page.strip.querySelectorAll<HTMLButtonElement>('button')) {
      const here = findings.filter((f) => f.slide === Number(button.dataset.index));
      button.classList.toggle('has-finding', here.length > 0);
      button.querySelector('.problems')?.remove();
      if (here.length) button.append(el('span', `${here.length} problem${here.length > 1 ? 's' : ''}`, { class: 'problems visually-hidden' }));
    }
  };
  const showFindings = (result: DeckFindings) => {
    findings = result.findings;
    const doc = page.view.state.doc;
    const marks: EditorDiagnostic[] = findings
      .filter((f) => f.inMemo && f.line >= 1 && f.line <= doc.lines)
      .map((f) => {
        const line = doc.line(f.line);
        return { from: line.from, to: line.to, severity: f.severity, source: f.code, message: f.hint ? `${f.message} — ${f.hint}` : f.message };
      });
    page.view.dispatch(setDiagnostics(page.view.state, marks));
    byId('check-summary').textContent = result.summary?.text ?? (result.compiled ? '' : 'The memo does not compile: fix what is listed below.');
    // The gate's summary stays in view in the bar, whatever is scrolled: a link to the findings.
    const gate = byId<HTMLAnchorElement>('gate');
    gate.textContent = result.summary?.text ?? (result.compiled ? '' : 'The memo does not compile');
    gate.title = gate.textContent;
    gate.hidden = !gate.textContent;
    gate.classList.toggle('failing', !result.compiled || findings.some((f) => f.severity === 'error'));
    findingList.replaceChildren(
      ...findings.map((f) => {
        const where = [f.slide !== null ? `Slide ${f.slide + 1}` : '', f.inMemo ? `line ${f.line}` : `deck.yaml line ${f.line}`].filter(Boolean).join(', ');
        const button = el('button', undefined, { type: 'button', class: f.severity });
        button.append(el('span', `${where}: `, { class: 'where' }), el('span', f.message));
        if (f.hint) button.append(el('span', f.hint, { class: 'hint' }));
        button.addEventListener('click', () => {
          if (f.slide !== null) page.reveal()?.slide(f.slide);
          if (f.inMemo) page.goToLine(f.line);
        });
        return el('li').appendChild(button).parentElement!;
      }),
    );
    outlineFindings();
    markStrip();
  };
  let checking = false;
  const runCheck = async () => {
    if (checking) return;
    if (!page.saved()) {
      checkStatus.textContent = 'Save first: the check reads memo.md as saved.';
      return;
    }
    checking = true;
    checkButton.disabled = true;
    checkStatus.textContent = 'Checking…';
    try {
      const result = await request<DeckFindings>('POST', `${page.api}/check`, {});
      showFindings(result);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      checkStatus.textContent = errors + warnings === 0 ? 'No problems found.' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
    } catch (error) {
      checkStatus.textContent = `The check did not run: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      checking = false;
      checkButton.disabled = false;
    }
  };
  checkButton.addEventListener('click', () => void runCheck());
  return { runCheck, outlineFindings, markStrip };
}
