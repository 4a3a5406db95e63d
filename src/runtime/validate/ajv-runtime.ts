/**
 * The ajv run-time helpers the generated validators call, re-exported as plain ESM named exports.
 * ajv's standalone code reaches them with `require("ajv/dist/runtime/…").default`; codegen turns
 * that into imports from this module, so generated code needs neither `require` nor to know how a
 * loader presents a CommonJS module (Node hands over `module.exports`, bundlers and vitest may
 * unwrap its `default`), and code generated outside this package resolves ajv through it.
 */
import equalModule from "ajv/dist/runtime/equal.js";
import ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import uriModule from "ajv/dist/runtime/uri.js";

function unwrap<T>(module: T | { default: T }): T {
  return module !== null && typeof module === "object" && "default" in module
    ? (module as { default: T }).default
    : (module as T);
}

/** Deep equality (`enum`/`const` with objects, `uniqueItems`). */
export const equal = unwrap(equalModule);
/** String length in code points (`minLength`/`maxLength`). */
export const ucs2length = unwrap(ucs2lengthModule);
/** URI resolution (dynamic references). */
export const uri: unknown = unwrap(uriModule);
