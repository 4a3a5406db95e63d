/** Exit codes the CLI promises: 0 ok, 1 contract violation or drift, 2 usage or setup error. */
export const ExitCode = { ok: 0, violation: 1, usage: 2 } as const;

/** Base class for errors the CLI turns into a message and an exit code, never a stack trace. */
export abstract class ApiContractsError extends Error {
  abstract readonly exitCode: 1 | 2;
}

/** A wrong flag, an unknown API id or operation, a missing file: exit 2. */
export class UsageError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "UsageError";
}

/**
 * A document that cannot be used: malformed YAML/JSON, an unresolvable `$ref`, conflicting pages.
 * `file` and `pointer` say where; the message says what to do.
 */
export class SpecError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "SpecError";
  constructor(
    message: string,
    readonly file?: string,
    readonly pointer?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Unknown API id: the message lists the known ones. */
export class UnknownApiError extends UsageError {
  constructor(
    readonly api: string,
    readonly known: readonly string[],
  ) {
    super(`unknown API '${api}'; known: ${known.join(", ") || "(none: run codegen)"}`);
  }
}

/** A check found drift or a stale file (codegen --check, vendor --check, drift): exit 1. */
export class CheckFailedError extends ApiContractsError {
  readonly exitCode = 1 as const;
  override readonly name = "CheckFailedError";
}

/**
 * `--strict` (codegen, vendor) and the document has defects that would otherwise be worked around
 * with a warning (duplicate operationIds, undefined security schemes, …): exit 2, nothing written.
 * The message lists each warning with its JSON Pointer.
 */
export class StrictWarningsError extends UsageError {
  constructor(
    readonly warnings: readonly {
      readonly api?: string;
      readonly pointer: string;
      readonly message: string;
    }[],
    what: string,
  ) {
    const list = warnings.map((w) => `  ${w.api ? `${w.api} ` : ""}${w.pointer}: ${w.message}`);
    super(
      [
        `--strict: ${what} has ${warnings.length} warning(s) of defects codegen would work around; nothing was written:`,
        ...list,
        "fix them upstream or with patches in source.json, or run without --strict to accept the workarounds",
      ].join("\n"),
    );
  }
}

/**
 * A CLI command needs tools (optional peer dependencies such as openapi-typescript) that are not
 * installed, as in a consumer's light install: exit 2. The message names the command, each missing
 * package and the command that installs them.
 */
export class MissingToolError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "MissingToolError";
  constructor(
    readonly command: string,
    /** Each missing package with the range this package was tested with (`openapi-typescript@^7.13.0`). */
    readonly missing: readonly { readonly name: string; readonly range?: string }[],
  ) {
    const names = missing.map((m) => m.name).join(", ");
    const install = missing.map((m) => (m.range ? `${m.name}@${m.range}` : m.name)).join(" ");
    super(
      `'${command}' needs ${names}, not installed (optional peer ${missing.length === 1 ? "dependency" : "dependencies"} of api-contracts, left out of a consumer install); run 'npm install --save-dev ${install}'`,
    );
  }
}
