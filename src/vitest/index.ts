/**
 * `api-contracts/vitest`: importing it registers `expect(x).toMatchApiSpec()` with vitest (in a
 * setup file, or at the top of a test file). `x` is an openapi-fetch result of a generated client
 * (`await expect(await gcore.GET("/billing/org/v1/erp-invoices")).toMatchApiSpec()`) or
 * `{ status, headers, body }` with `{ api, operation }` given. The matcher is asynchronous:
 * await it.
 */
import { expect } from "vitest";
import { type MatchApiSpecOptions, matchApiSpec } from "./to-match-api-spec.js";

export type { ApiSpecMatch, MatchApiSpecOptions, ResponseParts } from "./to-match-api-spec.js";
export { matchApiSpec } from "./to-match-api-spec.js";

/** The matcher's signature, added to vitest's assertions. */
export interface ApiSpecMatchers {
  /**
   * Checks status, content type and body against the vendored OpenAPI spec; fails listing every
   * violation with its JSON Pointer. Await it.
   */
  toMatchApiSpec(options?: MatchApiSpecOptions): Promise<void>;
}

// `Matchers` is what vitest's `Assertion` extends (vitest >= 3.2): augmenting `Assertion` itself
// through vitest's re-export does not reach it.
declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration must repeat vitest's own default, `any`.
  interface Matchers<T = any> extends ApiSpecMatchers {}
  interface AsymmetricMatchersContaining extends ApiSpecMatchers {}
}

expect.extend({
  async toMatchApiSpec(received: unknown, options?: MatchApiSpecOptions) {
    const { pass, message } = await matchApiSpec(received, options);
    return { pass, message: () => message };
  },
});
