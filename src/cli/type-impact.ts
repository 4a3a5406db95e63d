/**
 * `diff --impact`: which lines of the user's own TypeScript stop compiling when the types generated
 * from OLD are replaced by those generated from NEW, each next to the change that most likely
 * caused it. This module composes codegen (the types emitter, through `generateApi`) and drift (the
 * classified changes); neither of those layers knows the other.
 *
 * Method: the project (its tsconfig) is type-checked twice with the TypeScript compiler API, once
 * as it is and once with the generated types file it imports read from NEW's types (written to a
 * scratch folder). Diagnostics present only in the second run are the impact; they sit in the
 * user's files, whose line numbers do not move. Each is attributed to a change by evidence: the
 * property, parameter or enum value the change names appearing in the diagnostic's message or on
 * its line, and the path of the operation the enclosing call (`client.GET("/path", …)`) or an
 * indexed `paths["/path"]` type names.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import type * as TS from "typescript";
import { emitTypes } from "../codegen/emit-types.js";
import { generateApi } from "../codegen/generate-api.js";
import type { OpenApiDocument } from "../document/load-document.js";
import type { Change } from "../drift/change.js";
import { levelRank } from "../drift/change.js";
import { UsageError } from "../errors.js";
import { escapeRegExp } from "../runtime/escape-regexp.js";
import { unescapePointerToken } from "../runtime/json-pointer.js";

type Ts = typeof TS;

/** One line of the user's code that compiles against OLD's types and not against NEW's. */
export interface ImpactedLine {
  /** Relative to the tsconfig's folder. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `TS2322`. */
  readonly code: string;
  readonly message: string;
  /** The change it is attributed to, or undefined when no change names anything on the line. */
  readonly change?: Change;
}

/** What `--impact` found. */
export interface TypeImpact {
  /** The project file that was swapped for NEW's types, relative to the tsconfig's folder. */
  readonly typesFile: string;
  readonly lines: readonly ImpactedLine[];
}

/** Options of {@link checkTypeImpact}. */
export interface TypeImpactOptions {
  readonly tsconfig: string;
  /** The generated types file the project imports; found by content when left out. */
  readonly typesFile?: string;
  readonly oldSource: string;
  readonly newSource: string;
}

/** Generated `types.ts` text for a document, exactly as `codegen` writes it. */
async function typesFor(document: OpenApiDocument, sourceFile: string): Promise<string> {
  const { files } = await generateApi(document, {
    api: "impact",
    sourceFile,
    runtimeImport: "api-contracts/runtime",
    emitters: [emitTypes],
  });
  const text = files["types.ts"];
  if (text === undefined) throw new Error("the types emitter wrote no types.ts");
  return text;
}

function loadTypescript(): Ts {
  // Loaded only for --impact, through require: typescript is 9 MB of CommonJS (see emit-types.ts).
  return createRequire(import.meta.url)("typescript") as Ts;
}

function parseProject(ts: Ts, tsconfig: string): TS.ParsedCommandLine {
  const file = resolve(tsconfig);
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) {
    throw new UsageError(
      `--impact ${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}; pass the project's tsconfig.json`,
    );
  }
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    dirname(file),
    { noEmit: true },
    file,
  );
  if (parsed.errors.length > 0 && parsed.fileNames.length === 0) {
    const first = parsed.errors[0];
    throw new UsageError(
      `--impact ${tsconfig}: ${first ? ts.flattenDiagnosticMessageText(first.messageText, " ") : "no input files"}`,
    );
  }
  return parsed;
}

