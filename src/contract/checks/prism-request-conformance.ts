/**
 * `prism_request_conformance`: Prism validates every request against the spec. A 422 it makes up
 * (or a request violation in its `sl-violations` header) means our client built a request the
 * spec forbids: a failure, at the parameter's location (`/query/limit`).
 * @see https://docs.stoplight.io/docs/prism/ZG9jOjE2MDY1MDk-request-validation
 */
import type { Exchange } from "../types.js";
import { type Check, exchangesOf, failure, jsonBody } from "./check.js";

const NAME = "prism_request_conformance";

interface PrismViolation {
  readonly location?: readonly (string | number)[];
  readonly severity?: string;
  readonly code?: string | number;
  readonly message?: string;
}

/** True when the response is Prism's own "invalid request" 422 (not one the spec documents). */
export function isPrismRejection(exchange: Exchange): boolean {
  if (exchange.status !== 422) return false;
  const body = jsonBody(exchange) as { type?: unknown } | undefined;
  return typeof body?.type === "string" && body.type.includes("stoplight.io/prism/errors#");
}

/** The request-side entries of Prism's `sl-violations` header. */
export function requestViolations(exchange: Exchange): PrismViolation[] {
  const header = exchange.responseHeaders["sl-violations"];
  if (header === undefined) return [];
  try {
    const parsed = JSON.parse(header) as PrismViolation[];
    return Array.isArray(parsed) ? parsed.filter((v) => v.location?.[0] === "request") : [];
  } catch {
    return [];
  }
}

function pointerOf(location: readonly (string | number)[] | undefined): string {
  return (location ?? []).map((token) => `/${String(token)}`).join("");
}

/** The check. */
export const prismRequestConformance: Check = {
  name: NAME,
  description: "Prism accepts the request the client built (no 422, no request violation)",
  semantic: false,
  appliesTo: (ctx) => ctx.prism && ctx.run.exchanges.length > 0,
  run(ctx) {
    if (!ctx.prism) return [];
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      const found = [];
      if (isPrismRejection(exchange)) {
        const body = jsonBody(exchange) as { validation?: PrismViolation[]; detail?: string };
        const entries = body.validation ?? [];
        for (const entry of entries) {
          found.push(
            failure(
              ctx,
              NAME,
              pointerOf(entry.location),
              `Prism rejected the request: ${entry.message ?? entry.code}`,
              {
                exchange: i,
              },
            ),
          );
        }
        if (entries.length === 0) {
          found.push(
            failure(ctx, NAME, "", `Prism rejected the request: ${body.detail ?? "422"}`, {
              exchange: i,
            }),
          );
        }
        return found;
      }
      for (const violation of requestViolations(exchange)) {
        // The 401 case leaves credentials out on purpose; Prism says so, and that is the point.
        if (!ctx.run.case.credentials && String(violation.code) === "401") continue;
        found.push(
          failure(
            ctx,
            NAME,
            pointerOf(violation.location),
            `Prism flags the request: ${violation.message ?? violation.code}`,
            {
              exchange: i,
            },
          ),
        );
      }
      return found;
    });
  },
};
