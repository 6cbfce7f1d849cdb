// The deck page: memo.md in CodeMirror on the left, the deck on the right (the dev server's page
// in a frame of the same origin, updated as you type), a strip of the slides under it. Clicking a
// slide puts the cursor on its line; moving the cursor shows its slide. Saving sends the version
// the text was edited from: a change made on disk meanwhile is offered, never overwritten.
import { markdown } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { lintGutter } from '@codemirror/lint';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { byId, el, request, StudioError } from './api.ts';
import { startBrandPanel } from './brand-panel.ts';
import { startCheck } from './check-panel.ts';
import { startOutputs } from './outputs-panel.ts';
import { roleMenu, structureLabels } from './structure-view.ts';
import { deckStyles, thumbnail } from './thumbnails.ts';

interface Memo {
  text: string;
  version: string;
}

interface RevealLike {
  slide(h: number, v?: number): void;
  getIndices(): { h: number; v?: number };
  on(event: string, fn: () => void): void;
}

/** How long the editor waits after a keystroke before the slides are compiled again. */
const TYPING_PAUSE_MS = 30;

export function startDeckPage(): void {
  void run().catch((error: unknown) => {
    byId('save-status').textContent = error instanceof Error ? error.message : String(error);
  });
}

async function run(): Promise<void> {
  const deckName = document.body.dataset.deck ?? '';
  const api = `/api/deck/${encodeURIComponent(deckName)}`;
  const frame = byId<HTMLIFrameElement>('preview');
  const status = byId('save-status');
  const saveButton = byId<HTMLButtonElement>('save');
  const conflict = byId('conflict');
  const cursorLine = el('p', '', { id: 'cursor-line', class: 'hint' });
  byId('editor').after(cursorLine);
  const menu = roleMenu(byId<HTMLSelectElement>('role'), byId('role-heading'));

  const memo = await request<Memo>('GET', `${api}/memo`);
  /** The version on disk the editor's text started from, and that text. */
  let base = memo.version;
  let savedText = memo.text;
  /** Their version, while a conflict is offered. */
  let theirs: Memo | undefined;
  let replacing = false;
  let typing: ReturnType<typeof setTimeout> | undefined;
  let following: ReturnType<typeof setTimeout> | undefined;
  /** A cursor moved by a click on a slide: the slide is already showing. */
  let fromSlide = false;

  const text = () => view.state.doc.toString();
  const dirty = () => text() !== savedText;
  const showState = () => {
    if (theirs) return;
    status.textContent = dirty() ? 'Unsaved changes' : 'Saved';
    saveButton.classList.toggle('pending', dirty());
  };

  /** Each preview numbered: the server keeps the latest sent, whatever order the requests arrive in. */
  let previews = 0;
  const pageId = Math.random().toString(36).slice(2);
  const preview = (value: string | null) => request('POST', `${api}/preview`, { text: value, page: pageId, seq: ++previews }).catch((error: unknown) => {
    status.textContent = error instanceof StudioError ? error.message : String(error);
  });

  let saving = false;
  const save = async () => {
    if (theirs) {
      conflict.querySelector('button')?.focus();
      return;
    }
    if (saving) return;
    saving = true;
    const now = text();
    status.textContent = 'Saving…';
    try {
      const saved = await request<{ version: string }>('PUT', `${api}/memo`, { text: now, base });
      base = saved.version;
      savedText = now;
      showState();
      // The gate runs on what was saved.
      void runCheck();
    } catch (error) {
      if (error instanceof StudioError && error.status === 409) offer({ text: String(error.body.text ?? ''), version: String(error.body.version ?? '') });
      else status.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      saving = false;
    }
  };

  const setText = (value: string) => {
    replacing = true;
    const line = view.state.doc.lineAt(view.state.selection.main.head).number;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    const doc = view.state.doc;
    view.dispatch({ selection: { anchor: doc.line(Math.min(line, doc.lines)).from } });
    replacing = false;
  };

  /** Another program's version of memo.md, while the editor holds unsaved edits: the person chooses. */
  const offer = (disk: Memo) => {
    // The same words on both sides: nothing to choose.
    if (disk.text === text()) {
      base = disk.version;
      savedText = disk.text;
      showState();
      return;
    }
    theirs = disk;
    conflict.hidden = false;
    status.textContent = 'memo.md changed on disk: choose which version to keep';
    byId('keep-mine').focus();
  };
  const settle = () => {
    theirs = undefined;
    conflict.hidden = true;
    showState();
  };
  byId('keep-mine').addEventListener('click', () => {
    // Saving will now replace their version, as the person chose.
    if (theirs) base = theirs.version;
    settle();
    view.focus();
  });
  byId('take-theirs').addEventListener('click', () => {
    if (!theirs) return;
    base = theirs.version;
    savedText = theirs.text;
    setText(theirs.text);
    void preview(null);
    settle();
    view.focus();
  });

  const view = new EditorView({
    doc: memo.text,
    parent: byId('editor'),
    extensions: [
      basicSetup,
      // The memo's front matter read as YAML, not as Markdown (where its lines, closed by `---`,
      // are one setext heading, and its comments headings).
      yamlFrontmatter({ content: markdown() }),
      structureLabels,
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Memo text (Markdown)', tabindex: '0' }),
      Prec.highest(keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (void save(), true) }])),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          showState();
          if (!replacing) {
            clearTimeout(typing);
            typing = setTimeout(() => void preview(text()), TYPING_PAUSE_MS);
          }
        }
        if (update.selectionSet || update.docChanged) {
          const line = update.state.doc.lineAt(update.state.selection.main.head).number;
          cursorLine.textContent = `Line ${line}`;
          menu.follow(update.view);
          clearTimeout(following);
          if (!fromSlide) following = setTimeout(() => showSlideOf(line), 120);
          fromSlide = false;
        }
      }),
    ],
  });
  cursorLine.textContent = 'Line 1';
  menu.attach(view);
  menu.follow(view);
  saveButton.addEventListener('click', () => void save());
  document.addEventListener('keydown', (event) => {
    // (The editor's own Ctrl-S has saved already.)
    if (event.defaultPrevented) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty()) event.preventDefault();
  });

  startBrandPanel(api);

  // The preview compiles memo.md as saved until the editor says otherwise.
  void preview(null);

  // Another editor's save reaches the page at once.
  const events = new EventSource(`${api}/events`);
  events.addEventListener('disk', (event) => {
    const disk = JSON.parse((event as MessageEvent<string>).data) as Memo;
    if (disk.version === base) return;
    if (!dirty()) {
      base = disk.version;
      savedText = disk.text;
      setText(disk.text);
      void preview(null);
      status.textContent = 'Updated from disk';
      return;
    }
    offer(disk);
  });

  // The slides: in the frame (same origin), read as the page draws them.
  const frameDoc = () => frame.contentDocument;
  const reveal = () => (frame.contentWindow as (Window & { Reveal?: RevealLike }) | null)?.Reveal;
  const slides = () => [...(frameDoc()?.querySelectorAll<HTMLElement>('.reveal .slides > section') ?? [])];
  /** Each slide's memo lines: its own, and those of the entries it shows. */
  const linesOf = (slide: HTMLElement) => [Number(slide.dataset.sourceLine), ...[...slide.querySelectorAll<HTMLElement>('[data-line]')].filter((e) => !e.closest('.notes')).map((e) => Number(e.dataset.line))].filter((n) => n > 0);
  /** The slide showing memo line `line`: the one with the nearest line at or above it. */
  const slideOfLine = (line: number): number | undefined => {
    let best: { index: number; line: number } | undefined;
    slides().forEach((slide, index) => {
      for (const l of linesOf(slide)) if (l <= line && (!best || l > best.line)) best = { index, line: l };
    });
    return best?.index;
  };
  const showSlideOf = (line: number) => {
    const index = slideOfLine(line);
    const deck = reveal();
    if (index !== undefined && deck && deck.getIndices().h !== index) deck.slide(index);
  };
  const goToLine = (line: number) => {
    const doc = view.state.doc;
    const at = doc.line(Math.max(1, Math.min(line, doc.lines)));
    fromSlide = true;
    view.dispatch({ selection: { anchor: at.from }, effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
    view.focus();
  };

  const strip = byId('strip');
  const drawStrip = () => {
    const current = reveal()?.getIndices().h ?? 0;
    const doc = frameDoc();
    const styles = doc ? deckStyles(doc, 160) : undefined;
    strip.replaceChildren(
      ...slides().map((slide, index) => {
        const title = (slide.querySelector('h1, h2, h3, .bd-title')?.textContent ?? slide.querySelector('.bd-frame')?.textContent ?? '').trim().replace(/\s+/g, ' ');
        const button = el('button', undefined, { type: 'button', 'data-index': String(index) });
        if (styles) button.append(thumbnail(slide, styles));
        button.append(el('span', `Slide ${index + 1}`, { class: 'number' }), el('span', title.length > 60 ? `${title.slice(0, 59)}…` : title, { class: 'title' }));
        if (index === current) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', () => {
          reveal()?.slide(index);
          const line = Number(slide.dataset.sourceLine);
          if (line > 0) goToLine(line);
        });
        return el('li', undefined, {}).appendChild(button).parentElement!;
      }),
    );
  };
  const markCurrent = () => {
    const current = reveal()?.getIndices().h ?? 0;
    for (const button of strip.querySelectorAll('button')) {
      if (Number(button.dataset.index) === current) {
        button.setAttribute('aria-current', 'true');
        button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      } else button.removeAttribute('aria-current');
    }
  };

  const { runCheck, outlineFindings, markStrip } = startCheck({ api, view, strip, frameDoc, reveal, goToLine, saved: () => !dirty() && !theirs });
  const { markChanges, changesSoon } = startOutputs({
    api,
    strip,
    events,
    saveFirst: async () => {
      if (dirty()) await save();
      return !dirty() && !theirs;
    },
  });

  const attach = () => {
    const doc = frameDoc();
    if (!doc) return;
    // Each new set of slides (ready, then every update) redraws the strip.
    let hooked = false;
    const ready = () => {
      if (doc.documentElement.dataset.briefdeckReady !== 'true') return;
      drawStrip();
      markStrip();
      markChanges();
      changesSoon();
      outlineFindings();
      if (!hooked) reveal()?.on('slidechanged', markCurrent);
      hooked = true;
    };
    new MutationObserver(ready).observe(doc.documentElement, { attributes: true, attributeFilter: ['data-briefdeck-ready', 'data-briefdeck-version'] });
    ready();
    // A click on a slide: the cursor goes to the line of what was clicked (an entry), else the slide's.
    doc.addEventListener('click', (event) => {
      const target = event.target as Element | null;
      if (!target?.closest || target.closest('.controls, a')) return;
      const entry = target.closest<HTMLElement>('[data-line]');
      const slide = target.closest<HTMLElement>('section[data-source-line]');
      const line = Number(entry?.dataset.line ?? slide?.dataset.sourceLine ?? 0);
      if (line > 0) goToLine(line);
    });
  };
  frame.addEventListener('load', attach);
  if (frame.contentDocument?.readyState === 'complete') attach();
}
