/** Errors of the contract suite's set-up: exit 2, never a stack trace, never a secret. */
import { ApiContractsError } from "../errors.js";
import type { Failure } from "./types.js";

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

/**
 * A case's checks found violations: the error its vitest test fails with (exit 1 for the run).
 * The message has one line per violation (check, JSON Pointer, message) and a body excerpt.
 */
export class ContractCaseError extends ApiContractsError {
  readonly exitCode = 1 as const;
  override readonly name = "ContractCaseError";
  constructor(
    message: string,
    /** The case's error failures. */
    readonly failures: readonly Failure[],
  ) {
    super(message);
  }
}
