/**
 * Errors of recording exchanges to HAR and reading them back. Each names the file (and where in
 * it) and says what to do; none holds a credential. All are set-up errors: exit 2 in the CLI.
 */
import { ApiContractsError } from "../../errors.js";

/** Redaction rules that cannot be loaded: recording refuses to start rather than write secrets. */
export class RedactionRulesError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "RedactionRulesError";
  constructor(
    /** The rules file, or `record.redact` for rules passed in code. */
    readonly source: string,
    readonly problem: string,
  ) {
    super(
      `redaction rules ${source}: ${problem}; nothing was recorded. Fix the rules ({ "headers": [...], "queryParameters": [...], "jsonPointers": ["/path/*/field"] }) or leave them out`,
    );
  }
}

/** Which recording bound was hit. */
export type RecordingLimit = "exchange" | "folder";

/** An exchange larger than the per-exchange cap, or a folder that would pass its cap. */
export class RecordingLimitError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "RecordingLimitError";
  constructor(
    readonly file: string,
    readonly limit: RecordingLimit,
    readonly maxBytes: number,
    readonly bytes: number,
  ) {
    super(
      limit === "exchange"
        ? `recording ${file}: one exchange takes ${bytes} bytes, over the per-exchange cap of ${maxBytes}; raise the client's record.maxExchangeBytes or leave this request out of the recording`
        : `recording ${file}: the folder would hold ${bytes} bytes, over its cap of ${maxBytes}; record into a fresh folder or raise the client's record.maxFolderBytes`,
    );
  }
}

/** A recording that cannot be used: unreadable, not HAR 1.2, or not what its manifest hashed. */
export class RecordingReadError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "RecordingReadError";
  constructor(
    readonly file: string,
    readonly problem: string,
    /** JSON Pointer inside the file, when the problem is at one place. */
    readonly pointer = "",
  ) {
    super(
      `recording ${file}${pointer ? ` at ${pointer}` : ""}: ${problem}; record it again (the folder's manifest.json lists every file with its sha256)`,
    );
  }
}
