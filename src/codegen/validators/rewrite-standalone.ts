/**
 * Post-processing of ajv's standalone source into the module `generated/<api>/validators.ts`:
 * - ESM: ajv's `code.esm` still writes `require("ajv/dist/runtime/…").default` and the
 *   `code.formats` snippet as `require(…)` calls; they become imports of the runtime's
 *   `validate/ajv-runtime.js` and `formats.js` (Node 20 has no require(esm), ESM has no `require`).
 * - Bounded errors: ajv's `allErrors` keeps every error object, so a 100,000-item array invalid
 *   everywhere would hold 100,000+ of them. Errors are recorded through `addError` (keeps at most
 *   MAX_VIOLATIONS (src/runtime/validate/types.ts)), ref-call merges through `appendErrors`, and each function reports
 *   its full count in `errorCount`. The rewrite knows ajv's exact statement shapes; a function with
 *   any other shape (an ajv upgrade, a keyword ajv writes differently) is kept as ajv wrote it and
 *   reported in `fallbacks` (codegen warns with the schema's pointer): never a crash, and never
 *   output that does not parse, since each function is rewritten or kept whole.
 * - The code is cut into top-level statements by a lexical scan (top-level-statements.ts), so each
 *   function is rewritten on its own. Within a function the rewrites are still line patterns over
 *   ajv's fixed output; moving them onto a syntax tree (acorn + magic-string, not installed) is
 *   the next step.
 * - Patterns classified "linear" (see classify-pattern.ts) are built with re2js instead of RegExp,
 *   "guarded" ones by the runtime's `guardedRegExp` with their plan (split parts, step budget);
 *   native patterns the `u` flag cannot change are built without it (faster in V8).
 * - Relative paths: ajv passes `{instancePath, parentData, parentDataProperty, rootData}` to every
 *   `$ref`'d function, building a path string per call (per array item) even when nothing fails.
 *   A call passes the data only; the caller prefixes the callee's errors with their path when it
 *   merges them (a public call `validate(data)` is unchanged).
 * - Format checks are called directly (`formatsN(x)`, not `formatsN.validate(x)`).
 * - Schema copies ajv embeds but no code reads are removed (they only cost bytes and heap), as are
 *   empty blocks and `valid`/error-count snapshots nothing reads (ajv's optimizer, off for codegen
 *   speed, would drop them).
 */

/** Inputs of {@link rewriteStandalone}. */
export interface RewriteOptions {
  /** Module specifier of `src/runtime` from the generated file. */
  readonly runtimeImport: string;
  /** Patterns to run on the linear-time engine. */
  readonly linearPatterns: ReadonlySet<string>;
  /** Native patterns the `u` flag cannot change (classify-pattern.ts): compiled without it. */
  readonly unicodeNeutralPatterns?: ReadonlySet<string>;
  /** Patterns built by the runtime's `guardedRegExp` with their plan (classify-pattern.ts). */
  readonly guardedPatterns?: ReadonlyMap<string, PatternPlan>;
}

/** One import the rewritten code may need: the identifiers it binds and its statement. */
export interface ModuleImport {
  readonly bindings: readonly string[];
  readonly statement: string;
}

