/**
 * The module-wide rewrites of ajv's standalone code, planned on each top-level statement's syntax
 * tree (see rewrite-standalone.ts): `require` calls become imports, patterns go to the engine
 * their class needs, format checks are called directly; and the edits of one statement applied
 * with magic-string.
 */
import MagicString from "magic-string";
import type { ModuleImport, RewriteOptions } from "./rewrite-options.js";
import {
  type CollectedNodes,
  type Edit,
  isIdentifier,
  isLiteral,
  isMember,
  isStringLiteral,
} from "./standalone-ast.js";
import type { TopLevelStatement } from "./top-level-statements.js";

/** ajv run-time helpers re-exported by src/runtime/validate/ajv-runtime.ts. */
const AJV_HELPERS = new Set(["equal", "ucs2length", "uri"]);
const AJV_RUNTIME = "ajv/dist/runtime/";

/** `__<file>N`: the namespace an imported module (`…/formats.js`) is bound to. */
function importName(specifier: string, taken: Map<string, string>): string {
  const known = taken.get(specifier);
  if (known) return known;
  const file = specifier.slice(specifier.lastIndexOf("/") + 1);
  const base = file.endsWith(".js") ? file.slice(0, -3) : file;
  const safe = [...base].map((c) => (/[A-Za-z0-9_]/.test(c) ? c : "_")).join("");
  const name = `__${safe}${taken.size}`;
  taken.set(specifier, name);
  return name;
}

/** The specifier of `require("<specifier>")`, or undefined for another call. */
export function requireOf(node: CollectedNodes["calls"][number]): string | undefined {
  const [argument] = node.arguments;
  if (!isIdentifier(node.callee, "require") || node.arguments.length !== 1) return undefined;
  return isStringLiteral(argument) ? argument.value : undefined;
}

/** Module-wide state of one rewrite. */
export interface ModuleState {
  readonly code: string;
  readonly options: RewriteOptions;
  readonly edits: Edit[];
  readonly helpers: Set<string>;
  readonly modules: Map<string, string>;
  linearUsed: boolean;
  guardedUsed: boolean;
}

/**
 * `require("ajv/dist/runtime/x").default` → `ajvRuntime.x`, any other `require("m")` → the
 * namespace `m` is imported as. Returns the bindings the statement now references.
 */
export function rewriteRequires(
  state: ModuleState,
  collected: CollectedNodes,
  parents: ReadonlyMap<object, CollectedNodes["calls"][number] | object>,
  inserted: Set<string>,
): void {
  for (const call of collected.calls) {
    const specifier = requireOf(call);
    if (specifier === undefined) continue;
    if (specifier.startsWith(AJV_RUNTIME)) {
      const helper = specifier.slice(AJV_RUNTIME.length);
      const member = parents.get(call) as { start: number; end: number } | undefined;
      if (!member || !isMember(member as never, "default")) {
        throw new Error(`unexpected ajv require '${specifier}'; update rewrite-standalone.ts`);
      }
      if (!AJV_HELPERS.has(helper)) {
        throw new Error(
          `ajv standalone code needs runtime helper '${helper}'; add it to src/runtime/validate/ajv-runtime.ts`,
        );
      }
      state.helpers.add(helper);
      inserted.add("ajvRuntime");
      state.edits.push({ start: member.start, end: member.end, text: `ajvRuntime.${helper}` });
      continue;
    }
    if (specifier.startsWith("ajv/"))
      throw new Error(`unexpected ajv require '${specifier}'; update rewrite-standalone.ts`);
    const name = importName(specifier, state.modules);
    inserted.add(name);
    state.edits.push({ start: call.start, end: call.end, text: name });
  }
}

/** Every pattern ajv built (`new RegExp("<source>", "u")`) on the engine its class needs. */
export function rewritePatterns(
  state: ModuleState,
  collected: CollectedNodes,
  inserted: Set<string>,
) {
  const neutral = state.options.unicodeNeutralPatterns ?? new Set<string>();
  for (const node of collected.news) {
    const [source, flags] = node.arguments;
    if (!isIdentifier(node.callee, "RegExp") || node.arguments.length !== 2) continue;
    if (!isStringLiteral(source) || !isLiteral(flags, "u")) continue;
    const literal = source.raw;
    const plan = state.options.guardedPatterns?.get(source.value);
    let text: string | undefined;
    if (plan !== undefined) {
      state.guardedUsed = true;
      inserted.add("guardedRegExp");
      text = `guardedRegExp(${literal}, ${JSON.stringify(plan)})`;
    } else if (state.options.linearPatterns.has(source.value)) {
      state.linearUsed = true;
      inserted.add("linearRegExp");
      text = `linearRegExp(${literal}, "u")`;
    } else if (neutral.has(source.value)) text = `new RegExp(${literal})`;
    if (text !== undefined) state.edits.push({ start: node.start, end: node.end, text });
  }
}

