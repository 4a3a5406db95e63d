/**
 * The contract of a check: a small named function from one case's run to the failures it finds.
 * Adding a check is one file exporting a {@link Check} plus one entry in registry.ts.
 */
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { CaseRun, Exchange, Failure, TargetName } from "../types.js";

/** Everything a check may look at for one case. */
export interface CheckContext {
  readonly api: string;
  readonly target: TargetName;
  /** True when the responses come from Prism (its 422s and `sl-violations` mean something). */
  readonly prism: boolean;
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly operation: OperationSpec;
  readonly run: CaseRun;
  /** The API's semantics declaration; undefined when it has none (semantic checks stay silent). */
  readonly semantics: ApiSemantics | undefined;
}

/** One named check. */
export interface Check {
  /** snake_case name, shown in every failure and report. */
  readonly name: string;
  readonly description: string;
  /** Semantic checks run on live targets only: Prism's data is random. */
  readonly semantic: boolean;
  /** Whether the check has anything to say about this case (counts it as passed or failed). */
  readonly appliesTo: (ctx: CheckContext) => boolean;
  readonly run: (ctx: CheckContext) => Failure[];
}

/** A failure of `check` for the case in `ctx`. */
export function failure(
  ctx: CheckContext,
  check: string,
  pointer: string,
  message: string,
  extra: { readonly exchange?: number; readonly severity?: "error" | "warning" } = {},
): Failure {
  return {
    check,
    operation: ctx.operation.key,
    case: ctx.run.case.id,
    pointer,
    message,
    ...(extra.exchange !== undefined && extra.exchange > 0 ? { exchange: extra.exchange } : {}),
    ...(extra.severity === "warning" ? { severity: "warning" as const } : {}),
  };
}

/** The exchanges of a run with their index (pages of a walk, or the single request). */
export function exchangesOf(ctx: CheckContext): readonly (readonly [Exchange, number])[] {
  return ctx.run.exchanges.map((exchange, i) => [exchange, i] as const);
}

/** The parsed JSON body of an exchange, or undefined for other bodies. */
export function jsonBody(exchange: Exchange): unknown {
  return exchange.body.kind === "json" ? exchange.body.value : undefined;
}

/** True for 2xx statuses. */
export function isSuccess(exchange: Exchange): boolean {
  return exchange.status >= 200 && exchange.status < 300;
}

/** Short JSON of a value for messages (cut at 80 characters). */
export function show(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
