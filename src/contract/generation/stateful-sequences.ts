/**
 * Stateful sequences: producer → consumer pairs inferred from the paths (a POST on `/things`
 * creates what GET and DELETE on `/things/{id}` read and remove), run as create → retrieve →
 * delete → retrieve. The id is read from the created body's `id` or the `Location` header's last
 * segment. Two sequence checks (Schemathesis' names): `ensure_resource_availability` (what was
 * created can be retrieved) and `use_after_free` (what was deleted is gone: 404 or 410). Every
 * response also goes through the generated-case checks. Only where writes are allowed, and not
 * against Prism (a stateless mock cannot forget what it never stored). OpenAPI `links` are not read.
 */
import fc from "fast-check";
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";
import type { CaseResult } from "../run/case-executor.js";
import type { Failure } from "../types.js";
import type { Drawn } from "./explore-operation.js";
import type { GenerationMode } from "./generated-case.js";
import type { OperationGenerator } from "./request-generator.js";

/** One inferred create → retrieve (→ delete) chain. */
export interface ResourceChain {
  readonly create: OperationSpec;
  readonly retrieve: OperationSpec;
  readonly remove: OperationSpec | undefined;
  /** The item path's parameter the id fills. */
  readonly idParameter: string;
}

/** Chains of `index`: POST `/p` with GET (and DELETE) on `/p/{x}` and `{x}` its only path parameter. */
export function inferChains(index: ApiIndex): ResourceChain[] {
  const operations = Object.values(index.operations);
  const chains: ResourceChain[] = [];
  for (const create of operations) {
    if (create.method !== "post") continue;
    const item = new RegExp(`^${escapeRegExp(create.path.replace(/\/$/, ""))}/\\{([^}/]+)\\}$`);
    const retrieve = operations.find((o) => o.method === "get" && item.test(o.path));
    if (!retrieve) continue;
    const idParameter = item.exec(retrieve.path)?.[1];
    if (idParameter === undefined) continue;
    const remove = operations.find((o) => o.method === "delete" && o.path === retrieve.path);
    chains.push({ create, retrieve, remove, idParameter });
  }
  return chains;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The created resource's id: the body's `id`, else the `Location` header's last segment. */
function createdId(result: CaseResult): string | undefined {
  const exchange = result.run.exchanges[0];
  if (!exchange || exchange.status < 200 || exchange.status >= 300) return undefined;
  const body = exchange.body.kind === "json" ? exchange.body.value : undefined;
  const id = (body as { id?: unknown } | null | undefined)?.id;
  if (typeof id === "string" || typeof id === "number") return String(id);
  const location = exchange.responseHeaders.location;
  const last = location?.split("?")[0]?.split("/").filter(Boolean).pop();
  return last === undefined ? undefined : decodeURIComponent(last);
}

function sequenceFailure(result: CaseResult, check: string, message: string): CaseResult {
  const failure: Failure = {
    check,
    operation: result.run.case.operation,
    case: result.run.case.id,
    pointer: "",
    message,
  };
  return {
    ...result,
    applied: [...result.applied, check],
    failures: [...result.failures, failure],
  };
}

/** Sends one request of a sequence (the phase's sender, renaming the case). */
export type SendStep = (
  operation: OperationSpec,
  drawn: Drawn,
  mode: GenerationMode,
  step: string,
) => Promise<CaseResult>;

/** Run every chain once; the results of each step (passing or not), in order. */
export async function runChains(
  chains: readonly ResourceChain[],
  generators: ReadonlyMap<string, OperationGenerator>,
  options: { readonly seed: number; readonly send: SendStep },
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const chain of chains) {
    const generator = generators.get(chain.create.key);
    if (!generator || "skipped" in generator) continue;
    const [request] = fc
      .sample(generator.positive, { seed: options.seed, numRuns: 20 })
      .filter((r) => generator.validate(r));
    if (request === undefined) continue;
    const created = await options.send(chain.create, { request }, "positive", "create");
    results.push(created);
    const id = createdId(created);
    if (id === undefined) continue;
    const path = { [chain.idParameter]: id };
    const read = (step: string) =>
      options.send(chain.retrieve, { request: { path, query: {}, header: {} } }, "positive", step);
    const first = await read("retrieve after create");
    const firstStatus = first.run.exchanges[0]?.status;
    results.push(
      firstStatus !== undefined && (firstStatus < 200 || firstStatus >= 300)
        ? sequenceFailure(
            first,
            "ensure_resource_availability",
            `${chain.create.key} created ${id}, but ${chain.retrieve.key} answered ${firstStatus}; seed ${options.seed}`,
          )
        : first,
    );
    if (!chain.remove) continue;
    const removed = await options.send(
      chain.remove,
      { request: { path, query: {}, header: {} } },
      "positive",
      "delete",
    );
    results.push(removed);
    const removedStatus = removed.run.exchanges[0]?.status;
    if (removedStatus === undefined || removedStatus < 200 || removedStatus >= 300) continue;
    const after = await read("retrieve after delete");
    const afterStatus = after.run.exchanges[0]?.status;
    results.push(
      afterStatus !== undefined && afterStatus !== 404 && afterStatus !== 410
        ? sequenceFailure(
            after,
            "use_after_free",
            `${chain.remove.key} deleted ${id} (${removedStatus}), but ${chain.retrieve.key} still answered ${afterStatus} (expected 404 or 410); seed ${options.seed}`,
          )
        : after,
    );
  }
  return results;
}