/** Parent of each `require(…)` call (its `.default` member for ajv's helpers). */
export function requireParents(statement: TopLevelStatement): Map<object, object> {
  const parents = new Map<object, object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as { type?: string; object?: { type?: string } };
    if (n.type === "MemberExpression" && n.object?.type === "CallExpression")
      parents.set(n.object, n);
    for (const value of Object.values(n)) if (typeof value === "object") visit(value);
  };
  visit(statement.node);
  return parents;
}

/**
 * `const formatsN = <module>.formats.date;` → `….formats.date.validate;` and every
 * `formatsN.validate(x)` → `formatsN(x)`: one property load less per checked string. A format
 * constant used otherwise than called (a function ajv wrote differently) keeps ajv's form.
 */
export function rewriteFormatCalls(
  state: ModuleState,
  statements: readonly TopLevelStatement[],
  collected: readonly (CollectedNodes | undefined)[],
  totals: ReadonlyMap<string, number>,
): void {
  const formats = new Map<string, { end: number }>();
  statements.forEach((statement) => {
    if (statement.kind !== "constant" || statement.name === undefined) return;
    const declarator = (statement.node as { declarations?: { init?: unknown }[] })
      .declarations?.[0];
    const init = declarator?.init as { type?: string; object?: unknown; end: number } | undefined;
    const formatsObject = init?.type === "MemberExpression" ? init.object : undefined;
    if (isMember(formatsObject as never, "formats") && statement.name.startsWith("formats"))
      formats.set(statement.name, init as { end: number });
  });
  if (formats.size === 0) return;
  const calls = new Map<string, { start: number; end: number }[]>();
  for (const nodes of collected) {
    for (const call of nodes?.calls ?? []) {
      const callee = call.callee;
      if (!isMember(callee, "validate") || !isIdentifier(callee.object)) continue;
      const name = callee.object.name;
      if (!formats.has(name)) continue;
      const list = calls.get(name) ?? [];
      list.push({ start: callee.object.end, end: callee.end });
      calls.set(name, list);
    }
  }
  for (const [name, init] of formats) {
    const called = calls.get(name) ?? [];
    if (totals.get(name) !== called.length + 1) continue;
    state.edits.push({ start: init.end, end: init.end, text: ".validate" });
    for (const member of called) state.edits.push({ ...member, text: "" });
  }
}

/**
 * The source of `[start, end)` with the edits inside it applied (sorted, disjoint, each inside
 * the range). One small magic-string per statement: slicing one string-wide instance scans its
 * chunk list from the start for every slice (quadratic on GitHub's 5,000 statements).
 */
export function editedText(
  code: string,
  start: number,
  end: number,
  edits: readonly Edit[],
): string {
  if (edits.length === 0) return code.slice(start, end);
  const magic = new MagicString(code.slice(start, end));
  for (const edit of edits) {
    const from = edit.start - start;
    const to = edit.end - start;
    if (from === to) magic.prependRight(from, edit.text);
    else if (edit.text === "") magic.remove(from, to);
    else magic.overwrite(from, to, edit.text);
  }
  return magic.toString();
}

/** The import statements the rewritten code needs. */
export function importList(state: ModuleState): ModuleImport[] {
  const runtime = state.options.runtimeImport;
  const entry = (bindings: string[], clause: string, specifier: string): ModuleImport => ({
    bindings,
    clause,
    specifier,
    statement: `import ${clause} from "${specifier}";`,
  });
  const list = [
    entry(
      ["addError", "appendErrors"],
      "{ addError, appendErrors }",
      `${runtime}/validate/append-errors.js`,
    ),
  ];
  if (state.helpers.size > 0)
    list.push(entry(["ajvRuntime"], "* as ajvRuntime", `${runtime}/validate/ajv-runtime.js`));
  if (state.linearUsed)
    list.push(entry(["linearRegExp"], "{ linearRegExp }", `${runtime}/guarded-regexp.js`));
  if (state.guardedUsed)
    list.push(entry(["guardedRegExp"], "{ guardedRegExp }", `${runtime}/guarded-regexp.js`));
  for (const [specifier, name] of state.modules)
    list.push(entry([name], `* as ${name}`, specifier));
  return list;
}
