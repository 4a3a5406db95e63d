/**
 * Stateful sequences: producer → consumer pairs from OpenAPI `links` on a POST's 2xx responses
 * (`operationId` and a `$response.body#/…` or `$response.header.…` parameter), and inferred from
 * the paths (a POST on `/things` creates what GET and DELETE on `/things/{id}` read and remove),
 * run as create → retrieve → delete → retrieve. An inferred id is read from the created body's
 * `id` or the `Location` header's last segment. Two sequence checks (Schemathesis' names): `ensure_resource_availability` (what was
 * created can be retrieved) and `use_after_free` (what was deleted is gone: 404 or 410). Every
 * response also goes through the generated-case checks. Only where writes are allowed. Against a
 * stateless mock (Prism) the generated phase puts a proxy that remembers deletes in front of it
 * (src/contract/targets/delete-memory-proxy.ts): after a 2xx DELETE it asks Prism for the
 * document's own 404 for that path, so the whole chain runs; without it a chain stops after the
 * delete (never passed on the mock's word). Each response is still checked, and the created id must
 * be accepted by retrieve and delete (Prism validates it against their path parameters).
 * @see https://spec.openapis.org/oas/v3.1.0#link-object
 */
import fc from "fast-check";
import { escapeRegExp } from "../../runtime/escape-regexp.js";
import { getAtPointer, toPointer } from "../../runtime/json-pointer.js";
import { isJsonObject } from "../../runtime/json-value.js";
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
  /** From a link: where the id is (`$response.body#/id`, `$response.header.Location`). */
  readonly idExpression?: string;
}

/**
 * Chains of `index`: first those `document`'s links declare (a POST's 2xx response linking to a
 * GET by `operationId`, filling one path parameter from the response), then POST `/p` with GET
 * (and DELETE) on `/p/{x}` for creates no link covers.
 */
export function inferChains(index: ApiIndex, document?: unknown): ResourceChain[] {
  const operations = Object.values(index.operations);
  const chains: ResourceChain[] = document === undefined ? [] : linkedChains(index, document);
  const linked = new Set(chains.map((c) => c.create.key));
  for (const create of operations) {
    if (create.method !== "post" || linked.has(create.key)) continue;
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

/** Chains declared by links (see {@link inferChains}). */
function linkedChains(index: ApiIndex, document: unknown): ResourceChain[] {
  const operations = Object.values(index.operations);
  const chains: ResourceChain[] = [];
  for (const create of operations) {
    if (create.method !== "post") continue;
    const responses = getAtPointer(
      document,
      toPointer(["paths", create.path, create.method, "responses"]),
    );
    if (!isJsonObject(responses)) continue;
    for (const [status, response] of Object.entries(responses)) {
      if (!/^2/.test(status) || !isJsonObject(response) || !isJsonObject(response.links)) continue;
      for (const raw of Object.values(response.links)) {
        const link =
          isJsonObject(raw) && typeof raw.$ref === "string"
            ? getAtPointer(document, raw.$ref)
            : raw;
        if (
          !isJsonObject(link) ||
          typeof link.operationId !== "string" ||
          !isJsonObject(link.parameters)
        )
          continue;
        const retrieve = operations.find(
          (o) => o.operationId === link.operationId && o.method === "get",
        );
        const entry = Object.entries(link.parameters).find(
          ([name, value]) =>
            typeof value === "string" &&
            retrieve?.parameters.some(
              (p) => p.in === "path" && p.name === name.replace(/^path\./, ""),
            ),
        );
        if (!retrieve || !entry) continue;
        const remove = operations.find((o) => o.method === "delete" && o.path === retrieve.path);
        chains.push({
          create,
          retrieve,
          remove,
          idParameter: entry[0].replace(/^path\./, ""),
          idExpression: String(entry[1]),
        });
      }
    }
  }
  return chains;
}

/** The value a link's runtime expression names in the created response, as text. */
function fromExpression(result: CaseResult, expression: string): string | undefined {
  const exchange = result.run.exchanges[0];
  if (!exchange) return undefined;
  const body = /^\$response\.body#(.*)$/.exec(expression);
  if (body) {
    const value =
      exchange.body.kind === "json" ? getAtPointer(exchange.body.value, body[1] ?? "") : undefined;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  }
  const header = /^\$response\.header\.(.+)$/.exec(expression);
  return header ? exchange.responseHeaders[(header[1] ?? "").toLowerCase()] : undefined;
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
  options: {
    readonly seed: number;
    readonly send: SendStep;
    /**
     * A stateless target (Prism): no retrieve after the delete, so no `use_after_free`; and a
     * created id the retrieve's own validator refuses ends the chain with a note (the mock
     * invented it from the response schema; the vendor did not send it).
     */
    readonly stateless?: boolean;
    /**
     * The stateless target sits behind a proxy that remembers deletes (delete-memory-proxy.ts):
     * the retrieve after the delete runs, and `use_after_free` with it.
     */
    readonly deletesRemembered?: boolean;
    /** Why a chain stopped early (a line for the summary). */
    readonly note?: (line: string) => void;
  },
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
    const ok =
      (created.run.exchanges[0]?.status ?? 0) >= 200 &&
      (created.run.exchanges[0]?.status ?? 0) < 300;
    const id =
      chain.idExpression === undefined
        ? createdId(created)
        : ok
          ? fromExpression(created, chain.idExpression)
          : undefined;
    if (id === undefined) continue;
    // The parent's path parameters (`/accounts/{accountId}/payments`) carry over to the item's path.
    const path = { ...(request.path ?? {}), [chain.idParameter]: id };
    const reader = generators.get(chain.retrieve.key);
    if (
      options.stateless &&
      reader !== undefined &&
      !("skipped" in reader) &&
      !reader.validate({ path, query: {}, header: {} })
    ) {
      options.note?.(
        `stateful sequence ${chain.create.key} → ${chain.retrieve.key} stopped after the create: the mock's created id '${id}' is not a valid ${chain.idParameter} for ${chain.retrieve.key} (the mock makes ids up from the response schema; the document's id schemas disagree, or the mock ignores them)`,
      );
      continue;
    }
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
    if (options.stateless && !options.deletesRemembered) continue;
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
