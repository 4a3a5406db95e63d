/** Test helpers: deep copies of the vendored specs, and navigation to the nodes the diff tests edit. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type OpenApiDocument, parseOpenApiText } from "../../src/document/load-document.js";
import { getAtPointer } from "../../src/runtime/json-pointer.js";

// biome-ignore lint/suspicious/noExplicitAny: tests edit parsed JSON freely.
export type Json = any;

const SPEC_FILES = {
  gcore: "../../specs/gcore-billing/openapi.yaml",
  mpt: "../../specs/softwareone-marketplace/openapi.json",
} as const;

/** The vendored specs the tests start from. */
export type Api = keyof typeof SPEC_FILES;

const parsed = new Map<Api, OpenApiDocument>();

/** A fresh deep copy of a vendored spec, to edit. */
export function copyOf(api: Api): Json {
  let doc = parsed.get(api);
  if (!doc) {
    const file = fileURLToPath(new URL(SPEC_FILES[api], import.meta.url));
    doc = parseOpenApiText(readFileSync(file, "utf8"), file);
    parsed.set(api, doc);
  }
  return structuredClone(doc);
}

/** Operations the tests edit. */
export const GCORE_LIST = "GET /billing/org/v1/erp-invoices";
export const GCORE_GET = "GET /billing/org/v1/erp-invoices/{id}";
export const MPT_GET = "GET /public/v1/billing/invoices/{id}";

/** The operation object for `"METHOD /path"`. */
export function op(doc: Json, label: string): Json {
  const [method = "", path = ""] = label.split(" ");
  const found = doc.paths?.[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`no operation ${label} in the test document`);
  return found;
}

/** Follow `$ref`s and single-branch `allOf` wrappers to the schema object that defines a shape. */
export function target(doc: Json, schema: Json): Json {
  let node = schema;
  for (;;) {
    if (typeof node?.$ref === "string") node = getAtPointer(doc, node.$ref);
    else if (Array.isArray(node?.allOf) && node.allOf.length === 1) node = node.allOf[0];
    else return node;
  }
}

/** The (dereferenced) JSON schema of a response. */
export function responseSchema(doc: Json, label: string, status = "200"): Json {
  const content = op(doc, label).responses[status].content;
  return target(doc, content["application/json"].schema);
}

/** The Gcore invoice schema (the items of the list, the body of the retrieve). */
export function gcoreInvoice(doc: Json): Json {
  return responseSchema(doc, GCORE_GET);
}

/** The SoftwareOne invoice schema. */
export function mptInvoice(doc: Json): Json {
  return responseSchema(doc, MPT_GET);
}

/** A query parameter of an operation, by name. */
export function param(doc: Json, label: string, name: string): Json {
  const found = op(doc, label).parameters.find((p: Json) => p.name === name);
  if (!found) throw new Error(`no parameter ${name} in ${label}`);
  return found;
}

/** Replace every `$ref` to `from` with `to`, anywhere in the document. */
export function retarget(node: Json, from: string, to: string): void {
  if (Array.isArray(node)) for (const item of node) retarget(item, from, to);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && value === from) node[key] = to;
      else retarget(value, from, to);
    }
  }
}

/** Rename a component schema and every reference to it. */
export function renameSchema(doc: Json, from: string, to: string): void {
  const schemas = doc.components.schemas;
  schemas[to] = schemas[from];
  delete schemas[from];
  retarget(doc, `#/components/schemas/${from}`, `#/components/schemas/${to}`);
}

/**
 * Give the SoftwareOne spec a `POST /public/v1/billing/invoices` whose JSON body is a small object
 * schema (`InvoiceDraft`), so that request-body rules have something to compare. Applied to both OLD
 * and NEW before NEW's own edit.
 */
export function withCreateOperation(doc: Json): Json {
  doc.components.schemas.InvoiceDraft = {
    type: "object",
    properties: {
      documentNo: { type: "string", maxLength: 40 },
      countryCode: { type: "string", pattern: "^[A-Z]{2}$" },
      status: { $ref: "#/components/schemas/InvoiceStatus" },
      amount: { type: "number", minimum: 0 },
    },
    required: ["documentNo"],
    additionalProperties: false,
  };
  doc.paths["/public/v1/billing/invoices"] = {
    post: {
      requestBody: {
        content: { "application/json": { schema: { $ref: "#/components/schemas/InvoiceDraft" } } },
      },
      responses: {
        "201": {
          description: "Created",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Invoice" } } },
        },
      },
    },
  };
  return doc;
}

/** The request body schema of the operation added by {@link withCreateOperation}. */
export function draft(doc: Json): Json {
  return doc.components.schemas.InvoiceDraft;
}

/** `POST /public/v1/billing/invoices`, added by {@link withCreateOperation}. */
export const MPT_CREATE = "POST /public/v1/billing/invoices";

/** One table row of the diff tests: a vendored spec, an edit applied to NEW, and the changes wanted. */
export interface DiffCase {
  readonly api: Api;
  /** Applied to both OLD and NEW before `edit` (to give the spec something the rule needs). */
  readonly prepare?: (doc: Json) => void;
  readonly edit: (doc: Json) => void;
  /** Every distinct `[id, level]` the diff must report, and nothing else. */
  readonly want: readonly (readonly [string, string])[];
}

/** Build OLD and NEW for a case. */
export function documentsFor(given: DiffCase): { old: Json; new: Json } {
  const before = copyOf(given.api);
  const after = copyOf(given.api);
  given.prepare?.(before);
  given.prepare?.(after);
  given.edit(after);
  return { old: before, new: after };
}

/** Distinct `"id level"` strings, sorted: what a case asserts. */
export function idsAndLevels(changes: readonly { id: string; level: string }[]): string[] {
  return [...new Set(changes.map((c) => `${c.id} ${c.level}`))].sort();
}

/** Whether a location resolves in NEW, or in OLD (removals). */
export function locationResolves(location: string, before: Json, after: Json): boolean {
  return (
    getAtPointer(after, location) !== undefined || getAtPointer(before, location) !== undefined
  );
}
