import { describe, expect, it } from "vitest";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import {
  type DiffCase,
  documentsFor,
  GCORE_GET,
  GCORE_LIST,
  idsAndLevels,
  type Json,
  locationResolves,
  MPT_CREATE,
  MPT_GET,
  op,
  param,
  withCreateOperation,
} from "./edit-specs.js";

const LIST_PATH = "/billing/org/v1/erp-invoices";
const GET_PATH = "/billing/org/v1/erp-invoices/{id}";

const cases: [string, DiffCase][] = [
  // Operations
  [
    "path removed",
    {
      api: "gcore",
      edit: (d) => delete d.paths[GET_PATH],
      want: [["api-path-removed-without-deprecation", "breaking"]],
    },
  ],
  [
    "deprecated path removed",
    {
      api: "gcore",
      prepare: (d) => (op(d, GCORE_GET).deprecated = true),
      edit: (d) => delete d.paths[GET_PATH],
      want: [["api-path-removed-with-deprecation", "info"]],
    },
  ],
  [
    "method removed, path kept",
    {
      api: "gcore",
      prepare: (d) =>
        (d.paths[GET_PATH].delete = { responses: { "204": { description: "gone" } } }),
      edit: (d) => delete d.paths[GET_PATH].delete,
      want: [["api-removed-without-deprecation", "breaking"]],
    },
  ],
  [
    "operation added",
    {
      api: "gcore",
      edit: (d) => (d.paths[`${GET_PATH}/copy`] = { get: structuredClone(op(d, GCORE_GET)) }),
      want: [["endpoint-added", "info"]],
    },
  ],
  [
    "operation deprecated",
    {
      api: "mpt",
      edit: (d) => (op(d, MPT_GET).deprecated = true),
      want: [["endpoint-deprecated", "info"]],
    },
  ],
  [
    "operationId renamed",
    {
      api: "gcore",
      edit: (d) => (op(d, GCORE_GET).operationId = "retrieveInvoice"),
      want: [["api-operation-id-removed", "info"]],
    },
  ],
  // Parameters
  [
    "new required parameter",
    {
      api: "gcore",
      edit: (d) =>
        op(d, GCORE_LIST).parameters.push({
          in: "query",
          name: "org",
          required: true,
          schema: { type: "string" },
        }),
      want: [["new-required-request-parameter", "breaking"]],
    },
  ],
  [
    "new optional parameter",
    {
      api: "mpt",
      edit: (d) =>
        op(d, MPT_GET).parameters.push({ in: "query", name: "expand", schema: { type: "string" } }),
      want: [["new-optional-request-parameter", "info"]],
    },
  ],
  [
    "optional parameter became required",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "limit").required = true),
      want: [["request-parameter-became-required", "breaking"]],
    },
  ],
  [
    "parameter removed",
    {
      api: "mpt",
      edit: (d) =>
        (op(d, MPT_GET).parameters = op(d, MPT_GET).parameters.filter(
          (p: Json) => p.name !== "select",
        )),
      want: [["request-parameter-removed", "warning"]],
    },
  ],
  [
    "parameter type changed",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "limit").schema.type = "boolean"),
      want: [["request-parameter-type-changed", "breaking"]],
    },
  ],
  [
    "path parameter type changed",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_GET, "id").schema.type = "boolean"),
      want: [["request-parameter-type-changed", "breaking"]],
    },
  ],
  [
    "parameter type widened (integer → number)",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "limit").schema.type = "number"),
      want: [["request-parameter-type-generalized", "info"]],
    },
  ],
  [
    "parameter enum value removed",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "move_type").schema.enum = ["out_invoice"]),
      want: [["request-parameter-enum-value-removed", "breaking"]],
    },
  ],
  [
    "array parameter item enum value removed",
    {
      api: "gcore",
      edit: (d) => param(d, GCORE_LIST, "ordering").schema.items.enum.pop(),
      want: [["request-parameter-enum-value-removed", "breaking"]],
    },
  ],
  [
    "parameter enum value added",
    {
      api: "gcore",
      edit: (d) => param(d, GCORE_LIST, "payment_state").schema.enum.push("refunded"),
      want: [["request-parameter-enum-value-added", "info"]],
    },
  ],
  [
    "parameter restricted to an enum",
    {
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "currency").schema.enum = ["EUR", "USD"]),
      want: [["request-parameter-became-enum", "breaking"]],
    },
  ],
  // Request body
  [
    "request body became required",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => (op(d, MPT_CREATE).requestBody.required = true),
      want: [["request-body-became-required", "breaking"]],
    },
  ],
  [
    "required request body added",
    {
      api: "mpt",
      prepare: (d) => {
        withCreateOperation(d);
        delete op(d, MPT_CREATE).requestBody;
      },
      edit: (d) =>
        (op(d, MPT_CREATE).requestBody = {
          required: true,
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/InvoiceDraft" } },
          },
        }),
      want: [["request-body-added-required", "breaking"]],
    },
  ],
  [
    "request body media type removed",
    {
      api: "mpt",
      prepare: withCreateOperation,
      edit: (d) => {
        const content = op(d, MPT_CREATE).requestBody.content;
        content["application/merge-patch+json"] = content["application/json"];
        delete content["application/json"];
      },
      want: [
        ["request-body-media-type-added", "info"],
        ["request-body-media-type-removed", "breaking"],
      ],
    },
  ],
  // Response statuses
  [
    "success status replaced",
    {
      api: "gcore",
      edit: (d) => {
        const responses = op(d, GCORE_GET).responses;
        responses["203"] = responses["200"];
        delete responses["200"];
      },
      want: [
        ["response-success-status-added", "info"],
        ["response-success-status-removed", "breaking"],
      ],
    },
  ],
  [
    "error status added",
    {
      api: "mpt",
      edit: (d) => (op(d, MPT_GET).responses["429"] = { description: "Too Many Requests" }),
      want: [["response-non-success-status-added", "info"]],
    },
  ],
  [
    "error status removed",
    {
      api: "mpt",
      edit: (d) => delete op(d, MPT_GET).responses["404"],
      want: [["response-non-success-status-removed", "info"]],
    },
  ],
  [
    "response media type removed",
    {
      api: "mpt",
      edit: (d) => {
        const content = op(d, MPT_GET).responses["200"].content;
        content["text/json"] = content["application/json"];
        delete content["application/json"];
      },
      want: [
        ["response-media-type-added", "info"],
        ["response-media-type-removed", "breaking"],
      ],
    },
  ],
  // Security
  [
    "second scheme required on an operation",
    {
      api: "gcore",
      prepare: (d) =>
        (d.components.securitySchemes.Signature = {
          type: "apiKey",
          in: "header",
          name: "X-Signature",
        }),
      edit: (d) => (op(d, GCORE_GET).security = [{ APIKey: [], Signature: [] }]),
      // The inherited APIKey alternative is gone; APIKey + Signature is a new one (oasdiff's view).
      want: [
        ["api-security-added", "info"],
        ["api-security-removed", "breaking"],
      ],
    },
  ],
  [
    "security on a previously public document",
    {
      api: "mpt",
      prepare: (d) => delete d.security,
      edit: (d) => (d.security = [{ bearerAuth: [] }]),
      want: [
        ["api-global-security-added", "info"],
        ["api-global-security-anonymous-access-removed", "breaking"],
      ],
    },
  ],
  [
    "alternative scheme offered",
    {
      api: "gcore",
      prepare: (d) => (d.components.securitySchemes.Bearer = { type: "http", scheme: "bearer" }),
      edit: (d) => d.security.push({ Bearer: [] }),
      want: [["api-global-security-added", "info"]],
    },
  ],
  [
    "API key header renamed",
    {
      api: "gcore",
      edit: (d) => (d.components.securitySchemes.APIKey.name = "X-Api-Key"),
      want: [
        ["api-security-component-changed", "info"],
        ["api-security-component-in-use-changed", "breaking"],
      ],
    },
  ],
];

