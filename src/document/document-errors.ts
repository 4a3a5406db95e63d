/**
 * Errors of reading a document (load-document.ts, bundle-document.ts), kept free of the parsers'
 * imports so that the library entry point can export them for nothing. Both are exit 2.
 */
import { SpecError } from "../errors.js";

/**
 * A document whose `openapi`/`swagger` version api-contracts does not read. `found` is what the
 * document says (`openapi: 4.0.0`, `swagger: 1.2`), or `undefined` when it has neither field.
 */
export class UnsupportedVersionError extends SpecError {
  constructor(
    message: string,
    file: string,
    pointer: string | undefined,
    readonly found: string | undefined,
  ) {
    super(message, file, pointer);
  }
}

/** Why a reference to another file cannot be bundled. */
export type ExternalRefProblem = "remote" | "unreadable" | "no-target" | "limit";

/**
 * A `$ref` to another file that cannot be bundled: remote (never fetched), a file that cannot be
 * read, a pointer to nothing, or over the bundling limits. `file` is the referring file and
 * `pointer` the place of the `$ref` in it.
 */
export class ExternalRefError extends SpecError {
  constructor(
    message: string,
    file: string,
    pointer: string,
    readonly ref: string,
    readonly problem: ExternalRefProblem,
  ) {
    super(message, file, pointer);
  }
}
