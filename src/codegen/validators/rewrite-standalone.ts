/**
 * Post-processing of ajv's standalone source into the module `generated/<api>/validators.ts`, on
 * its syntax tree: acorn parses ajv's ESM output once, each rewrite recognises ajv's node shapes,
 * and magic-string applies the edits to the source offsets (no regex ever runs over the code).
 * acorn and magic-string are the well-kept pair bundlers use for exactly this; printing a whole
 * tree back (astring, recast) would rewrite all of ajv's layout for nothing.
 * - ESM: ajv's `code.esm` still writes `require("ajv/dist/runtime/…").default` and the
 *   `code.formats` snippet as `require(…)` calls; they become imports of the runtime's
 *   `validate/ajv-runtime.js` and `formats.js` (Node 20 has no require(esm), ESM has no `require`).
 * - Bounded errors, relative paths, dead bookkeeping: each validator function is rewritten on its
 *   own (rewrite-validator-function.ts): errors recorded through `addError` (at most
 *   MAX_VIOLATIONS, src/runtime/validate/types.ts), `$ref` calls passing the data only and the
 *   caller prefixing the callee's errors (`appendErrors`), `errorCount` published at every return,
 *   unread `valid`/error-count snapshots and empty blocks removed. A function with any other shape
 *   (an ajv upgrade, a keyword ajv writes differently) is kept as ajv wrote it and reported in
 *   `fallbacks` (codegen warns with the schema's pointer), as is one whose edits overlap: never a
 *   crash. Codegen parses the emitted JavaScript again; should it not parse,
 *   {@link rewriteStandaloneChecked} keeps the functions at fault as ajv wrote them.
 * - Module-wide rewrites (rewrite-module-statements.ts):
 *   - patterns classified "linear" (see classify-pattern.ts) are built with re2js instead of
 *     RegExp, "guarded" ones by the runtime's `guardedRegExp` with their plan (split parts, step
 *     budget); native patterns the `u` flag cannot change are built without it (faster in V8);
 *   - format checks are called directly (`formatsN(x)`, not `formatsN.validate(x)`).
 * - Schema copies ajv embeds but no code reads (no identifier refers to them) are removed.
 * - Each top-level item is returned with the identifiers it references, for split-validators.ts.
 */
import {
  editedText,
  importList,
  type ModuleState,
  requireOf,
  requireParents,
  rewriteFormatCalls,
  rewritePatterns,
  rewriteRequires,
} from "./rewrite-module-statements.js";
import type { ModuleImport, RewriteOptions } from "./rewrite-options.js";
import { planFallback, planFunction } from "./rewrite-validator-function.js";
import { collectNodes, type Edit, parseModule } from "./standalone-ast.js";
import { type TopLevelStatement, topLevelStatements } from "./top-level-statements.js";

/** One top-level item of the rewritten code: a function (with its `evaluated`) or a constant. */
export interface ModuleItem {
  /** The function or constant it declares (undefined for a statement that declares none). */
  readonly name: string | undefined;
  /** Its rewritten source. */
  readonly text: string;
  /** Every identifier its rewritten code may reference (module items and import bindings). */
  readonly references: ReadonlySet<string>;
}

/** The rewritten module body (no header) and the exported validators (name → function name). */
export interface RewrittenModule {
  /** Every import the body needs, one statement a line. */
  readonly imports: string;
  /** The same imports one by one, for code split into several files. */
  readonly importList: readonly ModuleImport[];
  readonly body: string;
  /** The body's top-level items in order (the body is their texts), for splitting. */
  readonly items: readonly ModuleItem[];
  readonly exports: ReadonlyMap<string, string>;
  /** Functions kept as ajv wrote them, because their code has a shape the rewrite does not know. */
  readonly fallbacks: readonly FunctionFallback[];
}

/** A validator function left as ajv wrote it, and why. */
export interface FunctionFallback {
  /** ajv's function name (`validate12`). */
  readonly name: string;
  readonly reason: string;
}

/** Rewrite ajv standalone ESM source as described in this module's doc comment. */
export function rewriteStandalone(code: string, options: RewriteOptions): RewrittenModule {
  return rewriteKeeping(code, topLevelStatements(parseModule(code)), options, new Map()).module;
}

/** Edits of one function that magic-string cannot apply together (they overlap). */
class EditConflictError extends Error {
  constructor(
    readonly functionName: string,
    cause: unknown,
  ) {
    super(`its edits overlap (${(cause as Error).message})`);
  }
}

/** {@link rewriteOnce}, keeping each function whose edits conflict as ajv wrote it. */
function rewriteKeeping(
  code: string,
  statements: readonly TopLevelStatement[],
  options: RewriteOptions,
  forced: Map<string, string>,
): ReturnType<typeof rewriteOnce> {
  // Each round keeps one more function as ajv wrote it, so this ends.
  for (;;) {
    try {
      return rewriteOnce(code, statements, options, forced);
    } catch (error) {
      if (!(error instanceof EditConflictError) || forced.has(error.functionName)) throw error;
      forced.set(error.functionName, error.message);
    }
  }
}

/**
 * {@link rewriteStandalone}, parsing the result and keeping each function whose rewrite would not
 * parse (a bug here, never ajv's) as ajv wrote it, reported in `fallbacks` like any unknown
 * shape. Codegen takes this slower path only when its final parse check of the output fails.
 */