/** The `paths` keys of a generated types file: `"/items/{id}": {`. */
function pathKeys(text: string): Set<string> {
  return new Set([...text.matchAll(/^ {4}"(\/[^"]*)": \{$/gm)].map((m) => m[1] as string));
}

/**
 * The project's copy of OLD's generated types: the source file declaring `interface paths` that
 * shares the most operation paths with OLD's types.
 */
function findTypesFile(program: TS.Program, oldTypes: string): string | undefined {
  const wanted = pathKeys(oldTypes);
  let best: { file: string; score: number } | undefined;
  for (const source of program.getSourceFiles()) {
    if (!source.text.includes("export interface paths")) continue;
    const keys = pathKeys(source.text);
    let score = 0;
    for (const key of keys) if (wanted.has(key)) score++;
    if (score > 0 && (!best || score > best.score)) best = { file: source.fileName, score };
  }
  return best?.file;
}

function diagnosticKey(ts: Ts, d: TS.Diagnostic): string {
  return `${d.file?.fileName}\u0000${d.start}\u0000${d.code}\u0000${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
}

/** Words a change names: its properties, parameter, enum values and the operation's path. */
interface ChangeEvidence {
  readonly change: Change;
  readonly names: readonly string[];
  readonly values: readonly string[];
  readonly path?: string;
}

function evidenceOf(change: Change): ChangeEvidence {
  const names = new Set<string>();
  // Property paths and parameter names are quoted in messages: 'results/items/amount_total', 'limit'
  // (enum values are quoted too, after "enum value": they are values, not names).
  for (const match of change.message.replace(/enum value '[^']*'/g, "").matchAll(/'([^']+)'/g)) {
    const quoted = match[1] as string;
    const last = quoted.split("/").at(-1);
    if (last && /^[A-Za-z_$][\w$-]*$/.test(last) && last !== "items") names.add(last);
  }
  const property = /\/properties\/([^/]+)(?:\/[^/]*)?$/.exec(change.location)?.[1];
  if (property) names.add(unescapePointerToken(property));
  const values = [...change.message.matchAll(/enum value '([^']*)'/g)].map((m) => m[1] as string);
  const path = change.operation?.split(" ")[1];
  return { change, names: [...names], values, ...(path ? { path } : {}) };
}

/** The API path a diagnostic's code refers to: a `client.GET("/path")` call or a `paths["/path"]` index. */
function pathNear(ts: Ts, source: TS.SourceFile, position: number): string | undefined {
  let found: string | undefined;
  const visit = (node: TS.Node): void => {
    if (found || position < node.getFullStart() || position > node.getEnd()) return;
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first) && first.text.startsWith("/")) found = first.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found) return found;
  const line = lineText(ts, source, position);
  return /\[\s*["'](\/[^"']*)["']\s*\]/.exec(line)?.[1];
}

/** The text of the innermost function around a position (a missing `case` is reported on its head). */
function enclosingFunction(ts: Ts, source: TS.SourceFile, position: number): string {
  let text = "";
  const visit = (node: TS.Node): void => {
    if (position < node.getStart(source) || position > node.getEnd()) return;
    if (ts.isFunctionLike(node)) text = node.getText(source);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return text;
}

function lineText(ts: Ts, source: TS.SourceFile, position: number): string {
  const { line } = ts.getLineAndCharacterOfPosition(source, position);
  const starts = source.getLineStarts();
  return source.text.slice(starts[line] ?? 0, starts[line + 1] ?? source.text.length);
}

/** Paths of the same operation written with other parameter names still match (`/a/{id}`, `/a/{x}`). */
function samePath(a: string, b: string): boolean {
  return a.replace(/\{[^}]*\}/g, "{}") === b.replace(/\{[^}]*\}/g, "{}");
}

function attribute(
  ts: Ts,
  diagnostic: TS.Diagnostic,
  evidence: readonly ChangeEvidence[],
): Change | undefined {
  const source = diagnostic.file;
  if (!source || diagnostic.start === undefined) return undefined;
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  const line = lineText(ts, source, diagnostic.start);
  const path = pathNear(ts, source, diagnostic.start);
  const around = enclosingFunction(ts, source, diagnostic.start);
  let best: { change: Change; score: number } | undefined;
  for (const item of evidence) {
    let score = 0;
    for (const name of item.names) {
      const word = new RegExp(`(^|[^\\w$])${escapeRegExp(name)}([^\\w$]|$)`);
      // TypeScript quotes the property a diagnostic is about: the strongest evidence.
      if (message.includes(`'${name}'`) || message.includes(`"${name}"`)) score += 4;
      else if (word.test(line)) score += 2;
      else if (word.test(around)) score += 1;
    }
    for (const value of item.values) {
      if (line.includes(`"${value}"`) || line.includes(`'${value}'`)) score += 3;
      else if (message.includes(`"${value}"`)) score += 2;
    }
    if (path !== undefined && item.path !== undefined) score += samePath(path, item.path) ? 1 : -2;
    if (score <= 0) continue;
    const better =
      !best ||
      score > best.score ||
      (score === best.score && levelRank(item.change.level) < levelRank(best.change.level));
    if (better) best = { change: item.change, score };
  }
  return best?.change;
}

/**
 * Type-check the project of `options.tsconfig` against the types generated from NEW instead of
 * OLD and return the lines that stop compiling, each attributed to one of `changes` when the
 * evidence allows (see the module comment).
 */
export async function checkTypeImpact(
  oldDoc: OpenApiDocument,
  newDoc: OpenApiDocument,
  changes: readonly Change[],
  options: TypeImpactOptions,
): Promise<TypeImpact> {
  const ts = loadTypescript();
  const project = parseProject(ts, options.tsconfig);
  const root = dirname(resolve(options.tsconfig));
  const [oldTypes, newTypes] = await Promise.all([
    typesFor(oldDoc, options.oldSource),
    typesFor(newDoc, options.newSource),
  ]);
  const host = ts.createCompilerHost(project.options, true);
  const before = ts.createProgram({ rootNames: project.fileNames, options: project.options, host });
  const typesFile = options.typesFile
    ? resolve(options.typesFile)
    : findTypesFile(before, oldTypes);
  if (!typesFile) {
    throw new UsageError(
      `--impact ${options.tsconfig}: no file of the project declares the generated \`paths\` of ${options.oldSource}; pass the generated types file it imports with --types FILE`,
    );
  }
  const scratch = await mkdtemp(join(tmpdir(), "api-contracts-impact-"));
  try {
    const newTypesFile = join(scratch, "types.ts");
    await writeFile(newTypesFile, newTypes);
    const swapped = ts.sys.resolvePath(typesFile);
    const swappedHost: TS.CompilerHost = {
      ...host,
      getSourceFile(fileName, languageVersion, onError, shouldCreate) {
        if (ts.sys.resolvePath(fileName) === swapped) {
          return ts.createSourceFile(
            fileName,
            ts.sys.readFile(newTypesFile) ?? "",
            languageVersion,
            true,
          );
        }
        return host.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      },
      readFile(fileName) {
        return ts.sys.resolvePath(fileName) === swapped
          ? ts.sys.readFile(newTypesFile)
          : host.readFile(fileName);
      },
    };
    const after = ts.createProgram({
      rootNames: project.fileNames,
      options: project.options,
      host: swappedHost,
      oldProgram: before,
    });
    const known = new Set(ts.getPreEmitDiagnostics(before).map((d) => diagnosticKey(ts, d)));
    const evidence = changes.filter((c) => !c.accepted).map(evidenceOf);
    const lines: ImpactedLine[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(after)) {
      const source = diagnostic.file;
      if (!source || diagnostic.start === undefined) continue;
      if (
        ts.sys.resolvePath(source.fileName) === swapped ||
        known.has(diagnosticKey(ts, diagnostic))
      )
        continue;
      const position = ts.getLineAndCharacterOfPosition(source, diagnostic.start);
      const change = attribute(ts, diagnostic, evidence);
      lines.push({
        file: relative(root, source.fileName),
        line: position.line + 1,
        column: position.character + 1,
        code: `TS${diagnostic.code}`,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " ").replace(/\s+/g, " "),
        ...(change ? { change } : {}),
      });
    }
    lines.sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
    );
    return { typesFile: relative(root, typesFile), lines };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The impact as text: one entry per line that stops compiling, with the change it is put down to. */
export function formatTypeImpact(impact: TypeImpact, tsconfig: string): string {
  if (impact.lines.length === 0) {
    return `Impact on ${tsconfig} (${impact.typesFile} swapped for NEW's types): every line still compiles.\n`;
  }
  const out = [
    `Impact on ${tsconfig} (${impact.typesFile} swapped for NEW's types): ${impact.lines.length} line${impact.lines.length === 1 ? "" : "s"} stop compiling`,
  ];
  for (const line of impact.lines) {
    out.push(`  ${line.file}:${line.line}:${line.column}  ${line.code} ${line.message}`);
    out.push(
      line.change
        ? `    caused by: ${line.change.level} ${line.change.id}  ${line.change.operation ?? "(document)"}: ${line.change.message}`
        : "    caused by: no reported change names anything on this line; read the message",
    );
  }
  return `${out.join("\n")}\n`;
}