/** The rewritten module body (no header) and the exported validators (name → function name). */
export interface RewrittenModule {
  /** Every import the body needs, one statement a line. */
  readonly imports: string;
  /** The same imports one by one, for code split into several files. */
  readonly importList: readonly ModuleImport[];
  readonly body: string;
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

/**
 * A function the rewrite does not understand, kept as ajv wrote it: callers already call it with
 * the data only (so its errors come relative to that data, as the rewritten functions' do), and it
 * publishes `errorCount` where its returns have ajv's usual shape. Its own error list is not capped.
 */
function asAjvWroteIt(text: string, name: string): string {
  return text
    .replace(/^return errors === 0;$/gm, `${name}.errorCount = errors;\nreturn errors === 0;`)
    .replace(/^return true;$/gm, `${name}.errorCount = 0;\nreturn true;`)
    .replace(/^return false;$/gm, `${name}.errorCount = 1;\nreturn false;`);
}

import type { PatternPlan } from "../../runtime/guarded-regexp.js";
import { topLevelStatements } from "./top-level-statements.js";

/** ajv run-time helpers re-exported by src/runtime/validate/ajv-runtime.ts. */
const AJV_HELPERS = new Set(["equal", "ucs2length", "uri"]);

function importName(specifier: string, taken: Map<string, string>): string {
  const known = taken.get(specifier);
  if (known) return known;
  const base = specifier
    .replace(/\.js$/, "")
    .split("/")
    .pop()
    ?.replace(/[^A-Za-z0-9_]/g, "_");
  const name = `__${base}${taken.size}`;
  taken.set(specifier, name);
  return name;
}

/**
 * `{instancePath…,schemaPath:"…",keyword:"k",params:{…}}` (ajv's error object, messages off) →
 * `instancePath…, "k", {…}`, the arguments of the runtime's `addError`.
 */
function errorArguments(text: string): string {
  // ajv writes no raw newline inside a string literal: a newline is layout between fields.
  const object = text.replace(/\n\s*/g, " ");
  // An error a subschema records only to count it (ajv's `createErrors: false`, under `not`/`if`):
  // it is always truncated away again, so its content does not matter.
  if (object === "{}") return 'instancePath, "", {}';
  let i = "{instancePath".length;
  if (!object.startsWith("{instancePath"))
    throw new Error(`unexpected ajv error object '${object}'`);
  let path = "instancePath";
  if (object[i] === ":") {
    const end = expressionEnd(object, i + 1);
    path = object.slice(i + 1, end);
    i = end;
  }
  const fields = new Map<string, string>();
  while (object[i] === ",") {
    const colon = object.indexOf(":", i);
    const end = expressionEnd(object, colon + 1);
    fields.set(object.slice(i + 1, colon), object.slice(colon + 1, end));
    i = end;
  }
  const keyword = fields.get("keyword");
  const params = fields.get("params");
  if (
    object[i] !== "}" ||
    i !== object.length - 1 ||
    keyword === undefined ||
    params === undefined
  ) {
    throw new Error(
      `unexpected ajv error object '${object.slice(0, 120)}'; update rewrite-standalone.ts`,
    );
  }
  return `${path}, ${keyword}, ${params}`;
}

function rewriteErrorHandling(code: string, name: string): string {
  const out = code
    // A: one call records an error (kept only while fewer than the cap are); `errors++` still counts
    // it. ajv's schemaPath is dropped: violations never show it, and it is a fifth of the code.
    .replace(
      /^const (err\d+) = (\{[\s\S]*?\});\nif\(vErrors === null\)\{\nvErrors = \[\1\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}$/gm,
      (_whole, _name: string, error: string) =>
        `vErrors = addError(vErrors, ${errorArguments(error)});`,
    )
    // B: resetting to an earlier count never grows the array (it may hold fewer than `errors`).
    .replace(/^vErrors\.length = (_errs\d+);$/gm, "if($1 < vErrors.length){vErrors.length = $1;}")
    // D: every function publishes its full count beside its (capped) errors, at every return
    // (a function tracking evaluated properties sets them between its errors and its return).
    .replace(/^return errors === 0;$/gm, `${name}.errorCount = errors;\nreturn errors === 0;`)
    // ajv's functions for `true`/`{}` and `false` schemas set their errors directly.
    .replace(/^return true;$/gm, `${name}.errorCount = 0;\nreturn true;`)
    .replace(/^return false;$/gm, `${name}.errorCount = 1;\nreturn false;`);
  const allowed = [
    /^let vErrors = null;$/,
    /^vErrors = addError\(vErrors, .*\);$/,
    /^if\(vErrors !== null\)\{$/,
    /^if\(_errs\d+ < vErrors\.length\)\{vErrors\.length = _errs\d+;\}$/,
    /^vErrors = null;$/,
    /^vErrors = appendErrors\(vErrors, [\w.]+\.errors, .+\);$/,
    /^validate\d+\.errors = vErrors;$/,
  ];
  for (const line of out.split("\n")) {
    if (line.includes("vErrors") && !allowed.some((shape) => shape.test(line))) {
      throw new Error(
        `ajv standalone code uses vErrors in an unknown way: '${line.slice(0, 120)}'; update rewrite-standalone.ts`,
      );
    }
  }
  return out;
}

const OBJECT_PARAMS =
  '(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){';
// A second argument is ignored: a function left as ajv wrote it (see rewriteStandalone) still passes
// its context object, and the caller's merge makes paths absolute either way.
const RELATIVE_PARAMS = '(data){\nconst instancePath = "";';
const CONTEXT_KEYS = ["instancePath", "parentData", "parentDataProperty", "rootData"];

/** End of the JS expression starting at `from` (a top-level `,` or `}`), skipping string literals. */
function expressionEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; i < code.length && code[i] !== '"'; i++) if (code[i] === "\\") i++;
    } else if (c === "(" || c === "[" || c === "{") depth++;
    else if (depth > 0 && (c === ")" || c === "]" || c === "}")) depth--;
    else if (depth === 0 && (c === "," || c === "}")) return i;
  }
  throw new Error("unterminated ajv call context; update rewrite-standalone.ts");
}

