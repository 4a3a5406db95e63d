/**
 * The validation engine: one response (status, content type, body) against an API's operation
 * index and precompiled validators. The client middleware, the contract suite, the library's
 * `validateResponse` and the CLI all call {@link validateResponseWith}.
 */
import type { ResponseIndex } from "../operation-index.js";
import { findContent, findOperation, findResponse, parseStatus } from "./match-response.js";
import { toViolations } from "./to-violations.js";
import type { ResponseInput, ValidationResult, ValidatorModule, Violation } from "./types.js";

const VALID: ValidationResult = Object.freeze({
  valid: true,
  errors: Object.freeze([]),
  omitted: 0,
});

function invalid(violation: Violation): ValidationResult {
  return { valid: false, errors: [violation], omitted: 0 };
}

/** The verdict when no body validation is needed, else the name of the validator to run. */
function resolve(index: ResponseIndex, input: ResponseInput): ValidationResult | string {
  if (index.isLoaded && !index.isLoaded(input.operation)) {
    throw new Error(
      `${index.api}: operation '${input.operation}' is not loaded yet; await loadValidatorFor() (or index.load('${input.operation}')) first, or call validateResponseLoading()`,
    );
  }
  const operation = findOperation(index, input.operation);
  const status = parseStatus(input.status);
  const response = findResponse(operation, status);
  if (!response) {
    return invalid({
      pointer: "",
      keyword: "status",
      message: `status ${status} is not documented for ${operation.key} (documented: ${Object.keys(operation.responses).join(", ") || "none"})`,
      value: status,
    });
  }
  const documentsBody = response.content.length > 0;
  if (input.body === undefined) {
    if (!documentsBody) return VALID;
    return invalid({
      pointer: "",
      keyword: "body",
      message: `status ${response.status} of ${operation.key} documents a body (${response.content.map((c) => c.type).join(", ")}) but the response has none`,
    });
  }
  if (!documentsBody) {
    return invalid({
      pointer: "",
      keyword: "body",
      message: `status ${response.status} of ${operation.key} documents no body, but the response has one`,
    });
  }
  const content = findContent(response, input.contentType);
  if (!content) {
    return invalid({
      pointer: "",
      keyword: "contentType",
      message: `content type '${input.contentType}' is not documented for status ${response.status} of ${operation.key} (documented: ${response.content.map((c) => c.type).join(", ")})`,
      value: input.contentType,
    });
  }
  return content.validator ?? VALID;
}

/**
 * Check one response. The status must be documented (exact code, then `2XX`-style range, then
 * `default`); a documented body needs a documented content type (media type essence compared,
 * parameters ignored, `*\/*` and `type/*` ranges allowed); a JSON body must match its schema.
 * A body for a response that documents none, and a missing body where one is documented, are
 * violations; so is an undocumented status. Binary media types (no validator) are checked by
 * content type only. Every body violation is listed, the first 1,000 kept, `omitted` counting the
 * rest. `body: undefined` means "no body"; without `contentType`, the first documented JSON type
 * is assumed. With a split validator module (`module.load`) or response index (`index.load`), the
 * validator and operation must have been loaded ({@link loadValidatorFor}, or use
 * {@link validateResponseLoading}).
 * @throws UnknownOperationError, InvalidStatusError (usage errors, exit 2 in the CLI).
 */
export function validateResponseWith(
  index: ResponseIndex,
  module: ValidatorModule,
  input: ResponseInput,
): ValidationResult {
  const name = resolve(index, input);
  if (typeof name !== "string") return name;
  const validate = module.validators[name];
  if (!validate) {
    throw new Error(
      module.load
        ? `${index.api}: validator '${name}' is not loaded yet; await loadValidatorFor() (or module.load('${name}')) first, or call validateResponseLoading()`
        : `${index.api}: validator '${name}' is missing from validators.ts; run 'api-contracts codegen'`,
    );
  }
  let ok: boolean;
  try {
    ok = validate(input.body);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return invalid({
      pointer: "",
      keyword: "depth",
      message: `the body nests too deeply to validate (${error.message}); it is treated as invalid`,
    });
  }
  if (ok) return VALID;
  const errors = validate.errors ?? [];
  const violations = toViolations(errors, input.body);
  return {
    valid: false,
    errors: violations,
    omitted: Math.max(0, (validate.errorCount ?? errors.length) - errors.length),
  };
}

/**
 * Import the operation `input` names when `index` is split, and the validator it needs when
 * `module` is split (a no-op otherwise, or when the response needs no body validation), so that
 * {@link validateResponseWith} can run.
 * @throws UnknownOperationError, InvalidStatusError, as validateResponseWith does.
 */
export async function loadValidatorFor(
  index: ResponseIndex,
  module: ValidatorModule,
  input: ResponseInput,
): Promise<void> {
  await index.load?.(input.operation);
  if (!module.load) return;
  const name = resolve(index, input);
  if (typeof name !== "string" || module.validators[name]) return;
  if (!(await module.load(name))) {
    throw new Error(
      `${index.api}: validator '${name}' is missing from validators.ts; run 'api-contracts codegen'`,
    );
  }
}

/** {@link validateResponseWith} after {@link loadValidatorFor}: for any validator module. */
export async function validateResponseLoading(
  index: ResponseIndex,
  module: ValidatorModule,
  input: ResponseInput,
): Promise<ValidationResult> {
  await loadValidatorFor(index, module, input);
  return validateResponseWith(index, module, input);
}
