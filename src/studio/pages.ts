// The studio's pages as HTML: plain, labelled, every value escaped (a memo's title, a deck's name
// are text, never markup). Their behaviour is src/client/studio/.
import path from 'node:path';
import type { DeckSource } from '../core/deck-folder.ts';
import { escapeHtml } from '../core/files.ts';
import { readMemo, type StudioFolder } from './folder.ts';

const head = (title: string) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/studio/studio.css">
<script type="module" src="/studio/studio.js"></script>
</head>`;

/** The title in a memo's front matter, if it has one (for the list of decks). */
export function memoTitle(text: string): string | undefined {
  const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const line = front && /^title:[ \t]*(.+?)[ \t]*$/m.exec(front)?.[1];
  if (!line) return undefined;
  // A quoted title is the text between its quotes; a plain one ends at a comment.
  const quoted = /^(["'])(.*?)\1/.exec(line);
  return quoted ? quoted[2] : line.replace(/[ \t]+#.*$/, '');
}

export function messagePage(title: string, message: string): string {
  return `${head(`${title} — briefdeck studio`)}
<body>
<main id="main" class="message">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</main>
</body>
</html>`;
}

export function homePage(folder: StudioFolder, decks: DeckSource[]): string {
  const items = decks.map((deck) => {
    let title: string | undefined;
    try {
      title = memoTitle(readMemo(deck).text);
    } catch {
      title = undefined;
    }
    return `<li><a href="/deck/${encodeURIComponent(deck.name)}"><span class="deck-title">${escapeHtml(title ?? deck.name)}</span> <span class="deck-name">${escapeHtml(path.relative(folder.root, deck.memoFile) || deck.memoFile)}</span></a></li>`;
  });
  const list = items.length ? `<ul class="decks">${items.join('')}</ul>` : '<p>No decks here yet: make one from a document below.</p>';
  const canImport = !!folder.slidesDir;
  return `${head('briefdeck studio')}
<body data-page="home">
<a class="skip" href="#main">Skip to the decks</a>
<header class="bar">
<h1>briefdeck studio</h1>
<p class="where">Folder: <code>${escapeHtml(folder.root)}</code></p>
</header>
<main id="main">
<section aria-labelledby="decks-heading">
<h2 id="decks-heading">Your decks</h2>
${list}
</section>
${canImport ? importSection() : '<p>This studio was opened on one deck\'s folder. To make new decks, open it on the folder that holds <code>slides/</code>.</p>'}
</main>
</body>
</html>`;
}

function importSection(): string {
  return `<section aria-labelledby="new-heading" class="new-deck">
<h2 id="new-heading">New deck from a document</h2>
<form id="import-form" novalidate>
<div class="drop" id="drop">
<p>Drop the memo here — a PDF, a Word file (.docx), a saved web page (.html), Markdown (.md) or a text file — or choose it:</p>
<label for="file" class="field-label">Document</label>
<input type="file" id="file" name="file" accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/markdown,text/plain">
<p id="file-chosen" class="hint"></p>
</div>
<p class="or">Or paste the memo's text (copied from a web page or a PDF):</p>
<label for="paste" class="field-label">Memo text</label>
<textarea id="paste" name="paste" rows="6"></textarea>
<label for="deck-name" class="field-label">Name of the new deck</label>
<input type="text" id="deck-name" name="name" autocomplete="off" aria-describedby="deck-name-hint">
<p id="deck-name-hint" class="hint">Its folder under slides/. Taken from the file's name when left empty.</p>
<p class="check"><input type="checkbox" id="allow-drop" name="allowDrop"> <label for="allow-drop">Import even when much of the text looks like website text (menus, share buttons) and is left out</label></p>
<button type="submit" id="import-button">Import</button>
<p id="import-status" role="status" aria-live="polite"></p>
</form>
<section id="report" hidden aria-labelledby="report-heading">
<h2 id="report-heading" tabindex="-1">What the import kept and left out</h2>
<div id="report-body"></div>
<p><a id="open-deck" class="button" hidden href="/">Open the deck</a></p>
</section>
</section>`;
}

export function deckPage(deck: DeckSource, preview: string): string {
  let title = deck.name;
  try {
    title = memoTitle(readMemo(deck).text) ?? deck.name;
  } catch {
    // The page still opens; the preview says what is wrong with the memo.
  }
  return `${head(`${title} — briefdeck studio`)}