/** The merge ajv writes right after a failed `$ref` call (`if(!(validateN(…))){` then this). */
const MERGE =
  /\)\)\)\{\nvErrors = vErrors === null \? ([\w.]+)\.errors : vErrors\.concat\(\1\.errors\);\nerrors = vErrors\.length;/y;

/**
 * Drop ajv's context object from every `$ref` call: the callee gets the data only and reports
 * paths relative to it, and the caller prefixes the callee's errors with the path it would have
 * passed, when it merges them. On the success path no path string is built at all (a
 * concatenation per array item and property otherwise), and nothing reads `parentData`,
 * `parentDataProperty` or `rootData` (ajv only needs them for `$data`, which is off).
 */
function relativeCalls(code: string): string {
  const headers = code.split(OBJECT_PARAMS).join(RELATIVE_PARAMS);
  const marker = ", {instancePath";
  let out = "";
  let at = 0;
  for (let start = headers.indexOf(marker); start >= 0; start = headers.indexOf(marker, at)) {
    const values: string[] = [];
    let i = start + 2;
    for (const key of CONTEXT_KEYS) {
      const shorthand =
        headers.startsWith(key, i + 1) && /[,}]/.test(headers[i + 1 + key.length] ?? "");
      if (!headers.startsWith(`${key}:`, i + 1) && !shorthand) {
        throw new Error(`unexpected ajv call context near '${headers.slice(start, start + 80)}'`);
      }
      const valueStart = i + 1 + key.length + (shorthand ? 0 : 1);
      const end = shorthand ? valueStart : expressionEnd(headers, valueStart);
      values.push(shorthand ? key : headers.slice(valueStart, end));
      i = end;
    }
    MERGE.lastIndex = i + 1;
    const merge = headers[i] === "}" ? MERGE.exec(headers) : null;
    if (!merge) {
      throw new Error(`unexpected ajv call context near '${headers.slice(start, start + 80)}'`);
    }
    const [whole, callee] = merge as unknown as [string, string];
    out += `${headers.slice(at, start)}))){\n`;
    out += `vErrors = appendErrors(vErrors, ${callee}.errors, ${values[0]});\nerrors += ${callee}.errorCount;`;
    at = i + 1 + whole.length;
  }
  out += headers.slice(at);
  if (out.includes(marker) || out.includes(OBJECT_PARAMS)) {
    throw new Error(
      "ajv standalone code passes its context in an unknown way; update rewrite-standalone.ts",
    );
  }
  return out;
}

