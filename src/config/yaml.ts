// YAML configuration read against a schema: every problem a diagnostic at its own line.
// One reader for deck.yaml, the memo's front matter and the importer's --meta file.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod/mini';
import { diagnostic } from '../core/errors.ts';
import type { Diagnostic } from '../model/types.ts';
import { describeChar, FORBIDDEN_CHAR_HINT, forbiddenXmlChar } from '../core/xml-chars.ts';

/** Aliases a document may resolve: ordinary files use none; an alias bomb uses millions. */
const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  file: string;
  /** Line of the file on which the YAML text starts (2 for front matter after its `---`). */
  firstLine?: number;
  /** Prefix of every diagnostic code (`deck-config`, `front-matter`, …). */
  code: string;
  /** What the text is, for messages: "deck.yaml", "front matter". */
  what: string;
}

/**
 * Parses `text` as YAML and validates it with `schema`. Returns the typed value, or undefined
 * with diagnostics (file and line of each problem) added to `diagnostics`.
 */
export function readYaml<S extends z.ZodMiniType>(text: string, schema: S, source: YamlSource, diagnostics: Diagnostic[]): z.output<S> | undefined {
  const lines = new LineCounter();
  const offset = (source.firstLine ?? 1) - 1;
  const at = (pos: number | undefined) => ({ file: source.file, line: offset + (pos === undefined ? 1 : lines.linePos(pos).line) });
  let doc: Document;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    diagnostics.push(diagnostic(at(undefined), `${source.code}-yaml`, `${source.what} is not valid YAML: ${firstLine(error)}`));
    return undefined;
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) diagnostics.push(diagnostic(at(error.pos[0]), `${source.code}-yaml`, `${source.what} is not valid YAML: ${firstLine(error)}`));
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml's resource-exhaustion guard (an "alias bomb") and undefined aliases are ReferenceErrors.
    diagnostics.push(diagnostic(at(undefined), `${source.code}-yaml`, `${source.what} cannot be read: ${firstLine(error)}`, 'write the values out instead of repeating them through YAML aliases (*name)'));
    return undefined;
  }
  // A character XML 1.0 forbids, written as it is or as an escape ("\f", "\x0C"): an error at its
  // value's line (a title or author goes into the PPTX's docProps/core.xml).
  const bad = forbiddenStrings(data);
  for (const { path, char } of bad) diagnostics.push(diagnostic(at(valuePosition(doc, path)), `${source.code}-character`, `${path.length ? `"${path.join('.')}"` : source.what} holds the character ${describeChar(char)}, which no slide or PowerPoint file can hold`, FORBIDDEN_CHAR_HINT));
  if (bad.length) return undefined;
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = knownKeys(schema, path);
        diagnostics.push(diagnostic(at(keyPosition(doc, path, key)), `${source.code}-key`, `unknown key "${[...path, key].join('.')}" in ${source.what}`, hint ? `known keys here: ${hint}` : undefined));
      }
      continue;
    }
    if (path.length > 0 && valueAt(data, path) === undefined) {
      const key = path.join('.');
      diagnostics.push(diagnostic(at(valuePosition(doc, path)), `${source.code}-missing`, `${source.what} has no "${key}"`, `add a line "${key}: …"`));
      continue;
    }
    const where = path.length ? `"${path.join('.')}"` : `${source.what}`;
    diagnostics.push(diagnostic(at(valuePosition(doc, path)), `${source.code}-value`, `${where}: ${issue.message}`));
  }
  return undefined;
}

/** Where a key or string value of `data` holds a character XML forbids (at most ten). */
function forbiddenStrings(data: unknown): Array<{ path: Array<string | number>; char: string }> {
  const out: Array<{ path: Array<string | number>; char: string }> = [];
  const walk = (value: unknown, path: Array<string | number>) => {
    if (out.length >= 10) return;
    if (typeof value === 'string') {
      const bad = forbiddenXmlChar(value);
      if (bad) out.push({ path, char: bad.char });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const bad = forbiddenXmlChar(key);
        if (bad) out.push({ path, char: bad.char });
        walk(v, [...path, key]);
      }
    }
  };
  walk(data, []);
  return out;
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let value = data;
  for (const step of path) value = value && typeof value === 'object' && Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  return value;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}

/** Start offset of the node at `path`, or of the nearest ancestor that exists. */
function valuePosition(doc: Document, path: Array<string | number>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return undefined;
}

/** Start offset of `key` in the mapping at `path`. */
function keyPosition(doc: Document, path: Array<string | number>, key: string): number | undefined {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (isMap(map)) {
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return pair.key.range[0];
    }
  }
  return valuePosition(doc, path);
}

/** The keys a strict object schema knows at `path`, for a hint. */
function knownKeys(schema: z.ZodMiniType, path: Array<string | number>): string {
  let current: unknown = schema;
  for (const step of path) {
    const shape = shapeOf(current);
    current = shape && typeof step === 'string' ? shape[step] : undefined;
  }
  const shape = shapeOf(current);
  return shape ? Object.keys(shape).join(', ') : '';
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  // Through the wrappers (optional, nullable, pipes) to an object schema's shape.
  type Def = { shape?: Record<string, unknown>; innerType?: { _zod: { def: Def } }; in?: { _zod: { def: Def } } };
  let def = (schema as { _zod?: { def: Def } } | undefined)?._zod?.def;
  for (let i = 0; i < 4 && def && !def.shape; i++) def = (def.innerType ?? def.in)?._zod.def;
  return def?.shape;
}