<body data-page="deck" data-deck="${escapeHtml(deck.name)}" data-preview="${escapeHtml(preview)}">
<a class="skip" href="#editor">Skip to the memo</a>
<header class="bar">
<a href="/" class="home">All decks</a>
<h1><span class="deck-title">${escapeHtml(title)}</span> <span class="deck-name">${escapeHtml(deck.name)}/memo.md</span></h1>
<a id="gate" class="gate" href="#check-heading" hidden></a>
<button type="button" id="save" aria-keyshortcuts="Control+S">Save</button>
<p id="save-status" role="status" aria-live="polite">Saved</p>
</header>
<div id="conflict" class="conflict" role="alertdialog" aria-labelledby="conflict-text" hidden>
<p id="conflict-text">memo.md was changed by another program while you were editing it.</p>
<button type="button" id="keep-mine">Keep my version</button>
<button type="button" id="take-theirs">Take the version on disk</button>
</div>
<main id="main" class="workspace">
<section class="editor-pane" aria-labelledby="memo-heading">
<h2 id="memo-heading">Memo</h2>
<p class="role-bar"><label for="role">This heading is</label> <select id="role" disabled><option value="">(put the cursor on a ## or ### heading)</option></select> <span id="role-heading" class="hint"></span></p>
<div id="editor"></div>
</section>
<section class="slides-pane" aria-labelledby="slides-heading">
<h2 id="slides-heading">Slides <span class="hint">(click a slide to find its text)</span></h2>
<iframe id="preview" title="The deck, as it will be shown" src="${escapeHtml(preview)}"></iframe>
<nav aria-label="Every slide"><ol id="strip" class="strip"></ol></nav>
<section class="check-pane" aria-labelledby="check-heading">
<h2 id="check-heading">Check <span class="hint">(as <code>briefdeck check</code>: run after each save)</span></h2>
<p><button type="button" id="check">Check the deck</button> <span id="check-status" role="status" aria-live="polite"></span></p>
<p id="check-summary"></p>
<ul id="findings" class="findings"></ul>
</section>
<section class="outputs-pane" aria-labelledby="outputs-heading">
<h2 id="outputs-heading">Outputs <span class="hint">(in dist/, the same files as the commands make)</span></h2>
<ul class="outputs">
<li data-kind="slides-pdf"><button type="button">Make the slides PDF</button> <span class="state" role="status"></span> <a class="open" hidden target="_blank" rel="noopener">Open</a></li>
<li data-kind="notes-pdf"><button type="button">Make the notes PDF (A4, speaker notes)</button> <span class="state" role="status"></span> <a class="open" hidden target="_blank" rel="noopener">Open</a></li>
<li data-kind="pptx"><button type="button">Make the PowerPoint file</button> <span class="state" role="status"></span> <a class="open" hidden download>Download</a></li>
<li data-kind="one-file"><button type="button">Make the one-file deck (HTML)</button> <span class="state" role="status"></span> <a class="open" hidden download>Download</a></li>
</ul>
<p id="changes" class="hint" role="status"></p>
</section>
<details class="brand-pane" id="brand">
<summary>Look: theme, accent, logo, footer, length of the talk</summary>
<form id="brand-form" novalidate>
<fieldset><legend>Theme</legend><div id="themes" class="themes"></div></fieldset>
<p><label for="accent">Accent colour</label> <input type="color" id="accent"> <input type="text" id="accent-text" aria-label="Accent colour as #rrggbb" size="8" placeholder="theme's"> <button type="button" id="accent-reset">Use the theme's</button></p>
<p><label for="footer">Footer</label> <input type="text" id="footer" class="wide"></p>
<p><label for="duration">Length of the talk (minutes)</label> <input type="number" id="duration" min="1" max="600" step="1"></p>
<fieldset><legend>Short labels in the diagrams</legend>
<p class="hint">The opening words of a heading or item, and the short label its box in a diagram shows instead.</p>
<table class="labels"><thead><tr><th scope="col">Opening words</th><th scope="col">Label</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead><tbody id="labels"></tbody></table>
<p><button type="button" id="label-add">Add a label</button></p>
</fieldset>
<p><label for="logo">Logo (PNG or SVG)</label> <input type="file" id="logo" accept=".png,.svg,image/png,image/svg+xml"> <span id="logo-name" class="hint"></span> <button type="button" id="logo-remove" hidden>Remove the logo</button></p>
<p><button type="submit" id="brand-apply">Apply to deck.yaml</button> <span id="brand-status" role="status" aria-live="polite"></span></p>
<ul id="brand-problems" class="problems"></ul>
</form>
</details>
</section>
</main>
</body>
</html>`;
}
