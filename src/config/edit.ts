// deck.yaml changed as a person changes it in an editor: the keys given are set (or removed), and
// every comment, blank line, quoting and key order of the rest stays as it was (yaml's Document
// API). The studio's brand panel writes deck.yaml through here, and validates the text it would
// write exactly as every command reads it (readYaml, against the same schema).
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../model/types.ts';
import { DECK_CONFIG_FILE } from './deck-config.ts';
import { deckConfigSchema, type DeckConfigData } from './schema.ts';
import { readYaml } from './yaml.ts';

/** One key to set (`value`) or remove (`null`), by its path: `['brand', 'accent']`. */
export interface YamlEdit {
  path: string[];
  value: unknown;
}

/**
 * `text` (a YAML mapping, or nothing) with `edits` applied. A key set anew goes at the end of its
 * mapping; a mapping left empty by a removal is removed with it; CRLF line ends stay CRLF. The text must be valid YAML
 * (read it with readDeckConfigText first).
 */
export function editYaml(text: string, edits: YamlEdit[]): string {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { keepSourceTokens: false });
  for (const { path, value } of edits) {
    if (value === null || value === undefined) remove(doc, path);
    else doc.setIn(path, value);
  }
  const out = doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0 && !doc.commentBefore && !doc.comment) ? '' : doc.toString({ lineWidth: 0 });
  // A file written on Windows keeps its line ends.
  return /\r\n/.test(text) ? out.replace(/\r?\n/g, '\r\n') : out;
}

function remove(doc: Document, path: string[]): void {
  if (!doc.hasIn(path)) return;
  doc.deleteIn(path);
  // brand: with nothing left under it would read as `brand: {}`: it goes too.
  for (let n = path.length - 1; n > 0; n--) {
    const parent = doc.getIn(path.slice(0, n), true);
    if (isMap(parent) && parent.items.length === 0) doc.deleteIn(path.slice(0, n));
    else break;
  }
}

/** deck.yaml's text read as every command reads it: its values, or undefined with its problems (file and line) in `diagnostics`. */
export function readDeckConfigText(text: string, file: string, diagnostics: Diagnostic[]): DeckConfigData | undefined {
  return readYaml(text, deckConfigSchema, { file, code: 'deck-config', what: DECK_CONFIG_FILE }, diagnostics);
}

/** The line of a key path (`['brand', 'logo']`) in YAML text; 1 when it is not there. */
export function keyLine(text: string, keys: string[]): number {
  const lines = new LineCounter();
  const node = parseDocument(text, { lineCounter: lines }).getIn(keys, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lines.linePos(node.range[0]).line : 1;
}