export function rewriteStandaloneChecked(code: string, options: RewriteOptions): RewrittenModule {
  const statements = topLevelStatements(parseModule(code));
  const forced = new Map<string, string>();
  // Each round keeps one more function as ajv wrote it, so this ends.
  for (;;) {
    const { module, starts } = rewriteKeeping(code, statements, options, forced);
    const failure = syntaxError(module.body);
    if (failure === undefined) return module;
    let item = 0;
    while (item + 1 < starts.length && (starts[item + 1] as number) <= failure.pos) item++;
    const culprit = module.items[item]?.name;
    if (culprit === undefined || forced.has(culprit) || !culprit.startsWith("validate")) {
      throw new Error(
        `internal error: rewritten validator code does not parse (${failure.message}); please report it with the document`,
      );
    }
    forced.set(culprit, `its rewrite would not parse (${failure.message})`);
  }
}

/** acorn's error for code that does not parse, or undefined. */
function syntaxError(code: string): { pos: number; message: string } | undefined {
  try {
    parseModule(code);
    return undefined;
  } catch (error) {
    const { pos, message } = error as { pos?: number; message: string };
    return { pos: pos ?? 0, message };
  }
}

/** One rewrite of the parsed statements, with the offset of each item in the body. */
function rewriteOnce(
  code: string,
  statements: readonly TopLevelStatement[],
  options: RewriteOptions,
  forced: ReadonlyMap<string, string>,
): { module: RewrittenModule; starts: number[] } {
  const state: ModuleState = {
    code,
    options,
    edits: [],
    helpers: new Set(),
    modules: new Map(),
    linearUsed: false,
    guardedUsed: false,
  };
  const exports = new Map<string, string>();
  const collected = statements.map((statement) =>
    statement.kind === "export" || statement.kind === "directive"
      ? undefined
      : collectNodes(statement.node),
  );
  const inserted = statements.map(() => new Set<string>());
  const totals = new Map<string, number>();
  for (const nodes of collected) {
    for (const [name, count] of nodes?.identifiers ?? []) {
      totals.set(name, (totals.get(name) ?? 0) + count);
    }
  }
  const fallbacks: FunctionFallback[] = [];
  statements.forEach((statement, i) => {
    const nodes = collected[i];
    const own = inserted[i] as Set<string>;
    if (statement.kind === "export") {
      exports.set(statement.name as string, statement.target as string);
      return;
    }
    if (!nodes) return;
    // Only a statement with a require (ajv writes them in one-line constants) is walked again.
    if (nodes.calls.some((call) => requireOf(call) !== undefined))
      rewriteRequires(state, nodes, requireParents(statement), own);
    rewritePatterns(state, nodes, own);
    if (statement.kind !== "function") return;
    const fn = statement.node as Parameters<typeof planFunction>[1];
    try {
      const reason = forced.get(statement.name as string);
      if (reason !== undefined) throw new Error(reason);
      const plan = planFunction(code, fn, nodes);
      state.edits.push(...plan.edits);
      for (const name of plan.dropped) totals.set(name, (totals.get(name) ?? 0) - 1);
      for (const binding of plan.inserted) own.add(binding);
    } catch (error) {
      fallbacks.push({ name: statement.name as string, reason: (error as Error).message });
      state.edits.push(...planFallback(code, fn, nodes));
    }
  });
  rewriteFormatCalls(state, statements, collected, totals);
  const edits = state.edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let next = 0;

  const items: { name: string | undefined; text: string; references: Set<string> }[] = [];
  const byFunction = new Map<string, (typeof items)[number]>();
  const starts: number[] = [];
  let body = "";
  statements.forEach((statement, i) => {
    const { kind, name, node } = statement;
    if (kind === "export" || kind === "directive") return;
    // A schema copy no code reads is dropped (it only costs bytes and heap).
    if (kind === "constant" && name?.startsWith("schema") && (totals.get(name) ?? 0) <= 1) return;
    while (next < edits.length && (edits[next] as Edit).start < node.start) next++;
    const from = next;
    while (next < edits.length && (edits[next] as Edit).end <= node.end) next++;
    let text: string;
    try {
      text = editedText(code, node.start, node.end, edits.slice(from, next));
    } catch (error) {
      if (kind === "function" && name !== undefined) throw new EditConflictError(name, error);
      throw error;
    }
    const references = new Set([
      ...(collected[i]?.identifiers.keys() ?? []),
      ...(inserted[i] ?? []),
    ]);
    // A blank line before each function, as ajv lays them out.
    body += body === "" ? "" : kind === "function" ? "\n\n" : "\n";
    const start = body.length;
    body += text;
    const owner = kind === "evaluated" && name !== undefined ? byFunction.get(name) : undefined;
    if (owner) {
      owner.text += `\n${text}`;
      for (const reference of references) owner.references.add(reference);
      return;
    }
    const item = {
      name: kind === "other" || kind === "evaluated" ? undefined : name,
      text,
      references,
    };
    if (kind === "function" && name !== undefined) byFunction.set(name, item);
    items.push(item);
    starts.push(start);
  });
  const list = importList(state);
  const module: RewrittenModule = {
    imports: list.map((i) => i.statement).join("\n"),
    importList: list,
    body,
    items,
    exports,
    fallbacks,
  };
  return { module, starts };
}
