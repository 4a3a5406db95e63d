import { ApiContractsError } from "../errors.js";
import type { Violation } from "./validate/types.js";

/** A response broke its contract. Thrown by clients in `validate: "throw"` mode; exit 1 in the CLI. */
export class ContractViolationError extends ApiContractsError {
  override readonly name = "ContractViolationError";
  readonly exitCode = 1 as const;
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly status: number,
    readonly violations: readonly Violation[],
  ) {
    const first = violations
      .slice(0, 5)
      .map((v) => `${v.pointer || "(response)"} ${v.keyword}: ${v.message}`)
      .join("; ");
    const more = violations.length > 5 ? `; and ${violations.length - 5} more` : "";
    super(`${api} ${operation} answered ${status} against its contract: ${first}${more}`);
  }
}
