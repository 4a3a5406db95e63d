/**
 * Type-checking generated output with the TypeScript compiler API under the repository's own
 * compiler options (strict, noUncheckedIndexedAccess, NodeNext): one program for many generated
 * folders, so that the runtime they import is checked once.
 */
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

/** Every `.ts` file under `dir`, recursively. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The diagnostics (`file:line: message`, paths relative to the repository) of `files` and what
 * they import, those in files under `within` only when given (the generated output, not the
 * runtime it imports, which the repository's own typecheck covers); empty when they type-check.
 */
export function typeCheck(files: readonly string[], within?: string): string[] {
  const config = ts.readConfigFile(join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, declaration: false });
  const inScope = (d: ts.Diagnostic): boolean =>
    within === undefined ||
    d.file === undefined ||
    resolve(d.file.fileName).startsWith(resolve(within));
  return ts
    .getPreEmitDiagnostics(program)
    .filter(inScope)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${relative(REPO_ROOT, d.file.fileName)}:${line + 1}: ${message}`;
    });
}
