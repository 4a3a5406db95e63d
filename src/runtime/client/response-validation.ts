/**
 * The clients' validation step: checks each response against the operation's contract with the
 * validation engine, reading a clone so the caller still gets the untouched body. With
 * `validate: "off"` nothing here runs and neither the engine nor the validators are loaded.
 */
import { ContractViolationError } from "../contract-violation-error.js";
import { isJsonMediaType, mediaTypeEssence } from "../media-type.js";
import type { ApiIndex, OperationSpec } from "../operation-index.js";
import { redactSecretsDeep } from "../redact.js";
import type { ValidatorModule, Violation } from "../validate/types.js";

/** `"off"` (default, zero cost), `"report"` (call `onViolation`), `"throw"` (ContractViolationError). */
export type ValidateMode = "off" | "report" | "throw";

/** Receives each contract violation in `"report"` mode; the call then goes on as usual. */
export type ViolationHandler = (violation: ContractViolationError) => void | Promise<void>;

/** Checks one response of one operation; resolves when it conforms or has been reported. */
export type ResponseCheck = (operation: OperationSpec, response: Response) => Promise<void>;

type Engine = typeof import("../validate/validate-with-module.js");

/**
 * A ResponseCheck for `mode`, or null for `"off"`. Validators and engine load on first use, once.
 * `secrets` are redacted from violations, in case a response echoes the credential.
 */
export function createResponseCheck(
  index: ApiIndex,
  mode: ValidateMode,
  onViolation: ViolationHandler | undefined,
  loadValidators: () => Promise<ValidatorModule>,
  secrets: readonly (string | undefined)[] = [],
): ResponseCheck | null {
  if (mode === "off") return null;
  let loaded: Promise<[Engine, ValidatorModule]> | undefined;
  const load = () => {
    loaded ??= Promise.all([import("../validate/validate-with-module.js"), loadValidators()]);
    // A failed load is not cached, so a later call can try again.
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };

  return async (operation, response) => {
    const [engine, validators] = await load();
    const contentType = response.headers.get("content-type") ?? undefined;
    const body = await readBody(response, contentType);
    const violations: readonly Violation[] =
      body.kind === "not-json"
        ? [{ pointer: "", keyword: "json", message: `body is not JSON: ${body.message}` }]
        : // Loading: a large API's validators are split, and only the chunk this response needs is imported.
          (
            await engine.validateResponseLoading(index, validators, {
              operation: operation.key,
              status: response.status,
              ...(contentType === undefined ? {} : { contentType }),
              body: body.value,
            })
          ).errors;
    if (violations.length === 0) return;
    const safe = redactSecretsDeep(violations, secrets);
    const error = new ContractViolationError(index.api, operation.key, response.status, safe);
    if (mode === "throw") throw error;
    await onViolation?.(error);
  };
}

type ReadBody =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "not-json"; readonly message: string };

/**
 * The body of a clone of `response`: parsed JSON, text, bytes (binary types, which the engine
 * checks by content type only), or undefined when there is none.
 */
async function readBody(response: Response, contentType: string | undefined): Promise<ReadBody> {
  if (response.body === null || response.bodyUsed) return { kind: "value", value: undefined };
  const clone = response.clone();
  const mediaType = mediaTypeEssence(contentType ?? "");
  if (isJsonMediaType(mediaType)) {
    const text = await clone.text();
    if (text === "") return { kind: "value", value: undefined };
    try {
      return { kind: "value", value: JSON.parse(text) };
    } catch (error) {
      return { kind: "not-json", message: error instanceof Error ? error.message : String(error) };
    }
  }
  if (mediaType.startsWith("text/")) {
    const text = await clone.text();
    return { kind: "value", value: text === "" ? undefined : text };
  }
  const bytes = new Uint8Array(await clone.arrayBuffer());
  return { kind: "value", value: bytes.length === 0 ? undefined : bytes };
}
