// Home: the decks, and "New deck from a document" — a file dropped or chosen, or pasted text,
// imported by the server as `briefdeck import` does; its report shown as lists.
import { byId, el, request, StudioError } from './api.ts';
import { UPLOAD_LIMIT, type StudioImport } from './wire.ts';

/** The server's answer: an import's report, or why it failed. */
type ImportResult = StudioImport & { error?: string };

/** What a structure marker means, in words. */
const MARKER_WORDS: Record<string, string> = {
  '.initiatives': 'a section of initiatives',
  '.initiative': 'an initiative (its list: recommendations)',
  '.assessment': 'an assessment (its parts shown one by one)',
  '.challenges': 'the challenges',
  '.approach': 'an approach (a node of the framework diagram)',
};

export function markerWords(marker: string): string {
  const roles = [...marker.matchAll(/\.[\w-]+/g)].map((m) => MARKER_WORDS[m[0]] ?? m[0].slice(1));
  return roles.length ? roles.join(', ') : marker;
}

/** A deck name from a file name: without its extension. */
const nameFrom = (file: string) => file.replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|]+/g, '-').replace(/^\.+/, '').trim();

export function startHomePage(): void {
  const form = document.getElementById('import-form') as HTMLFormElement | null;
  if (!form) return;
  const fileInput = byId<HTMLInputElement>('file');
  const drop = byId('drop');
  const paste = byId<HTMLTextAreaElement>('paste');
  const nameInput = byId<HTMLInputElement>('deck-name');
  const status = byId('import-status');
  const chosenText = byId('file-chosen');
  const button = byId<HTMLButtonElement>('import-button');
  let chosen: File | undefined;

  const choose = (file: File | undefined) => {
    chosen = file;
    chosenText.textContent = file ? `Chosen: ${file.name} (${(file.size / 1024).toFixed(0)} KB)` : '';
    if (file && !nameInput.value.trim()) nameInput.value = nameFrom(file.name);
  };
  fileInput.addEventListener('change', () => choose(fileInput.files?.[0]));
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = (event as DragEvent).dataTransfer?.files?.[0];
    if (file) choose(file);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const text = paste.value;
      if (!chosen && !text.trim()) {
        status.textContent = 'Choose or drop a document, or paste the memo\'s text, first.';
        return;
      }
      const file = chosen ?? undefined;
      if (file && file.size > UPLOAD_LIMIT) {
        status.textContent = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: the studio takes documents up to 50 MB.`;
        return;
      }
      const fileName = file?.name ?? 'pasted.txt';
      const name = nameInput.value.trim() || nameFrom(fileName);
      const query = new URLSearchParams({ file: fileName, name });
      if (byId<HTMLInputElement>('allow-drop').checked) query.set('allowDrop', '1');
      status.textContent = `Importing ${file ? file.name : 'the pasted text'}…`;
      button.disabled = true;
      try {
        const body = file ? await file.arrayBuffer() : new TextEncoder().encode(text).buffer;
        const result = await request<ImportResult>('POST', `/api/import?${query}`, undefined, body as ArrayBuffer);
        showReport(result);
        status.textContent = result.written ? `Imported into the deck "${result.deck}".` : 'Nothing was written: see what went wrong below.';
      } catch (error) {
        status.textContent = error instanceof StudioError ? error.message : String(error);
      } finally {
        button.disabled = false;
      }
    })();
  });
}

function showReport(result: ImportResult): void {
  const section = byId('report');
  const body = byId('report-body');
  body.replaceChildren();
  const list = (heading: string, items: string[], className: string) => {
    if (!items.length) return;
    body.append(el('h3', heading));
    const ul = el('ul', undefined, { class: className });
    for (const item of items) ul.append(el('li', item));
    body.append(ul);
  };
  list('Problems', result.problems.map((p) => `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`), 'problems');
  list('In numbers', result.summary, 'summary');
  list('Title page', result.titleBlock.map((t) => `${t.field}: ${t.text}${t.where ? ` (${t.where})` : ''}`), 'title-block');
  list(
    `Left out (${result.dropped.length})`,
    result.dropped.map((d) => `${d.text} — ${d.why}${d.where ? `, ${d.where}` : ''}`),
    'dropped',
  );
  list(
    `Structure found (${result.markers.length})`,
    result.markers.map((m) => `"${m.heading}" is ${markerWords(m.marker)}: ${m.why}${m.where ? ` (${m.where})` : ''}`),
    'markers',
  );
  if (!result.dropped.length && result.written) body.append(el('p', 'Nothing was left out.'));
  const open = byId<HTMLAnchorElement>('open-deck');
  open.hidden = !result.written;
  if (result.written && result.deck) open.href = `/deck/${encodeURIComponent(result.deck)}`;
  section.hidden = false;
  byId('report-heading').focus();
}
