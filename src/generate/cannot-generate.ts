/** The error a schema the generator cannot build values for raises (no tool imports: exported by the package entry). */
import { ApiContractsError } from "../errors.js";

/**
 * Thrown while building an arbitrary: this schema (keyword) cannot be generated, and why. Callers
 * skip the case and say so; if one ever reaches the CLI it is a setup problem of the document (exit 2).
 */
export class CannotGenerate extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "CannotGenerate";
  constructor(
    readonly keyword: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}
