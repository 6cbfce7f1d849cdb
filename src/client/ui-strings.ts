// Reveal.js's own interface texts in the deck's language (templates/reveal-strings.json, keyed by
// reveal's English), set where reveal lets them be: reveal 5/6 has no setting for them, so they are
// set on what it draws, when it draws it — the controls' labels, the help overlay (on its
// `showhelp` event), the jump-to-slide and search boxes, the pause overlay and the speaker view. A text missing for the language stays English.
import type Reveal from 'reveal.js';
import table from '../../templates/reveal-strings.json';

export type UiStrings = Readonly<Record<string, string>>;

/** The texts for a language tag (ja, ja-JP → ja); none for a language the file does not hold. */
export function uiStrings(language: string): UiStrings {
  const all = table as unknown as Record<string, UiStrings>;
  const own = (key: string) => (key && !key.startsWith('$') && Object.hasOwn(all, key) ? all[key] : undefined);
  return own(language) ?? own(language.split('-')[0] ?? '') ?? {};
}

/** A text in the deck's language, or reveal's own. */
const say = (t: UiStrings, english: string) => (Object.hasOwn(t, english) ? t[english]! : english);

/** Replaces the English text of the element's own text nodes (not its children's). */
function translateOwnText(el: Element | null, t: UiStrings): void {
  for (const node of el?.childNodes ?? []) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const english = node.textContent?.trim() ?? '';
    if (english && Object.hasOwn(t, english)) node.textContent = node.textContent!.replace(english, t[english]!);
  }
}

function translateAttributes(root: ParentNode, t: UiStrings): void {
  for (const el of root.querySelectorAll('[aria-label], [placeholder]')) {
    for (const name of ['aria-label', 'placeholder']) {
      const english = el.getAttribute(name);
      if (english) el.setAttribute(name, say(t, english));
    }
  }
}

/** After Reveal (and its plugins) initialised: its texts in the deck's language. */
export function localizeReveal(deck: InstanceType<typeof Reveal>, t: UiStrings): void {
  if (Object.keys(t).length === 0) return;
  const root = deck.getRevealElement();
  if (!root) return;
  translateAttributes(root, t);
  translateOwnText(root.querySelector('.pause-overlay .resume-button'), t);
  // The jump-to-slide box is added to the page each time it opens.
  new MutationObserver(() => translateAttributes(root, t)).observe(root, { childList: true });
  deck.on('showhelp', () => {
    const help = document.querySelector('.r-overlay-help-content');
    // Reveal writes the overlay afresh each time it opens (its shortcuts' descriptions too: the
    // public API can add shortcuts but not read reveal's own), then says so.
    for (const el of help?.querySelectorAll('.title, th, td:nth-child(2)') ?? []) translateOwnText(el, t);
  });
}

/** The speaker view (a window the notes plugin writes): its labels in the deck's language. */
export function localizeSpeakerView(doc: Document, t: UiStrings, language: string): void {
  if (Object.keys(t).length === 0) return;
  doc.documentElement.lang = language;
  doc.title = say(t, doc.title);
  for (const el of doc.querySelectorAll('#connection-status, #upcoming-slide .label, #speaker-controls h4.label, .reset-button')) translateOwnText(el, t);
}
