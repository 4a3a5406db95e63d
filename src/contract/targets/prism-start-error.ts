import { ApiContractsError } from "../../errors.js";

/**
 * Prism could not start on a spec (missing or unparsable file, no operations, a timeout): a setup
 * error, exit 2. The message names the spec file and quotes Prism's own reason.
 */
export class PrismStartError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "PrismStartError";
  constructor(
    readonly specFile: string,
    readonly reason: string,
  ) {
    super(`Prism failed to start on ${specFile}: ${reason}`);
  }
}