/**
 * Remove what ajv's optimizer (off for codegen speed) would: `var validN = _errsM === errors;`
 * lines whose `validN` nothing else in the function reads, then `const _errsN = errors;` lines
 * nothing reads. Dead to TurboFan anyway, they still cost parsing and interpreted runs: a tenth of
 * the code a first validation compiles.
 */
function dropUnusedErrorCounts(code: string): string {
  return code
    .split(/(?=^function validate\d+\()/m)
    .map((fn) => {
      const reads = new Map<string, number>();
      for (const [name] of fn.matchAll(/\bvalid\d+\b/g))
        reads.set(name, (reads.get(name) ?? 0) + 1);
      const stores = new Map<string, number>();
      for (const [, name] of fn.matchAll(/^var (valid\d+) = _errs\d+ === errors;$/gm))
        stores.set(name as string, (stores.get(name as string) ?? 0) + 1);
      return fn.replace(/^var (valid\d+) = _errs\d+ === errors;\n/gm, (line, name: string) =>
        reads.get(name) === stores.get(name) ? "" : line,
      );
    })
    .map((chunk) => {
      const uses = new Map<string, number>();
      for (const [name] of chunk.matchAll(/\b_errs\d+\b/g))
        uses.set(name, (uses.get(name) ?? 0) + 1);
      return chunk.replace(/^const (_errs\d+) = errors;\n/gm, (line, name: string) =>
        uses.get(name) === 1 ? "" : line,
      );
    })
    .join("");
}

/** Remove `const schemaN = …;` lines whose constant nothing else reads. */
function dropUnusedSchemas(code: string): string {
  const lines = code.split("\n");
  const uses = new Map<string, number>();
  for (const match of code.matchAll(/\bschema\d+\b/g))
    uses.set(match[0], (uses.get(match[0]) ?? 0) + 1);
  return lines
    .filter((line) => {
      const name = /^const (schema\d+) = /.exec(line)?.[1];
      return name === undefined || (uses.get(name) ?? 0) > 1;
    })
    .join("\n");
}

/**
 * `const formatsN = <module>.formats.date;` → `….formats.date.validate;` and every
 * `formatsN.validate(x)` → `formatsN(x)`: one property load less per checked string.
 */
function directFormatCalls(code: string): string {
  const names = new Set<string>();
  const out = code
    .replace(
      /^const (formats\d+) = (\w+\.formats(?:\.\w+|\["[^"\\]*"\]));$/gm,
      (_whole, name: string, check: string) => {
        names.add(name);
        return `const ${name} = ${check}.validate;`;
      },
    )
    .replace(/\b(formats\d+)\.validate\(/g, (whole, name: string) =>
      names.has(name) ? `${name}(` : whole,
    );
  const unexpected = new Set<string>();
  for (const match of out.matchAll(/\b(formats\d+)\b(.)/g)) {
    const [, name, next] = match as unknown as [string, string, string];
    if (names.has(name) && next !== "(" && next !== " ") unexpected.add(name);
  }
  // A format constant used otherwise than called (a function ajv wrote differently) keeps ajv's form.
  if (unexpected.size === 0) return out;
  return code
    .replace(
      /^const (formats\d+) = (\w+\.formats(?:\.\w+|\["[^"\\]*"\]));$/gm,
      (whole, name: string, check: string) =>
        unexpected.has(name) ? whole : `const ${name} = ${check}.validate;`,
    )
    .replace(/\b(formats\d+)\.validate\(/g, (whole, name: string) =>
      names.has(name) && !unexpected.has(name) ? `${name}(` : whole,
    );
}

/** Remove the empty blocks ajv leaves (`optimize: false`): a number check with no keyword, `else {}`. */
function dropEmptyBlocks(code: string): string {
  return code
    .replace(/^if\(\(typeof (data\d*) == "number"\) && \(isFinite\(\1\)\)\)\{\n\}\n/gm, "")
    .replace(/^\}\nelse \{\n\}$/gm, "}");
}

/** Rewrite ajv standalone ESM source as described in this module's doc comment. */
export function rewriteStandalone(code: string, options: RewriteOptions): RewrittenModule {
  const exports = new Map<string, string>();
  let body = code
    .replace(/^"use strict";\n?/, "")
    .replace(/^export const (\w+) = (\w+);\n?/gm, (_whole, name: string, fn: string) => {
      exports.set(name, fn);
      return "";
    });
  const fallbacks: FunctionFallback[] = [];
  body = topLevelStatements(body)
    .map(({ text, functionName }) => {
      if (functionName === undefined) return text;
      // A blank line before each function, as ajv lays them out.
      try {
        const rewritten = rewriteErrorHandling(relativeCalls(text), functionName);
        return `\n${dropEmptyBlocks(dropUnusedErrorCounts(rewritten))}`;
      } catch (error) {
        fallbacks.push({ name: functionName, reason: (error as Error).message });
        return `\n${asAjvWroteIt(text, functionName)}`;
      }
    })
    .join("\n");
  const runtime = options.runtimeImport;
  let linearUsed = false;
  let guardedUsed = false;
  const neutral = options.unicodeNeutralPatterns ?? new Set<string>();
  // One pass over every pattern ajv built (`new RegExp("<source>", "u")`), whatever their number.
  body = body.replace(/new RegExp\(("(?:[^"\\]|\\.)*"), "u"\)/g, (whole, literal: string) => {
    const pattern = JSON.parse(literal) as string;
    const plan = options.guardedPatterns?.get(pattern);
    if (plan !== undefined) {
      guardedUsed = true;
      return `guardedRegExp(${literal}, ${JSON.stringify(plan)})`;
    }
    if (options.linearPatterns.has(pattern)) {
      linearUsed = true;
      return `linearRegExp(${literal}, "u")`;
    }
    return neutral.has(pattern) ? `new RegExp(${literal})` : whole;
  });
  const helpers = new Set<string>();
  body = body.replace(
    /require\("ajv\/dist\/runtime\/(\w+)"\)\.default/g,
    (_whole, helper: string) => {
      if (!AJV_HELPERS.has(helper)) {
        throw new Error(
          `ajv standalone code needs runtime helper '${helper}'; add it to src/runtime/validate/ajv-runtime.ts`,
        );
      }
      helpers.add(helper);
      return `ajvRuntime.${helper}`;
    },
  );
  const modules = new Map<string, string>();
  body = body.replace(/require\("([^"]+)"\)/g, (_whole, specifier: string) => {
    if (specifier.startsWith("ajv/"))
      throw new Error(`unexpected ajv require '${specifier}'; update rewrite-standalone.ts`);
    return importName(specifier, modules);
  });
  body = directFormatCalls(dropUnusedSchemas(body));
  const importList: ModuleImport[] = [
    {
      bindings: ["addError", "appendErrors"],
      statement: `import { addError, appendErrors } from "${runtime}/validate/append-errors.js";`,
    },
  ];
  if (helpers.size > 0) {
    importList.push({
      bindings: ["ajvRuntime"],
      statement: `import * as ajvRuntime from "${runtime}/validate/ajv-runtime.js";`,
    });
  }
  if (linearUsed) {
    importList.push({
      bindings: ["linearRegExp"],
      statement: `import { linearRegExp } from "${runtime}/guarded-regexp.js";`,
    });
  }
  if (guardedUsed) {
    importList.push({
      bindings: ["guardedRegExp"],
      statement: `import { guardedRegExp } from "${runtime}/guarded-regexp.js";`,
    });
  }
  for (const [specifier, name] of modules) {
    importList.push({ bindings: [name], statement: `import * as ${name} from "${specifier}";` });
  }
  return {
    imports: importList.map((i) => i.statement).join("\n"),
    importList,
    body: body.replace(/\n{3,}/g, "\n\n").trim(),
    exports,
    fallbacks,
  };
}
