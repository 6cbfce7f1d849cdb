// The deck page's outputs: the CLI's files in dist/, made from the page with the stage each export
// is at, and what changed since the last slides PDF (marked in the strip, said under the outputs).
import { byId, el, request } from './api.ts';

/** An output of the deck in dist/, as the studio's API describes it. */
interface OutputState {
  exists: boolean;
  bytes: number | null;
  modified: number | null;
  name: string;
  href: string | null;
}

/** An export's stages, as the page says them. */
const STAGES: Record<string, string> = { waiting: 'waiting for the export before it…', compiling: 'compiling…', printing: 'printing…', writing: 'writing…', bundling: 'bundling…', recording: 'noting its slides…', done: 'done' };

/** What the outputs need of the deck page. */
export interface OutputsPageParts {
  /** The deck's API, /api/deck/<name>. */
  api: string;
  strip: HTMLElement;
  /** The deck's event stream (an export's stages come on it). */
  events: EventSource;
  /** Saves the editor's text if it changed; whether memo.md then holds it (no conflict on offer). */
  saveFirst(): Promise<boolean>;
}

/** Starts the outputs' buttons; returns what marks the changed slides when the strip is drawn again. */
export function startOutputs(page: OutputsPageParts): { markChanges(): void; changesSoon(): void } {
  const outputItems = [...document.querySelectorAll<HTMLLIElement>('.outputs li')];
  const size = (bytes: number | null) => (bytes === null ? '' : bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
  const showOutputs = (outputs: Record<string, OutputState>) => {
    for (const item of outputItems) {
      const output = outputs[item.dataset.kind ?? ''];
      const link = item.querySelector<HTMLAnchorElement>('a.open')!;
      link.hidden = !output?.href;
      if (output?.href) {
        link.href = `${output.href}?v=${output.modified ?? 0}`;
        link.setAttribute('aria-label', `${link.textContent} ${output.name}`);
        const state = item.querySelector('.state')!;
        if (!state.textContent || state.textContent === 'done') state.textContent = `${output.name}, ${size(output.bytes)}, ${new Date(output.modified ?? 0).toLocaleString()}`;
      }
    }
  };
  for (const item of outputItems) {
    const button = item.querySelector('button')!;
    const state = item.querySelector('.state')!;
    button.addEventListener('click', () => {
      void (async () => {
        if (!(await page.saveFirst())) {
          state.textContent = 'save first: outputs are made from memo.md as saved';
          return;
        }
        button.disabled = true;
        state.textContent = 'starting…';
        try {
          const outputs = await request<Record<string, OutputState>>('POST', `${page.api}/export`, { kind: item.dataset.kind });
          state.textContent = '';
          showOutputs(outputs);
          void refreshChanges();
        } catch (error) {
          state.textContent = `not made: ${error instanceof Error ? error.message : String(error)}`;
        } finally {
          button.disabled = false;
        }
      })();
    });
  }
  void request<Record<string, OutputState>>('GET', `${page.api}/outputs`).then(showOutputs, () => {});

  // What changed since the last slides PDF: marked in the strip, said under the outputs.
  let changes: { known: boolean; stalePages: number[]; slides: Array<{ index: number; changed: boolean }> } | undefined;
  let changesTimer: ReturnType<typeof setTimeout> | undefined;
  const markChanges = () => {
    for (const button of page.strip.querySelectorAll<HTMLButtonElement>('button')) {
      const changed = !!changes?.known && !!changes.slides[Number(button.dataset.index)]?.changed;
      button.classList.toggle('changed', changed);
      button.querySelector('.changed-note')?.remove();
      if (changed) button.append(el('span', 'changed since the PDF', { class: 'changed-note' }));
    }
  };
  const refreshChanges = async () => {
    let answer: typeof changes | { error: string };
    try {
      answer = await request('GET', `${page.api}/changes`);
    } catch {
      return;
    }
    // A memo that does not compile (422, its problems shown by the check and the preview) has no
    // slides to compare: the last comparison stands until it compiles again.
    if (!answer || !('slides' in answer) || !Array.isArray(answer.slides)) return;
    changes = answer;
    const note = byId('changes');
    const changed = changes!.slides.filter((x) => x.changed).map((x) => x.index + 1);
    if (!changes!.known) note.textContent = 'No slides PDF made here yet to compare with.';
    else if (!changed.length && !changes!.stalePages.length) note.textContent = 'The slides PDF shows the slides as they are now.';
    else note.textContent = `Changed since the slides PDF: slide${changed.length === 1 ? '' : 's'} ${changed.join(', ') || 'none'}${changes!.stalePages.length ? `; out of date in the PDF: page${changes!.stalePages.length === 1 ? '' : 's'} ${changes!.stalePages.join(', ')}` : ''}.`;
    markChanges();
  };
  const changesSoon = () => {
    clearTimeout(changesTimer);
    changesTimer = setTimeout(() => void refreshChanges(), 400);
  };
  page.events.addEventListener('export', (event) => {
    const { kind, stage } = JSON.parse((event as MessageEvent<string>).data) as { kind: string; stage: string };
    const item = outputItems.find((i) => i.dataset.kind === kind);
    const state = item?.querySelector('.state');
    // ('done' is said by the answer to the button, with the file made.)
    if (state && stage !== 'done' && item!.querySelector('button')!.disabled) state.textContent = STAGES[stage] ?? stage;
  });
  return { markChanges, changesSoon };
}
