/**
 * What cases send, planned from the document: every value confirmed by its schema's validator
 * (compiled with the validators' own pipeline), unknown ids well-formed, bodies generated from the
 * request schema, and what cannot be generated said, never sent.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRequestSchemas } from "../../../src/cli/compile-request-schemas.js";
import { buildOperationIndex } from "../../../src/codegen/build-operation-index.js";
import { prepareDocument } from "../../../src/codegen/prepare-document.js";
import {
  type ApiValues,
  type OperationValues,
  planRequestValues,
} from "../../../src/contract/cases/request-values.js";
import type { OpenApiDocument } from "../../../src/document/load-document.js";
import { loadFixtureApi } from "../fixture-api.js";

const WRITES = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../fixtures/whole-documents/writes-31.yaml",
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A one-operation 3.1 document: `PUT /things/{id}` with the given id schema and body content. */
function thingDocument(id: unknown, content: unknown): OpenApiDocument {
  return prepareDocument(
    {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/things/{id}": {
          put: {
            operationId: "putThing",
            parameters: [{ name: "id", in: "path", required: true, schema: id }],
            requestBody: { required: true, content },
            responses: { "204": { description: "ok" }, "404": { description: "none" } },
          },
        },
      },
    } as OpenApiDocument,
    "thing.yaml",
  );
}

function plan(document: OpenApiDocument, compile = compileRequestSchemas): OperationValues {
  const index = buildOperationIndex(document, "things", "thing.yaml");
  return planRequestValues(document, index, compile).putThing as OperationValues;
}

const jsonObject = { "application/json": { schema: { type: "object" } } };

describe("planRequestValues on the 3.1 writes fixture", () => {
  let values: ApiValues;
  beforeAll(async () => {
    const api = await loadFixtureApi(WRITES, "writes-31");
    values = planRequestValues(api.document, api.index, compileRequestSchemas);
  });

  it.each([
    [
      "a uuid path id: a random valid uuid for the 404, not the retrieve's",
      { given: ["getPayment", "unknown paymentId"], want: (v: unknown) => UUID.test(String(v)) },
    ],
    [
      "a patterned path parameter: a value its pattern accepts",
      {
        given: ["listPayments", "path accountId"],
        want: (v: unknown) => /^acc_[a-z0-9]{8}$/.test(String(v)),
      },
    ],
    [
      "a required enum query parameter: each enum value",
      { given: ["listPayments", "query currency"], want: (v: unknown) => v === "EUR" },
    ],
    [
      "a JSON body: generated from the request schema, decimals as the pattern allows",
      {
        given: ["createPayment", "body"],
        want: (v: unknown) => {
          const body = v as { amount: string; currency: string };
          return /^-?\d{0,12}(?:\.\d{0,2})?$/.test(body.amount) && body.currency.length === 3;
        },
      },
    ],
  ])("%s", (_, { given: [operation, what], want }) => {
    const planned = values[operation as string] as OperationValues;
    const [kind, name] = (what as string).split(" ");
    const value =
      kind === "unknown"
        ? planned.unknownIds[name as string]
        : kind === "body"
          ? planned.body?.value
          : planned.parameters[what as string]?.[0];
    expect(value).toBeDefined();
    expect(want(value)).toBe(true);
  });

  it("sends a merge-patch body with its own media type", () => {
    expect(values.updatePayment?.body?.mediaType).toBe("application/merge-patch+json");
  });

  it("gives the retrieve and the 404 different uuids", () => {
    const getPayment = values.getPayment as OperationValues;
    expect(getPayment.unknownIds.paymentId).not.toBe(getPayment.parameters["path paymentId"]?.[0]);
  });
});

describe("planRequestValues on one operation", () => {
  it.each([
    ["integer id without bounds", { given: { type: "integer" }, want: 2_147_483_646 }],
    ["integer id with a maximum", { given: { type: "integer", maximum: 999 }, want: 999 }],
    [
      "integer id below an exclusive maximum",
      { given: { type: "integer", exclusiveMaximum: 50 }, want: 49 },
    ],
    ["plain string id", { given: { type: "string" }, want: "contract-test-unknown-id" }],
  ])("unknown id for %s", (_, { given, want }) => {
    expect(plan(thingDocument(given, jsonObject)).unknownIds.id).toBe(want);
  });

  it.each([
    [
      "form-encoded only: said, not sent",
      {
        given: { "application/x-www-form-urlencoded": { schema: { type: "object" } } },
        want: /generates JSON request bodies only; putThing takes application\/x-www-form-urlencoded/,
      },
    ],
    [
      "a schema nothing satisfies: said, not sent",
      {
        given: {
          "application/json": {
            schema: { allOf: [{ type: "string" }, { type: "integer" }] },
          },
        },
        want: /could not generate a valid application\/json body.*allOf/,
      },
    ],
  ])("no body: %s", (_, { given, want }) => {
    const planned = plan(thingDocument({ type: "integer" }, given));
    expect(planned.body).toBeUndefined();
    expect(planned.bodyProblem).toMatch(want);
  });

  it("reports a value its validator rejects as a generator bug and never plans it", () => {
    const rejectAll = (_: OpenApiDocument, pointers: readonly string[]) =>
      new Map(pointers.map((p) => [p, () => false] as const));
    const planned = plan(thingDocument({ type: "integer" }, jsonObject), rejectAll);
    expect(planned.body).toBeUndefined();
    expect(planned.parameters["path id"] ?? []).toEqual([]);
    expect(planned.notes.join("\n")).toMatch(/generator bug at .*requestBody.*not sent/);
  });
});
