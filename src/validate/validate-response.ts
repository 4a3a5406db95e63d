/**
 * The library's response check: `validateResponse(api, { operation, status, contentType?, body })`
 * against the vendored spec of a generated API.
 *
 * Asynchronous on purpose: an API's response index (`generated/<api>/validation.ts`, the
 * operation index narrowed to what validation reads; never operations.ts or client.ts) and
 * precompiled validators are imported on first use (an application that validates one API does
 * not load the others), and a large API's response index and validators are split into chunks
 * (lazy-response-index.ts, lazy-validators.ts): `validateResponse` imports only the chunks the
 * response needs. After `await loadResponseValidator(api)`, which imports them all,
 * checking is synchronous: keep the returned function for hot paths.
 */
import { type ApiId, apiIds, responseModules } from "../../generated/index.js";
import { UnknownApiError } from "../errors.js";
import type { ResponseIndex } from "../runtime/operation-index.js";
import type {
  ResponseInput,
  ValidationResult,
  ValidatorModule,
} from "../runtime/validate/types.js";
import {
  validateResponseLoading,
  validateResponseWith,
} from "../runtime/validate/validate-with-module.js";

/** A synchronous response check bound to one API. */
export type ResponseValidator = (input: ResponseInput) => ValidationResult;

/** One generated API, loaded: its response index (validation.ts) and validators. */
export interface GeneratedApi {
  readonly index: ResponseIndex;
  readonly validators: ValidatorModule;
}

const loaded = new Map<string, Promise<GeneratedApi>>();

function isApiId(api: string): api is ApiId {
  return (apiIds as readonly string[]).includes(api);
}

/**
 * The response index and validators of `api` (imported once, then cached), every chunk of both
 * loaded: `validateResponseWith(index, validators, input)` can run synchronously.
 * @throws UnknownApiError listing the generated API ids.
 */
export async function loadGeneratedApi(api: string): Promise<GeneratedApi> {
  const entry = await loadGeneratedApiLazily(api);
  await Promise.all([entry.index.loadAll?.(), entry.validators.loadAll?.()]);
  return entry;
}

/**
 * {@link loadGeneratedApi} without importing a split module's chunks (see lazy-validators.ts and
 * lazy-response-index.ts); on the first call, the chunk of `operation` starts loading meanwhile.
 */
function loadGeneratedApiLazily(api: string, operation?: string): Promise<GeneratedApi> {
  if (!isApiId(api)) return Promise.reject(new UnknownApiError(api, apiIds));
  let entry = loaded.get(api);
  if (!entry) {
    entry = (async () => {
      // validation.ts, not index.ts: the full operation index and the client are not needed here.
      const module = await responseModules[api]();
      const index: ResponseIndex = module.responseIndex;
      // Overlaps the operation's import with the validators' (awaited again, and retried if it
      // failed, by validateResponseLoading).
      if (operation !== undefined) index.load?.(operation).catch(() => undefined);
      return { index, validators: await module.loadValidators() };
    })();
    // A failed load (e.g. validators not generated yet) is retried on the next call.
    entry.catch(() => loaded.delete(api));
    loaded.set(api, entry);
  }
  return entry;
}

/**
 * A synchronous validator for `api`'s responses (every validator imported first).
 * @throws UnknownApiError for an unknown id.
 */
export async function loadResponseValidator(
  api: ApiId | (string & {}),
): Promise<ResponseValidator> {
  const { index, validators } = await loadGeneratedApi(api);
  return (input) => validateResponseWith(index, validators, input);
}

/**
 * Check one response of `api` (see validateResponseWith for the rules): `{ valid, errors,
 * omitted }`, every violation listed (the first 1,000 kept, `omitted` counting the rest).
 * @throws UnknownApiError, UnknownOperationError, InvalidStatusError (usage errors).
 */
export async function validateResponse(
  api: ApiId | (string & {}),
  input: ResponseInput,
): Promise<ValidationResult> {
  const { index, validators } = await loadGeneratedApiLazily(api, input.operation);
  return validateResponseLoading(index, validators, input);
}
