/**
 * `case_generation`: Prism validates every request against the vendor's document before it answers.
 * When it refuses one (its own problem+json error, `type` `https://stoplight.io/prism/errors#…`:
 * 422 UNPROCESSABLE_ENTITY, 415, 405, 404 NO_PATH_MATCHED, …) or lists a request violation in its
 * `sl-violations` header, the request api-contracts built broke the document: a defect of
 * api-contracts' case generation (or of its client), never the vendor's. It is reported under its
 * own check id, with Prism's violation detail, at the parameter's location (`/query/limit`); the
 * vendor checks stay silent on such an exchange (case-executor.ts), since Prism, not the vendor,
 * chose that answer.
 * @see https://docs.stoplight.io/docs/prism/ZG9jOjE2MDY1MDk-request-validation
 */
import type { Exchange } from "../types.js";
import { type Check, type CheckContext, exchangesOf, failure, jsonBody } from "./check.js";

/** The check's id. */
export const CASE_GENERATION = "case_generation";

const NAME = CASE_GENERATION;

/** What every one of these failures says first: whose defect it is. */
const OURS =
  "api-contracts built a request the document forbids (a case-generation defect of api-contracts, not a vendor violation)";

interface PrismViolation {
  readonly location?: readonly (string | number)[];
  readonly severity?: string;
  readonly code?: string | number;
  readonly message?: string;
}

/** True for a body that is one of Prism's own errors (problem+json with Prism's `type`). */
export function isPrismOwnError(body: unknown): boolean {
  const type = (body as { type?: unknown } | null | undefined)?.type;
  return typeof type === "string" && type.includes("stoplight.io/prism/errors#");
}

/**
 * True when the response is Prism's own 4xx refusal of the request (not a response the document
 * defines). Prism's 401 to a case sent without credentials on purpose is the answer that case wants.
 */
export function isPrismRejection(exchange: Exchange, credentials = true): boolean {
  if (exchange.status < 400 || exchange.status >= 500) return false;
  const body = jsonBody(exchange);
  if (!isPrismOwnError(body)) return false;
  return credentials || exchange.status !== 401;
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

/** Request violations Prism reports for this exchange that the case did not cause on purpose. */
function ownViolations(ctx: CheckContext, exchange: Exchange): PrismViolation[] {
  // The 401 case leaves credentials out on purpose; Prism says so, and that is the point.
  return requestViolations(exchange).filter(
    (v) => ctx.run.case.credentials || String(v.code) !== "401",
  );
}

/** True when Prism refused or flagged a request of this case: only this check speaks then. */
export function prismRefusedCase(ctx: CheckContext): boolean {
  return (
    ctx.prism &&
    ctx.run.exchanges.some(
      (exchange) =>
        isPrismRejection(exchange, ctx.run.case.credentials) ||
        ownViolations(ctx, exchange).length > 0,
    )
  );
}

/** The check. */
export const prismRequestConformance: Check = {
  name: NAME,
  description:
    "Prism accepts the request api-contracts generated (a refusal is api-contracts' defect, not the vendor's)",
  semantic: false,
  appliesTo: (ctx) => ctx.prism && ctx.run.exchanges.length > 0,
  run(ctx) {
    if (!ctx.prism) return [];
    return exchangesOf(ctx).flatMap(([exchange, i]) => {
      const found = [];
      const violations = ownViolations(ctx, exchange);
      if (isPrismRejection(exchange, ctx.run.case.credentials)) {
        const body = jsonBody(exchange) as {
          type?: string;
          validation?: PrismViolation[];
          detail?: string;
        };
        const kind = String(body.type).split("#")[1] ?? String(exchange.status);
        const entries = body.validation ?? [];
        for (const entry of entries) {
          found.push(
            failure(
              ctx,
              NAME,
              pointerOf(entry.location),
              `${OURS}: Prism answered ${exchange.status} ${kind}: ${entry.message ?? entry.code}`,
              { exchange: i },
            ),
          );
        }
        if (entries.length === 0) {
          const detail = violations.map((v) => `${pointerOf(v.location)}: ${v.message}`);
          found.push(
            failure(
              ctx,
              NAME,
              "",
              `${OURS}: Prism answered ${exchange.status} ${kind}: ${[body.detail, ...detail].filter(Boolean).join("; ")}`,
              { exchange: i },
            ),
          );
        }
        return found;
      }
      for (const violation of violations) {
        found.push(
          failure(
            ctx,
            NAME,
            pointerOf(violation.location),
            `${OURS}: Prism flags the request: ${violation.message ?? violation.code}`,
            { exchange: i },
          ),
        );
      }
      return found;
    });
  },
};