describe("diffDocuments: operations, parameters, request bodies, statuses, security", () => {
  it.each(cases)("%s", (_name, given) => {
    const docs = documentsFor(given);
    const changes = diffDocuments(docs.old, docs.new);
    expect(idsAndLevels(changes)).toEqual(given.want.map(([id, level]) => `${id} ${level}`).sort());
    for (const change of changes)
      expect(locationResolves(change.location, docs.old, docs.new)).toBe(true);
  });

  it("names the operation and points into OLD for a removal", () => {
    const docs = documentsFor({ api: "gcore", edit: (d) => delete d.paths[GET_PATH], want: [] });
    expect(diffDocuments(docs.old, docs.new)).toEqual([
      {
        id: "api-path-removed-without-deprecation",
        level: "breaking",
        operation: GCORE_GET,
        location: "/paths/~1billing~1org~1v1~1erp-invoices~1{id}/get",
        message: "path and operation removed without deprecation",
      },
    ]);
  });

  it("matches a path whose parameter was renamed, and compares its parameter by position", () => {
    const docs = documentsFor({
      api: "gcore",
      edit: (d) => {
        d.paths["/billing/org/v1/erp-invoices/{invoice_id}"] = d.paths[GET_PATH];
        delete d.paths[GET_PATH];
        param(d, "GET /billing/org/v1/erp-invoices/{invoice_id}", "id").name = "invoice_id";
      },
      want: [],
    });
    expect(diffDocuments(docs.old, docs.new)).toEqual([]);
  });

  it("reports a change to the list's query parameter under that operation only", () => {
    const docs = documentsFor({
      api: "gcore",
      edit: (d) => (param(d, GCORE_LIST, "limit").required = true),
      want: [],
    });
    const [change] = diffDocuments(docs.old, docs.new);
    expect(change?.operation).toBe(GCORE_LIST);
    expect(change?.location).toMatch(
      new RegExp(`^/paths/${LIST_PATH.replace(/\//g, "~1")}/get/parameters/\\d+/required$`),
    );
  });
});
