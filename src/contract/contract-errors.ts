/** Errors of the contract suite's set-up: exit 2, never a stack trace, never a secret. */
import { ApiContractsError } from "../errors.js";

/**
 * A run cannot be set up: a malformed credential or base-URL variable, an unreadable spec. The
 * message names the variable or file and says what to fix; it never quotes a credential.
 */
export class ContractSetupError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "ContractSetupError";
  constructor(
    message: string,
    /** The environment variable at fault, when there is one. */
    readonly variable?: string,
  ) {
    super(message);
  }
}
