/**
 * The packages a module reaches at run time: its import graph through relative imports (static and
 * dynamic, type-only imports erased as tsc erases them), collecting bare specifiers and the
 * packages loaded with `createRequire(…)("name")`. For checking which dependencies a module needs.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

/** A package a module graph loads, and the first file that loads it. */
export interface PackageUse {
  readonly name: string;
  readonly from: string;
}

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

const builtins = new Set(builtinModules);

/** Each file's import specifiers, kept: several graphs share most files. */
const specifierCache = new Map<string, readonly string[]>();

/**
 * What `file` imports at run time, type-only imports erased (as tsc does under
 * `verbatimModuleSyntax`: `import type`/`export type … from` go, `import { type A }` stays). The
 * scanner-based `preProcessFile` lists every import, static and dynamic; a parse (no transpile)
 * says which top-level ones are type-only.
 */
function specifiersOf(file: string): readonly string[] {
  const cached = specifierCache.get(file);
  if (cached) return cached;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const typeOnly = new Map<string, number>();
  for (const statement of source.statements) {
    const erased =
      (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly === true) ||
      (ts.isExportDeclaration(statement) && statement.isTypeOnly);
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier !== undefined &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (erased && specifier !== undefined)
      typeOnly.set(specifier, (typeOnly.get(specifier) ?? 0) + 1);
  }
  const specifiers: string[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    const erased = typeOnly.get(fileName) ?? 0;
    if (erased > 0) typeOnly.set(fileName, erased - 1);
    else specifiers.push(fileName);
  }
  // createRequire(import.meta.url)("name"): a package loaded on demand.
  for (const call of text.matchAll(/\)\(\s*"([^".][^"]*)"\s*\)/g))
    if (call[1] !== undefined) specifiers.push(call[1]);
  specifierCache.set(file, specifiers);
  return specifiers;
}

/** Every package reached from `entries` (paths relative to `root`), each with one importing file. */
export function packagesReached(root: string, entries: readonly string[]): PackageUse[] {
  const seen = new Set<string>();
  const found = new Map<string, string>();
  const queue = entries.map((entry) => resolve(root, entry));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const specifiers = specifiersOf(file);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, ".ts");
        if (existsSync(target)) queue.push(target);
      } else if (
        !specifier.startsWith("node:") &&
        !builtins.has(specifier) &&
        !specifier.includes("${")
      ) {
        const name = packageName(specifier);
        if (!found.has(name)) found.set(name, relative(root, file));
      }
    }
  }
  return [...found].map(([name, from]) => ({ name, from }));
}
