/** Contracts between precompiled validators, the validation engine and its callers. */

/**
 * One error as ajv reports it (the subset the engine reads). The generated validators leave out
 * `schemaPath` and `message` (messages are written from `params`, see to-violations.ts).
 * @see https://ajv.js.org/api.html#error-objects
 */
export interface AjvLikeError {
  readonly instancePath: string;
  readonly schemaPath?: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/**
 * A precompiled (ajv standalone) validator function. Generated validators keep at most
 * {@link MAX_VIOLATIONS} entries in `errors` and count every error in `errorCount`.
 */
export type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: AjvLikeError[] | null;
  errorCount?: number;
};

/**
 * Shape of `generated/<api>/validators.ts`: validators by the names the operation index gives.
 * A small API's module holds every validator in `validators`. A large API's is an index
 * (lazy-validators.ts) whose `validators` fill up as `load(name)` imports the code each needs.
 */
export interface ValidatorModule {
  readonly validators: Readonly<Record<string, CompiledValidator>>;
  /** Split modules: import the validator `name` (undefined when there is none). */
  readonly load?: (name: string) => Promise<CompiledValidator | undefined>;
  /** Split modules: import every validator. */
  readonly loadAll?: () => Promise<void>;
}

/** One contract violation: where (JSON Pointer into the body, or "" for status/content type), which rule, why. */
export interface Violation {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
  readonly value?: unknown;
}

/** A response to check. `operation` is an operationId or `"METHOD /path/template"`. */
export interface ResponseInput {
  readonly operation: string;
  readonly status: number | string;
  readonly contentType?: string;
  readonly body: unknown;
}

/** Result of validating one response; `omitted` counts violations beyond the cap (1,000). */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly Violation[];
  readonly omitted: number;
}

/** How many violations a result keeps; the generated validators stop storing errors beyond it. */
export const MAX_VIOLATIONS = 1000;
