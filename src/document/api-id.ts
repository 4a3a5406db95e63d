/** API ids: the folder names under `specs/`, also used for package exports and CLI flags. */
import { UsageError } from "../errors.js";

/** An API id: lowercase kebab-case, as used for folders, exports and CLI flags (`gcore-billing`). */
export const API_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Throws a {@link UsageError} unless `id` is a valid API id; `what` says where it came from. */
export function assertApiId(id: string, what: string): void {
  if (!API_ID_PATTERN.test(id)) {
    throw new UsageError(
      `${what} '${id}' is not a valid API id; use lowercase kebab-case such as 'gcore-billing'`,
    );
  }
}

/** An API id derived from a title (`Stripe API` → `stripe-api`), or undefined if none can be. */
export function apiIdFromTitle(title: string): string | undefined {
  const id = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "");
  return API_ID_PATTERN.test(id) ? id : undefined;
}
