/**
 * The rewrite's error for ajv code of an unknown shape, in a module of its own so that the package
 * entry can export it without loading acorn (a codegen tool, absent from a consumer's install).
 */
import { ApiContractsError } from "../../errors.js";

/**
 * Thrown when ajv's code has a shape the rewrite does not know. The rewrite catches it and keeps the
 * function as ajv wrote it, with a warning, so it never reaches a user; exit 2 if it ever did.
 */
export class UnknownShapeError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "UnknownShapeError";
}
