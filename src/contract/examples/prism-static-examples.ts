/**
 * The spec's examples as Prism serves them in static mode (`Prefer: dynamic=false`): for every
 * operation and every documented status with a JSON body, the static body is validated like any
 * response. Static Prism builds bodies from the examples and, where there are none, from
 * placeholders (`"string"` for Gcore's amounts, which break their pattern); each violation is a
 * spec defect, and so is each response violation Prism itself lists in its `sl-violations` header.
 * @see https://docs.stoplight.io/docs/prism/
 */
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import { validateResponseWith } from "../../runtime/validate/validate-with-module.js";
import { parameterKey } from "../cases/operation-schemas.js";
import type { ApiValues, OperationValues } from "../cases/request-values.js";
import { sampleValue } from "../cases/sample-values.js";
import { isPrismOwnError } from "../checks/prism-request-conformance.js";
import { observeBody } from "../run/send-request.js";
import type { SpecDefect } from "../types.js";

/** What the static check needs. */
export interface StaticExamplesInput {
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  /** Prism's base URL. */
  readonly prismUrl: string;
  /** A (fake) credential, sent as the spec's security scheme says. */
  readonly credential: string;
  readonly fetch?: (request: Request) => Promise<Response>;
  /** The values the cases send (request-values.ts): parameters and bodies Prism accepts. */
  readonly values?: ApiValues;
}

interface HeaderViolation {
  readonly location?: readonly (string | number)[];
  readonly message?: string;
}

/** A parameter's value: the planned one (confirmed by its schema's validator), else the sample. */
function parameterValue(
  operation: OperationSpec,
  values: OperationValues | undefined,
  location: string,
  name: string,
): unknown {
  const planned = values?.parameters[parameterKey(location, name)]?.[0];
  if (planned !== undefined) return planned;
  const parameter = operation.parameters.find((p) => p.in === location && p.name === name);
  return parameter ? sampleValue(parameter.schema) : undefined;
}

function pathWithSamples(operation: OperationSpec, values: OperationValues | undefined): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(parameterValue(operation, values, "path", name) ?? "1")),
  );
}

function requiredQuery(operation: OperationSpec, values: OperationValues | undefined): string {
  const params = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query" || !parameter.required) continue;
    params.set(
      parameter.name,
      String(parameterValue(operation, values, "query", parameter.name) ?? ""),
    );
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** Body-side entries of Prism's `sl-violations` header, keyed by JSON Pointer into the body. */
function headerViolations(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (header === null) return out;
  let parsed: HeaderViolation[];
  try {
    parsed = JSON.parse(header) as HeaderViolation[];
  } catch {
    return out;
  }
  for (const violation of Array.isArray(parsed) ? parsed : []) {
    const location = violation.location ?? [];
    if (location[0] !== "response" || location[1] !== "body") continue;
    const pointer = location
      .slice(2)
      .map((t) => `/${String(t)}`)
      .join("");
    out.set(pointer, violation.message ?? "violation");
  }
  return out;
}

/** Request each documented JSON response statically and report what breaks its schema. */
export async function checkPrismStaticExamples(input: StaticExamplesInput): Promise<SpecDefect[]> {
  const send = input.fetch ?? ((request: Request) => fetch(request));
  const jobs: Promise<SpecDefect[]>[] = [];
  for (const operation of Object.values(input.index.operations)) {
    const scheme = operation.security[0]?.[0];
    const values = input.values?.[operation.key];
    for (const response of Object.values(operation.responses)) {
      if (!/^\d{3}$/.test(response.status) || !response.content.some((c) => c.validator !== null))
        continue;
      jobs.push(
        (async () => {
          const headers = new Headers({ Prefer: `code=${response.status}, dynamic=false` });
          if (scheme?.in === "header")
            headers.set(scheme.name, `${scheme.prefix}${input.credential}`);
          if (values?.body) headers.set("Content-Type", values.body.mediaType);
          const url = `${input.prismUrl}${pathWithSamples(operation, values)}${requiredQuery(operation, values)}`;
          const reply = await send(
            new Request(url, {
              method: operation.method.toUpperCase(),
              headers,
              ...(values?.body ? { body: JSON.stringify(values.body.value) } : {}),
            }),
          );
          const body = await observeBody(reply);
          const where = `Prism's static ${reply.status} of ${operation.key}`;
          // Prism refusing our request says nothing of the vendor's examples (case_generation's job).
          if (body.kind !== "json" || isPrismOwnError(body.value)) return [];
          const result = validateResponseWith(input.index, input.validators, {
            operation: operation.key,
            status: reply.status,
            contentType: reply.headers.get("content-type") ?? undefined,
            body: body.value,
          });
          const flagged = headerViolations(reply.headers.get("sl-violations"));
          const defects: SpecDefect[] = result.errors.map((violation) => {
            const prismSays = flagged.get(violation.pointer);
            flagged.delete(violation.pointer);
            const value = "value" in violation ? ` (got ${JSON.stringify(violation.value)})` : "";
            return {
              api: input.index.api,
              source: "prism-static",
              pointer: violation.pointer,
              message: `${where}: ${violation.keyword}: ${violation.message}${value}${prismSays ? `; Prism's sl-violations header says so too: "${prismSays}"` : ""}`,
            };
          });
          for (const [pointer, message] of flagged) {
            defects.push({
              api: input.index.api,
              source: "prism-static",
              pointer,
              message: `${where}: Prism's sl-violations header: ${message}`,
            });
          }
          return defects;
        })(),
      );
    }
  }
  return (await Promise.all(jobs)).flat();
}
