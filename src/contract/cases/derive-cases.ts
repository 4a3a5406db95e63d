/**
 * Cases derived from the spec alone, so that a newly vendored API is tested without hand-written
 * tests: required parameters only; each optional query parameter alone with each valid value;
 * every `ordering` value and a two-key ordering; a pagination walk; `select` subsets;
 * retrieve-by-id with ids from the list; and the documented 401 and 404.
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import { responseSchema, schemaProperties, schemaType } from "../../document/schema-shape.js";
import { escapePointerToken } from "../../runtime/json-pointer.js";
import type {
  ApiIndex,
  OperationSpec,
  ParameterSpec,
  SchemaLike,
} from "../../runtime/operation-index.js";
import type { ContractCase, ParamValues, ValueFill } from "../types.js";
import { type ItemLink, itemLink, listShape, successStatus } from "./list-and-retrieve.js";
import { parameterKey } from "./operation-schemas.js";
import type { ApiValues, OperationValues } from "./request-values.js";
import { sampleValue, sampleValues } from "./sample-values.js";

/** Knobs of {@link deriveCases}; every one has a default. */
export interface DeriveOptions {
  /** Pages a pagination walk requests at most (default 3). */
  readonly walkPages?: number;
  /** Items per page of a walk (default 5). */
  readonly pageSize?: number;
  /** Retrieve-by-id cases per operation, each with another id from the list (default 3). */
  readonly retrieveCount?: number;
  /**
   * Query parameters whose value is read from the list's first item (param → field path, a JSON
   * Pointer into the item such as `/currency`), so a
   * live filter case asks for something that exists; the schema sample is the fallback.
   */
  readonly filterFields?: Readonly<Record<string, string>>;
  /**
   * What each API's cases send, by API id (request-values.ts): parameter values, unknown ids and
   * bodies confirmed by their schemas' validators. Without it, the hand-picked samples of
   * sample-values.ts are sent and operations that require a body are not.
   */
  readonly values?: Readonly<Record<string, ApiValues>>;
}

/** Ids no real API holds: what the "404 for an unknown id" case sends without planned values. */
const UNKNOWN_INTEGER_ID = 2_147_483_646;
const UNKNOWN_STRING_ID = "contract-test-unknown-id";

/** No planned values: the samples alone. */
const NO_VALUES: OperationValues = { parameters: {}, unknownIds: {}, notes: [] };

/** The value sent where a parameter needs one: the planned one, else the schema's sample. */
function oneValue(values: OperationValues, parameter: ParameterSpec): unknown {
  return (
    values.parameters[parameterKey(parameter.in, parameter.name)]?.[0] ??
    sampleValue(parameter.schema)
  );
}

function describe(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(",") : String(value);
}

function withQuery(params: ParamValues, name: string, value: unknown): ParamValues {
  return { ...params, query: { ...params.query, [name]: value } };
}

/** Sample path values (the run-time fills replace them) and a fill for each path parameter. */
function pathPlan(
  operation: OperationSpec,
  link: ItemLink | undefined,
  item: number,
  values: OperationValues,
): { fills: ValueFill[]; path: Record<string, unknown> } {
  const fills: ValueFill[] = [];
  const path: Record<string, unknown> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === "path")) {
    path[parameter.name] = oneValue(values, parameter) ?? "1";
    fills.push(
      link?.parameter === parameter.name
        ? {
            in: "path",
            name: parameter.name,
            fromOperation: link.listOperation,
            field: `/${escapePointerToken(link.field)}`,
            item,
          }
        : { in: "path", name: parameter.name, field: "", item },
    );
  }
  return { fills, path };
}

/** Required query and header parameters with their sample values. */
function requiredParams(operation: OperationSpec, values: OperationValues): ParamValues {
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (!parameter.required || parameter.in === "path" || parameter.in === "cookie") continue;
    const value = oneValue(values, parameter);
    if (value === undefined) continue;
    (parameter.in === "query" ? query : header)[parameter.name] = value;
  }
  return {
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(Object.keys(header).length > 0 ? { header } : {}),
  };
}

function isEnumArray(parameter: ParameterSpec): boolean {
  const items = parameter.schema.items as SchemaLike | undefined;
  return schemaType(parameter.schema) === "array" && Array.isArray(items?.enum);
}

/**
 * A two-key ordering from an array-of-enum: a descending key first (on a date field when the list
 * items have one, because dates repeat and so exercise the second key), then an ascending key on
 * another field (`id` when offered).
 */
export function twoKeyOrdering(
  values: readonly string[],
  itemProperties: Readonly<Record<string, SchemaLike>>,
): [string, string] | undefined {
  const field = (value: string) => value.replace(/^-/, "");
  const descending = values.filter((v) => v.startsWith("-"));
  const first =
    descending.find((v) => itemProperties[field(v)]?.format === "date") ??
    descending[0] ??
    values[0];
  if (first === undefined) return undefined;
  const ascending = values.filter((v) => !v.startsWith("-") && field(v) !== field(first));
  const second = ascending.find((v) => v === "id") ?? ascending[0];
  return second === undefined ? undefined : [first, second];
}

/**
 * RQL `select` values from the response's top-level properties: two scalar fields included, the
 * first array excluded, two object fields excluded.
 * @see https://docs.platform.softwareone.com/developer-resources/rest-api/resource-query-language
 */
