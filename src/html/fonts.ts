// The HTML deck's font files (Noto Sans JP, bundled): the whole font, or cut to a deck's characters.
import { deckCharacters, prepareFonts } from '../core/fonts.ts';
import { FONT_CACHE_DIR } from '../core/paths.ts';
import type { CompiledDeck } from '../model/deck.ts';
import { loadTheme } from '../model/theme.ts';

/**
 * The deck's font, decided here only: cut to the characters a compiled deck shows (what a build
 * ships), or the whole font when there is no compiled deck (the dev server: an edit never waits
 * for a new cut). Returns the path of a fonts.css naming the files.
 */
export function deckFonts(deck?: CompiledDeck): Promise<string> {
  return prepareFonts(loadTheme().font.weights, FONT_CACHE_DIR, deck ? deckCharacters(deck.html) : undefined);
}
