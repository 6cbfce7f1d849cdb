// The architecture checker: reads every import of a source tree (TypeScript's own parser: static,
// type-only, re-exports, dynamic import() and import types) and reports each one the tables of
// architecture-rules.ts forbid, and each circle of files importing each other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { CYCLES_ALLOWED, FOLDERS, PACKAGES } from './architecture-rules.ts';

export interface Rules {
  folders: Record<string, { rank: number; may: string[] }>;
  packages: Record<string, string[]>;
  cyclesAllowed: RegExp[];
}
export const RULES: Rules = { folders: FOLDERS, packages: PACKAGES, cyclesAllowed: CYCLES_ALLOWED };

export interface Import {
  /** The importing file, relative to src/ (`parse/parse.ts`). */
  file: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

/** Every .ts and .js file under dir. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.(ts|js|mjs)$/.test(e.name) ? [file] : [];
  });
}

/** The imports of one file. What a `declare module` block says of a package is not an import. */
export function importsOf(text: string, file: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, specifier: literal.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isModuleDeclaration(node)) return;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A package's name from what is imported: `jszip`, `@mozilla/readability`, `puppeteer-core/internal/…` → `puppeteer-core`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The file of src/ a relative import names, relative to src/, if it is one. */
function resolveFile(src: string, from: string, specifier: string): string | undefined {
  const base = path.resolve(src, path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) {
      const relative = path.relative(src, candidate);
      return relative.startsWith('..') ? undefined : relative.split(path.sep).join('/');
    }
  }
  return undefined;
}

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
export function fileCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (node: string): void => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || graph.get(node)?.has(node)) groups.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!order.has(node)) connect(node);
  return groups;
}

export interface Report {
  /** One line per forbidden import or cycle: `parse/x.ts:3: …`. */
  violations: string[];
  /** Folder → the folders its files import from. */
  folders: Map<string, Set<string>>;
  /** Package → the folders that import it. */
  packages: Map<string, Set<string>>;
  cycles: string[][];
}

/** Checks the source tree `src` against the rules. */
export function checkArchitecture(src: string, rules: Rules = RULES): Report {
  const violations: string[] = [];
  const folders = new Map<string, Set<string>>();
  const packages = new Map<string, Set<string>>();
  const graph = new Map<string, Set<string>>();
  for (const absolute of sources(src)) {
    const file = path.relative(src, absolute).split(path.sep).join('/');
    const folder = file.includes('/') ? file.split('/')[0]! : undefined;
    // The executable at the top (src/bin.js) compiles the rest: it is no stage.
    if (!folder) continue;
    const rule = rules.folders[folder];
    if (!rule) violations.push(`${file}: ${folder}/ is a folder the rules do not know: give it a rank and the folders it may import (tests/architecture-rules.ts)`);
    graph.set(file, graph.get(file) ?? new Set());
    for (const found of importsOf(readFileSync(absolute, 'utf8'), file)) {
      const at = `${file}:${found.line}`;
      if (found.specifier.startsWith('.')) {
        const target = resolveFile(src, file, found.specifier);
        if (!target) continue;
        const to = target.includes('/') ? target.split('/')[0]! : undefined;
        if (!to) continue;
        graph.get(file)!.add(target);
        if (to === folder) continue;
        folders.set(folder, (folders.get(folder) ?? new Set()).add(to));
        if (rule && !rule.may.includes(to)) violations.push(`${at}: ${folder}/ may not import ${to}/ (${found.specifier}); ${folder}/ may import ${rule.may.map((f) => `${f}/`).join(', ') || 'nothing of src/'}`);
      } else if (!found.specifier.startsWith('node:') && !isBuiltin(found.specifier)) {
        const name = packageName(found.specifier);
        packages.set(name, (packages.get(name) ?? new Set()).add(folder));
        const allowed = rules.packages[name];
        if (!allowed) violations.push(`${at}: ${name} is a package the rules do not list: add it with the folders that may import it (tests/architecture-rules.ts)`);
        else if (!allowed.includes(folder)) violations.push(`${at}: ${folder}/ may not import ${name}; only ${allowed.map((f) => `${f}/`).join(', ')} may`);
      }
    }
  }
  const cycles = fileCycles(graph);
  for (const group of cycles) {
    if (group.every((file) => rules.cyclesAllowed.some((allowed) => allowed.test(file)))) continue;
    violations.push(`${group[0]}: these files import each other in a circle: ${group.join(', ')}`);
  }
  return { violations, folders, packages, cycles };
}
