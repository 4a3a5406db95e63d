/** What the standalone rewrite is given, and the imports it may add to the module. */
import type { PatternPlan } from "../../runtime/guarded-regexp.js";

/** Inputs of the standalone rewrite (rewrite-standalone.ts). */
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
  /** What is imported: `{ addError, appendErrors }` or `* as ajvRuntime`. */
  readonly clause: string;
  /** The module specifier, as seen from the validators module. */
  readonly specifier: string;
  readonly statement: string;
}