export function selectSubsets(properties: Readonly<Record<string, SchemaLike>>): string[] {
  const names = (type: (t: string | undefined) => boolean) =>
    Object.entries(properties)
      .filter(([name, schema]) => !name.startsWith("$") && type(schemaType(schema)))
      .map(([name]) => name);
  const scalars = names(
    (t) => t === "string" || t === "integer" || t === "number" || t === "boolean",
  );
  const arrays = names((t) => t === "array");
  const objects = names((t) => t === "object");
  const subsets: string[] = [];
  if (scalars.length > 0) subsets.push(scalars.slice(0, 2).join(","));
  if (arrays[0] !== undefined) subsets.push(`-${arrays[0]}`);
  if (objects.length > 0)
    subsets.push(
      objects
        .slice(0, 2)
        .map((o) => `-${o}`)
        .join(","),
    );
  return subsets;
}

function unknownId(schema: SchemaLike): unknown {
  const type = schemaType(schema);
  return type === "integer" || type === "number" ? UNKNOWN_INTEGER_ID : UNKNOWN_STRING_ID;
}

/** Every case of one operation. */
function operationCases(
  document: OpenApiDocument,
  index: ApiIndex,
  operation: OperationSpec,
  options: Required<DeriveOptions>,
): ContractCase[] {
  const key = operation.key;
  const cases: ContractCase[] = [];
  const values = options.values[index.api]?.[key] ?? NO_VALUES;
  const link = itemLink(document, index, operation);
  const plan = pathPlan(operation, link, 0, values);
  const required = requiredParams(operation, values);
  const base: ParamValues =
    Object.keys(plan.path).length > 0 ? { ...required, path: plan.path } : required;
  const sent = values.body ? { body: values.body } : {};
  const unsendable =
    operation.requestBody?.required && !values.body
      ? {
          unsendable:
            values.bodyProblem ??
            `${key} needs a request body, and no request values were planned for this run`,
        }
      : {};
  const add = (id: string, kind: ContractCase["kind"], params: ParamValues, extra = {}) =>
    cases.push({
      id: `${key} ${id}`,
      operation: key,
      kind,
      params,
      fills: plan.fills,
      credentials: true,
      ...sent,
      ...unsendable,
      ...extra,
    });

  if (plan.fills.length > 0) {
    for (let item = 0; item < options.retrieveCount; item++) {
      const source = link ? `list item ${item}` : `known id ${item}`;
      add(`id from ${source}`, "retrieve-by-id", base, {
        fills: pathPlan(operation, link, item, values).fills,
      });
    }
  } else {
    add("required params only", "required-only", base);
  }

  const shape = listShape(document, operation);
  const status = successStatus(operation);
  const body = status === undefined ? undefined : responseSchema(document, operation, status);
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query" || parameter.required) continue;
    if (parameter.name === "select" && schemaType(parameter.schema) === "string") {
      for (const subset of selectSubsets(body ? schemaProperties(document, body) : {})) {
        add(`select=${subset}`, "select", withQuery(base, "select", subset));
      }
      continue;
    }
    const enumArray = isEnumArray(parameter);
    const kind = enumArray && parameter.name === "ordering" ? "ordering" : "optional-param";
    const field = options.filterFields[parameter.name];
    const dataDriven =
      field !== undefined && shape !== undefined && !Array.isArray(parameter.schema.enum);
    const planned = values.parameters[parameterKey(parameter.in, parameter.name)];
    for (const value of planned ?? sampleValues(parameter.schema)) {
      const params = withQuery(base, parameter.name, value);
      if (dataDriven) {
        const fill: ValueFill = {
          in: "query",
          name: parameter.name,
          fromOperation: key,
          field,
          item: 0,
        };
        add(`${parameter.name} from list item 0`, kind, params, { fills: [...plan.fills, fill] });
      } else {
        add(`${parameter.name}=${describe(value)}`, kind, params);
      }
    }
    if (enumArray) {
      const values = ((parameter.schema.items as SchemaLike).enum as unknown[]).map(String);
      const pair = twoKeyOrdering(values, shape?.itemProperties ?? {});
      if (pair)
        add(`${parameter.name}=${pair.join(",")}`, kind, withQuery(base, parameter.name, pair));
    }
  }

  if (shape) {
    const walk = { pages: options.walkPages, pageSize: options.pageSize };
    const params = withQuery(withQuery(base, shape.limit, walk.pageSize), shape.offset, 0);
    add(`walk ${walk.pages} pages of ${walk.pageSize}`, "pagination", params, { walk });
  }

  if (operation.responses["401"] && operation.security.length > 0) {
    add("401 without credentials", "error-status", base, { expectStatus: 401, credentials: false });
  }
  // The id is the linked one, else the last path parameter (`/accounts/{a}/payments/{id}`).
  const idParameter =
    operation.parameters.find((p) => p.in === "path" && p.name === link?.parameter) ??
    operation.parameters.filter((p) => p.in === "path").at(-1);
  if (operation.responses["404"] && idParameter) {
    const unknown = values.unknownIds[idParameter.name] ?? unknownId(idParameter.schema);
    const path = { ...plan.path, [idParameter.name]: unknown };
    add("404 unknown id", "error-status", { ...base, path }, { expectStatus: 404, fills: [] });
  }
  return cases;
}

/**
 * All cases of an API, in operation order. `document` is the vendored spec (for response shapes:
 * lists, `select` subsets, item fields); nothing here is specific to one vendor.
 */
export function deriveCases(
  index: ApiIndex,
  document: OpenApiDocument,
  options: DeriveOptions = {},
): ContractCase[] {
  const resolved: Required<DeriveOptions> = {
    walkPages: options.walkPages ?? 3,
    pageSize: options.pageSize ?? 5,
    retrieveCount: options.retrieveCount ?? 3,
    filterFields: options.filterFields ?? {},
    values: options.values ?? {},
  };
  return Object.values(index.operations).flatMap((operation) =>
    operationCases(document, index, operation, resolved),
  );
}
