import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertRefsResolve } from "../../src/document/collect-refs.js";
import { parseOpenApiText } from "../../src/document/load-document.js";
import { type Selection, selectOperations } from "../../src/document/select-operations.js";
import { SpecError } from "../../src/errors.js";
import { getAtPointer, parsePointer, toPointer } from "../../src/runtime/json-pointer.js";

const FILE = "shop.yaml";
const shop = () =>
  parseOpenApiText(readFileSync(join(import.meta.dirname, "../fixtures/spec", FILE), "utf8"), FILE);

/** Component names per section, in the order the result keeps them. */
function componentNames(doc: Record<string, unknown>): Record<string, string[]> {
  const components = (doc.components ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(components).map(([s, m]) => [s, Object.keys(m)]));
}

function operations(doc: Record<string, unknown>): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) => Object.keys(item).map((key) => `${key} ${path}`),
  );
}

/** Replace the value at `pointer` (whose parent must exist). */
function setAt(doc: unknown, pointer: string, value: unknown): void {
  const tokens = parsePointer(pointer);
  const last = tokens.pop() ?? "";
  const parent = getAtPointer(doc, toPointer(tokens)) as Record<string, unknown>;
  parent[last] = value;
}

describe("selectOperations", () => {
  it.each<
    [
      string,
      {
        given: Selection;
        operations: string[];
        components: Record<string, string[]>;
        tags: string[];
      },
    ]
  >([
    [
      "by tag: a schema and an example reached from a media type",
      {
        given: { tags: ["users"] },
        operations: ["get /users"],
        components: { schemas: ["User"], examples: ["OneUser"], securitySchemes: ["ApiKey"] },
        tags: ["users"],
      },
    ],
    [
      "by operationId: chain OrderPage → Order → Customer through a response, path-level parameter kept",
      {
        given: { operationIds: ["listOrders"] },
        operations: ["parameters /orders", "get /orders"],
        components: {
          schemas: ["OrderPage", "Order", "Customer", "Error"],
          parameters: ["Tenant", "Limit"],
          responses: ["OrderList", "Error"],
          securitySchemes: ["ApiKey"],
        },
        tags: ["orders"],
      },
    ],
    [
      "by path: request bodies, headers, links, callbacks and operation security",
      {
        given: { paths: ["/orders"] },
        operations: ["parameters /orders", "get /orders", "post /orders"],
        components: {
          schemas: ["OrderPage", "Order", "Customer", "NewOrder", "ShipmentEvent", "Error"],
          parameters: ["Tenant", "Limit"],
          responses: ["OrderList", "Error"],
          requestBodies: ["NewOrder"],
          headers: ["Location"],
          links: ["GetOrder"],
          callbacks: ["Shipped"],
          securitySchemes: ["ApiKey", "OAuth"],
        },
        tags: ["orders"],
      },
    ],
    [
      "discriminator mapping by bare name and by ref",
      {
        given: { tags: ["pets"] },
        operations: ["get /pets"],
        components: { schemas: ["Pet", "Dog", "Cat"], securitySchemes: ["ApiKey"] },
        tags: ["pets"],
      },
    ],
    [
      "a union of tag and operationId",
      {
        given: { tags: ["pets"], operationIds: ["listUsers"] },
        operations: ["get /users", "get /pets"],
        components: {
          schemas: ["User", "Pet", "Dog", "Cat"],
          examples: ["OneUser"],
          securitySchemes: ["ApiKey"],
        },
        tags: ["users", "pets"],
      },
    ],
  ])("%s", (_name, { given, operations: wantOperations, components, tags }) => {
    const source = shop();
    const selected = selectOperations(source, given, FILE);
    expect(operations(selected)).toEqual(wantOperations);
    // Exactly these: nothing unreferenced kept (Unused, UnusedParam, securitySchemes.Unused) …
    expect(componentNames(selected)).toEqual(components);
    // … and nothing needed lost: every ref in the result resolves within the result.
    expect(() => assertRefsResolve(selected, FILE)).not.toThrow();
    // Kept components are the source's, unchanged.
    for (const [section, names] of Object.entries(components)) {
      for (const name of names) {
        const pointer = `/components/${section}/${name}`;
        expect(getAtPointer(selected, pointer)).toEqual(getAtPointer(source, pointer));
      }
    }
    expect((selected.tags as { name: string }[]).map((t) => t.name)).toEqual(tags);
    expect(selected["x-tagGroups"]).toEqual([{ name: "All", tags }]);
    expect(Object.keys(selected)).toEqual(Object.keys(source));
  });

  it.each<[string, { given: Selection; want: RegExp }]>([
    ["an empty selection", { given: {}, want: /shop\.yaml: empty selection/ }],
    [
      "names nothing in the document has",
      {
        given: { tags: ["orders", "typo"], operationIds: ["nope"], paths: ["/gone"] },
        want: /the selection names tag 'typo', operationId 'nope', path '\/gone', which no operation/,
      },
    ],
  ])("%s is a SpecError", (_name, { given, want }) => {
    expect(() => selectOperations(shop(), given, FILE)).toThrow(SpecError);
    expect(() => selectOperations(shop(), given, FILE)).toThrow(want);
  });

  it.each([
    [
      "an unresolvable $ref in a reached component",
      {
        pointer: "/components/schemas/Order/properties/customer/$ref",
        value: "#/components/schemas/Missing",
        want: "shop.yaml: unresolvable $ref '#/components/schemas/Missing' at /components/schemas/Order/properties/customer/$ref",
      },
    ],
    [
      "an unresolvable $ref in an operation",
      {
        pointer: "/paths/~1orders/get/parameters/0/$ref",
        value: "#/components/parameters/Gone",
        want: "unresolvable $ref '#/components/parameters/Gone' at /paths/~1orders/get/parameters/0/$ref",
      },
    ],
    [
      "an external $ref",
      {
        pointer: "/components/schemas/Customer",
        value: { $ref: "common.yaml#/Customer" },
        want: "external $ref 'common.yaml#/Customer' at /components/schemas/Customer/$ref is not supported",
      },
    ],
  ])("%s is a SpecError naming the ref and where it is used", (_name, { pointer, value, want }) => {
    const doc = shop();
    setAt(doc, pointer, value);
    expect(() => selectOperations(doc, { operationIds: ["listOrders"] }, FILE)).toThrow(SpecError);
    expect(() => selectOperations(doc, { operationIds: ["listOrders"] }, FILE)).toThrow(want);
  });

  it.each([
    [
      "a security requirement naming no scheme (a tolerated defect, reported by vendor)",
      { pointer: "/security", value: [{ Missing: [] }] },
    ],
    [
      "a $ref-shaped value in an enum",
      { pointer: "/components/schemas/Order/enum", value: [{ $ref: "#/nowhere" }] },
    ],
    [
      "a $ref-shaped example",
      { pointer: "/components/schemas/Order/example", value: { $ref: "#/nowhere" } },
    ],
  ])("%s keeps the selection working", (_name, { pointer, value }) => {
    const doc = shop();
    setAt(doc, pointer, value);
    const selected = selectOperations(doc, { operationIds: ["listOrders"] }, FILE);
    expect(Object.keys(selected.paths as object)).toEqual(["/orders"]);
  });
});
