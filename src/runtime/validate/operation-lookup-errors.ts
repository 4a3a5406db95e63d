/** Typed usage errors of the validation engine: the CLI turns them into exit 2. */
import { UsageError } from "../../errors.js";

/** The operation is neither an operationId nor a `"METHOD /path"` of the API. */
export class UnknownOperationError extends UsageError {
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly known: readonly string[],
  ) {
    const shown =
      known.length > 20 ? [...known.slice(0, 20), `… (${known.length - 20} more)`] : known;
    super(
      `unknown operation '${operation}' for API '${api}'; use an operationId or "METHOD /path", known: ${shown.join(", ") || "(none)"}`,
    );
  }
}

/** The status is not an HTTP status code (an integer from 100 to 599). */
export class InvalidStatusError extends UsageError {
  constructor(readonly status: unknown) {
    super(`status '${String(status)}' is not an HTTP status code; give an integer from 100 to 599`);
  }
}

/** The CLI was asked about a status the operation does not document. */
export class UndocumentedStatusError extends UsageError {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly documented: readonly string[],
  ) {
    super(
      `operation '${operation}' documents no response for status ${status}; documented: ${documented.join(", ") || "(none)"}; pass --status`,
    );
  }
}
