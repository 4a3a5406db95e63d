import { beforeAll, describe, expect, it } from "vitest";
import {
  deriveCases,
  selectSubsets,
  twoKeyOrdering,
} from "../../../src/contract/cases/derive-cases.js";
import { itemLink, listShape } from "../../../src/contract/cases/list-and-retrieve.js";
import type { ApiValues } from "../../../src/contract/cases/request-values.js";
import { sampleValues } from "../../../src/contract/cases/sample-values.js";
import type { ContractCase } from "../../../src/contract/types.js";
import type { OpenApiDocument } from "../../../src/document/load-document.js";
import type { ApiIndex } from "../../../src/runtime/operation-index.js";
import { loadShop } from "../fixture-api.js";

let document: OpenApiDocument;
let index: ApiIndex;
let cases: ContractCase[];
const byId = (id: string) => cases.find((c) => c.id === id);

beforeAll(async () => {
  ({ document, index } = await loadShop());
  cases = deriveCases(index, document, { filterFields: { customer: "/customer" } });
});

describe("sampleValues", () => {
  it.each([
    ["enum", { given: { type: "string", enum: ["a", "b"] }, want: ["a", "b"] }],
    ["date", { given: { type: "string", format: "date" }, want: ["2025-01-15"] }],
    [
      "date-time",
      { given: { type: "string", format: "date-time" }, want: ["2025-01-15T12:00:00Z"] },
    ],
    ["integer", { given: { type: "integer" }, want: [1] }],
    ["number above its minimum", { given: { type: "number", minimum: 5 }, want: [5] }],
    ["integer below its maximum", { given: { type: "integer", maximum: 0 }, want: [0] }],
    ["nullable type list", { given: { type: ["integer", "null"] }, want: [1] }],
    [
      "array of enum",
      { given: { type: "array", items: { enum: ["x", "-x"] } }, want: [["x"], ["-x"]] },
    ],
    ["pattern it cannot honour", { given: { type: "string", pattern: "^[A-Z]{3}$" }, want: [] }],
    ["object", { given: { type: "object" }, want: [] }],
  ])("%s", (_, { given, want }) => {
    expect(sampleValues(given)).toEqual(want);
  });
});

