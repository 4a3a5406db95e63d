import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOperationIndex, serverUrls } from "../../src/codegen/build-operation-index.js";
import { flattenSecurityScheme } from "../../src/codegen/flatten-security.js";
import { prepareDocument } from "../../src/codegen/prepare-document.js";
import { readSpec } from "../../src/document/discover-specs.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { SpecError } from "../../src/errors.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";

const fixture = join(import.meta.dirname, "../fixtures/codegen/repo/specs/alpha-shop/openapi.yaml");
let index: ApiIndex;

beforeAll(async () => {
  const document = await readSpec(fixture, "alpha-shop.yaml");
  index = buildOperationIndex(
    prepareDocument(document, "alpha-shop.yaml"),
    "alpha-shop",
    "alpha-shop.yaml",
  );
});

describe("buildOperationIndex on the alpha-shop fixture", () => {
  it.each([
    [
      "keys: operationId, else METHOD /path",
      {
        pick: (i: ApiIndex) => Object.keys(i.operations),
        want: ["listOrders", "getOrder", "GET /orders/{id}/pdf"],
      },
    ],
    [
      "servers: variables replaced by defaults",
      { pick: (i: ApiIndex) => i.servers, want: ["https://eu.alpha.example/api"] },
    ],
    [
      "$ref parameter resolved, query defaults form/explode",
      {
        pick: (i: ApiIndex) => i.operations.listOrders?.parameters[0],
        want: {
          name: "limit",
          in: "query",
          required: false,
          style: "form",
          explode: true,
          allowReserved: false,
          schema: { type: "integer" },
        },
      },
    ],
    [
      "explicit style/explode kept",
      { pick: (i: ApiIndex) => i.operations.listOrders?.parameters[1]?.explode, want: false },
    ],
    [
      "path-level parameters merged, operation-level overrides in place",
      {
        pick: (i: ApiIndex) =>
          i.operations.getOrder?.parameters.map((p) => [
            p.in,
            p.name,
            p.required,
            p.style,
            p.explode,
          ]),
        want: [
          ["path", "id", true, "simple", false],
          ["header", "X-Trace", true, "simple", false],
        ],
      },
    ],
    [
      "response $ref resolved; JSON bodies get validator names",
      {
        pick: (i: ApiIndex) => i.operations.listOrders?.responses,
        want: {
          "200": {
            status: "200",
            content: [{ type: "application/json", validator: "v_listOrders_200_0" }],
          },
          "401": {
            status: "401",
            content: [{ type: "application/json", validator: "v_listOrders_401_0" }],
          },
        },
      },
    ],
    [
      "PDF has no validator; index counts every media type; body-less status kept",
      {
        pick: (i: ApiIndex) => i.operations["GET /orders/{id}/pdf"]?.responses,
        want: {
          "200": {
            status: "200",
            content: [
              { type: "application/pdf", validator: null },
              { type: "application/problem+json", validator: "v_GET__orders__id__pdf_200_1" },
            ],
          },
          "502": { status: "502", content: [] },
        },
      },
    ],
    [
      "document security inherited, apiKey prefix from the extension",
      {
        pick: (i: ApiIndex) => i.operations.getOrder?.security,
        want: [
          [
            {
              scheme: "ShopKey",
              type: "apiKey",
              in: "header",
              name: "Authorization",
              prefix: "shopkey ",
            },
          ],
        ],
      },
    ],
    ["tags", { pick: (i: ApiIndex) => i.operations.listOrders?.tags, want: ["orders"] }],
    ["warnings start empty", { pick: (i: ApiIndex) => i.warnings, want: [] }],
  ])("%s", (_name, { pick, want }) => {
    expect(pick(index)).toEqual(want);
  });
});

function docWith(extra: OpenApiDocument): OpenApiDocument {
  return { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {}, ...extra };
}

describe("flattenSecurityScheme", () => {
  it.each([
    [
      "http bearer",
      {
        scheme: { type: "http", scheme: "bearer" },
        want: { in: "header", name: "Authorization", prefix: "Bearer " },
      },
    ],
    [
      "http basic",
      {
        scheme: { type: "http", scheme: "basic" },
        want: { in: "header", name: "Authorization", prefix: "Basic " },
      },
    ],
    [
      "apiKey without prefix",
      {
        scheme: { type: "apiKey", in: "query", name: "key" },
        want: { in: "query", name: "key", prefix: "" },
      },
    ],
    [
      "oauth2",
      {
        scheme: { type: "oauth2", flows: {} },
        want: { in: "header", name: "Authorization", prefix: "Bearer " },
      },
    ],
  ])("%s", (_name, { scheme, want }) => {
    const document = docWith({ components: { securitySchemes: { S: scheme } } });
    expect(flattenSecurityScheme(document, "S", "/security/0/S", "f.yaml")).toMatchObject({
      scheme: "S",
      ...want,
    });
  });
});

describe("buildOperationIndex errors", () => {
  it.each([
    [
      "undefined security scheme",
      {
        document: docWith({
          security: [{ Nope: [] }],
          paths: { "/a": { get: { responses: {} } } },
        }),
        message: "security scheme 'Nope' used at /security/0/Nope is not defined",
      },
    ],
    [
      "duplicate operationId",
      {
        document: docWith({
          paths: {
            "/a": { get: { operationId: "x", responses: {} } },
            "/b": { get: { operationId: "x", responses: {} } },
          },
        }),
        message: "operation key 'x' is used at /paths/~1a/get and at /paths/~1b/get",
      },
    ],
    [
      "parameter without in",
      {
        document: docWith({
          paths: { "/a": { get: { parameters: [{ name: "p" }], responses: {} } } },
        }),
        message: "parameter at /paths/~1a/get/parameters/0 needs a 'name' and 'in'",
      },
    ],
  ])("%s", (_name, { document, message }) => {
    expect(() => buildOperationIndex(document, "t", "f.yaml")).toThrowError(SpecError);
    expect(() => buildOperationIndex(document, "t", "f.yaml")).toThrowError(message);
  });
});

describe("serverUrls", () => {
  it.each([
    ["none", { servers: undefined, want: [] }],
    ["relative kept", { servers: [{ url: "/v1" }], want: ["/v1"] }],
    [
      "unknown variable kept",
      { servers: [{ url: "https://{x}.example" }], want: ["https://{x}.example"] },
    ],
  ])("%s", (_name, { servers, want }) => {
    expect(serverUrls(docWith(servers ? { servers } : {}))).toEqual(want);
  });
});