describe("deriveCases on the shop fixture", () => {
  it.each([
    [
      "required params only",
      { id: "orders_list required params only", kind: "required-only", query: { region: "eu" } },
    ],
    [
      "each enum value alone",
      {
        id: "orders_list status=closed",
        kind: "optional-param",
        query: { region: "eu", status: "closed" },
      },
    ],
    [
      "a date",
      {
        id: "orders_list placed_from=2025-01-15",
        kind: "optional-param",
        query: { region: "eu", placed_from: "2025-01-15" },
      },
    ],
    [
      "a number within bounds",
      {
        id: "orders_list total_min=5",
        kind: "optional-param",
        query: { region: "eu", total_min: 5 },
      },
    ],
    [
      "each ordering value",
      {
        id: "orders_list ordering=-placed",
        kind: "ordering",
        query: { region: "eu", ordering: ["-placed"] },
      },
    ],
    [
      "a two-key ordering",
      {
        id: "orders_list ordering=-placed,id",
        kind: "ordering",
        query: { region: "eu", ordering: ["-placed", "id"] },
      },
    ],
    [
      "a pagination walk",
      {
        id: "orders_list walk 3 pages of 5",
        kind: "pagination",
        query: { region: "eu", limit: 5, offset: 0 },
      },
    ],
    [
      "select subsets",
      { id: "customers_retrieve select=key,name", kind: "select", query: { select: "key,name" } },
    ],
  ])("%s", (_, { id, kind, query }) => {
    const found = byId(id);
    expect(found?.kind).toBe(kind);
    expect(found?.params.query).toEqual(query);
  });

  it("takes a filter bound to a field from the list's first item, keeping the sample as fallback", () => {
    const found = byId("orders_list customer from list item 0");
    expect(found?.params.query).toEqual({ region: "eu", customer: "contract-test" });
    expect(found?.fills).toEqual([
      { in: "query", name: "customer", fromOperation: "orders_list", field: "/customer", item: 0 },
    ]);
  });

  it.each([
    ["orders_retrieve id from list item 2", { fromOperation: "orders_list", item: 2 }],
    ["orders_receipt id from list item 0", { fromOperation: "orders_list", item: 0 }],
    ["customers_retrieve id from known id 1", { fromOperation: undefined, item: 1 }],
  ])("retrieve-by-id: %s", (id, { fromOperation, item }) => {
    const fill = byId(id)?.fills[0];
    expect(byId(id)?.kind).toBe("retrieve-by-id");
    expect(fill?.fromOperation).toBe(fromOperation);
    expect(fill?.item).toBe(item);
  });

  it.each([
    ["orders_list 401 without credentials", { status: 401, credentials: false }],
    ["orders_retrieve 401 without credentials", { status: 401, credentials: false }],
    ["orders_retrieve 404 unknown id", { status: 404, credentials: true }],
    ["customers_retrieve 404 unknown id", { status: 404, credentials: true }],
  ])("documented error status: %s", (id, { status, credentials }) => {
    expect(byId(id)?.expectStatus).toBe(status);
    expect(byId(id)?.credentials).toBe(credentials);
  });

  it("sends an id no API holds for the 404 case, typed as the parameter", () => {
    expect(byId("orders_retrieve 404 unknown id")?.params.path).toEqual({ order_id: 2147483646 });
    expect(byId("customers_retrieve 404 unknown id")?.params.path).toEqual({
      key: "contract-test-unknown-id",
    });
  });

  it("derives no 401 where none is documented, and no 404 without a path id", () => {
    expect(byId("orders_receipt 401 without credentials")).toBeUndefined();
    expect(byId("orders_list 404 unknown id")).toBeUndefined();
  });

  it("gives every case a unique id", () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
});

describe("list operations and links", () => {
  it("recognises limit/offset + count/results lists only", () => {
    const ops = index.operations;
    expect(listShape(document, ops.orders_list as never)?.itemProperties).toHaveProperty("placed");
    expect(listShape(document, ops.orders_retrieve as never)).toBeUndefined();
  });

  it.each([
    ["orders_retrieve", { parameter: "order_id", listOperation: "orders_list", field: "id" }],
    ["orders_receipt", { parameter: "order_id", listOperation: "orders_list", field: "id" }],
    ["customers_retrieve", undefined],
  ])("%s", (key, want) => {
    expect(itemLink(document, index, index.operations[key] as never)).toEqual(want);
  });
});

describe("twoKeyOrdering and selectSubsets", () => {
  it.each([
    [
      "prefers a descending date key, then id",
      {
        values: ["-amount", "-day", "id", "day"],
        props: { day: { format: "date" } },
        want: ["-day", "id"],
      },
    ],
    [
      "falls back to the first descending key",
      { values: ["-b", "a", "b"], props: {}, want: ["-b", "a"] },
    ],
    ["needs two fields", { values: ["a", "-a"], props: {}, want: undefined }],
  ])("%s", (_, { values, props, want }) => {
    expect(twoKeyOrdering(values, props)).toEqual(want);
  });

  it("includes two scalars, excludes the first array and two objects", () => {
    const properties = {
      $meta: { type: "object" },
      id: { type: "string" },
      no: { type: "integer" },
      size: { type: "number" },
      lines: { type: "array" },
      audit: { type: "object" },
      buyer: { properties: {} },
      more: { type: "object" },
    };
    expect(selectSubsets(properties)).toEqual(["id,no", "-lines", "-audit,-buyer"]);
  });
});

describe("planned values", () => {
  const values: ApiValues = {
    orders_create: {
      parameters: {},
      unknownIds: {},
      body: {
        mediaType: "application/json",
        value: { id: 7, placed: "2025-03-01", total: "1.30" },
      },
      notes: [],
    },
    orders_retrieve: {
      parameters: { "path order_id": [5] },
      unknownIds: { order_id: 999 },
      notes: [],
    },
  };

  it.each([
    [
      "without planned values, a required body makes the case unsendable, saying why",
      {
        given: { values: undefined, id: "orders_create required params only" },
        want: {
          unsendable:
            "orders_create needs a request body, and no request values were planned for this run",
          body: undefined,
        },
      },
    ],
    [
      "a planned body goes with the write",
      {
        given: { values, id: "orders_create required params only" },
        want: { unsendable: undefined, body: values.orders_create?.body },
      },
    ],
    [
      "a body that could not be generated says why",
      {
        given: {
          values: {
            orders_create: { parameters: {}, unknownIds: {}, bodyProblem: "no body", notes: [] },
          },
          id: "orders_create required params only",
        },
        want: { unsendable: "no body", body: undefined },
      },
    ],
  ])("%s", (_, { given, want }) => {
    const derived = deriveCases(
      index,
      document,
      given.values ? { values: { [index.api]: given.values } } : {},
    );
    const found = derived.find((c) => c.id === given.id);
    expect(found?.unsendable).toEqual(want.unsendable);
    expect(found?.body).toEqual(want.body);
  });

  it("sends the planned path value, and the planned unknown id in the 404 case", () => {
    const derived = deriveCases(index, document, { values: { [index.api]: values } });
    expect(
      derived.find((c) => c.id === "orders_retrieve id from list item 0")?.params.path,
    ).toEqual({
      order_id: 5,
    });
    expect(derived.find((c) => c.id === "orders_retrieve 404 unknown id")?.params.path).toEqual({
      order_id: 999,
    });
  });
});
