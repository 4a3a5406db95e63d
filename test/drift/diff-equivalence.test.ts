import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseOpenApiText } from "../../src/document/load-document.js";
import { diffDocuments } from "../../src/drift/diff-documents.js";
import { SpecError } from "../../src/errors.js";
import {
  type DiffCase,
  documentsFor,
  GCORE_GET,
  gcoreInvoice,
  idsAndLevels,
  type Json,
  MPT_GET,
  mptInvoice,
  op,
  renameSchema,
} from "./edit-specs.js";

type Equivalent = Omit<DiffCase, "want">;

/** Edits that change how the spec is written but not what goes over the wire: no change at all. */
const noChange: [string, Equivalent][] = [
  [
    "component renamed, same shape (Gcore)",
    { api: "gcore", edit: (d) => renameSchema(d, "ErpInvoiceExternal", "Invoice") },
  ],
  [
    "component renamed, same shape (SoftwareOne enum)",
    { api: "mpt", edit: (d) => renameSchema(d, "InvoiceStatus", "Status") },
  ],
  [
    "inline schema moved into a component",
    {
      api: "gcore",
      edit: (d) => {
        d.components.schemas.Money = gcoreInvoice(d).properties.amount_total;
        gcoreInvoice(d).properties.amount_total = { $ref: "#/components/schemas/Money" };
      },
    },
  ],
  [
    "nullable: true → type array with null",
    {
      api: "gcore",
      edit: (d) => {
        const p = gcoreInvoice(d).properties.invoice_date;
        delete p.nullable;
        p.type = ["string", "null"];
      },
    },
  ],
  [
    "nullable: true → oneOf null branch",
    {
      api: "mpt",
      edit: (d) => {
        const p = mptInvoice(d).properties.clientId;
        mptInvoice(d).properties.clientId = {
          description: p.description,
          oneOf: [{ type: "string" }, { type: "null" }],
        };
      },
    },
  ],
  [
    "allOf + nullable → oneOf [$ref, null]",
    {
      api: "mpt",
      edit: (d) => {
        const audit = d.components.schemas.InvoiceAuditBag.properties;
        audit.created = {
          oneOf: [{ $ref: "#/components/schemas/PlatformObjectEvent" }, { type: "null" }],
        };
      },
    },
  ],
  [
    "allOf + nullable → anyOf [null, $ref]",
    {
      api: "mpt",
      edit: (d) => {
        const audit = d.components.schemas.InvoiceAuditBag.properties;
        audit.updated = {
          anyOf: [{ type: "null" }, { $ref: "#/components/schemas/PlatformObjectEvent" }],
        };
      },
    },
  ],
  [
    "info.version only",
    { api: "gcore", edit: (d) => (d.info.version = "2026-05-16T07:00:00.000000+00:00") },
  ],
];

/** Documentation-only edits: exactly one info change, however many places changed. */
const documentationOnly: [string, Equivalent][] = [
  [
    "descriptions in three places",
    {
      api: "gcore",
      edit: (d) => {
        op(d, GCORE_GET).description = "Retrieve one ERP invoice.";
        gcoreInvoice(d).properties.name.description = "Invoice number";
        d.info.description = "Billing";
      },
    },
  ],
  [
    "an example",
    {
      api: "gcore",
      edit: (d) =>
        (d.components.schemas.PaginatedErpInvoiceExternalList.properties.count.example = 7),
    },
  ],
  [
    "an x- extension",
    {
      api: "gcore",
      edit: (d) => (gcoreInvoice(d).properties.move_type["x-spec-enum-id"] = "0000"),
    },
  ],
  [
    "a summary and info.version",
    {
      api: "mpt",
      edit: (d) => {
        op(d, MPT_GET).summary = "Get invoice";
        d.info.version = "6";
      },
    },
  ],
];

const fixture = (name: string): Json => {
  const file = fileURLToPath(new URL(`../fixtures/drift/${name}`, import.meta.url));
  return parseOpenApiText(readFileSync(file, "utf8"), file);
};

describe("diffDocuments: equivalent documents", () => {
  it.each(noChange)("%s → no change", (_name, given) => {
    const docs = documentsFor({ ...given, want: [] });
    expect(diffDocuments(docs.old, docs.new)).toEqual([]);
  });

  it.each(documentationOnly)("%s → one info change", (_name, given) => {
    const docs = documentsFor({ ...given, want: [] });
    const changes = diffDocuments(docs.old, docs.new);
    expect(idsAndLevels(changes)).toEqual(["api-documentation-changed info"]);
    expect(changes).toHaveLength(1);
  });

  it("compares a document with itself, parsed twice, as unchanged", () => {
    expect(
      diffDocuments(
        documentsFor({ api: "mpt", edit: () => {}, want: [] }).old,
        documentsFor({ api: "mpt", edit: () => {}, want: [] }).new,
      ),
    ).toEqual([]);
  });
});

describe("diffDocuments: recursive schemas", () => {
  it("terminates and reports a change under each operation once", () => {
    const before = fixture("cyclic.yaml");
    const after = fixture("cyclic.yaml");
    after.components.schemas.Label.maxLength = 200;
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => [c.operation, c.id, c.level, c.location])).toEqual([
      [
        "GET /forests",
        "response-property-max-length-increased",
        "breaking",
        "/components/schemas/Label/maxLength",
      ],
      [
        "GET /nodes/{id}",
        "response-property-max-length-increased",
        "breaking",
        "/components/schemas/Label/maxLength",
      ],
    ]);
  });

  it("follows a recursive property down to a change below it", () => {
    const before = fixture("cyclic.yaml");
    const after = fixture("cyclic.yaml");
    after.components.schemas.Twin.properties.since = { type: "string", format: "date" };
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => [c.operation, c.id, c.message])).toEqual([
      [
        "GET /forests",
        "response-optional-property-added",
        "added the optional response property 'items/twin/since' (200 application/json)",
      ],
      [
        "GET /nodes/{id}",
        "response-optional-property-added",
        "added the optional response property 'twin/since' (200 application/json)",
      ],
    ]);
  });

  it("names the file and pointer of a dangling $ref (exit 2)", () => {
    const before = fixture("cyclic.yaml");
    const after = fixture("cyclic.yaml");
    after.components.schemas.Node.properties.label = { $ref: "#/components/schemas/Missing" };
    expect(() => diffDocuments(before, after, { newSource: "new.yaml" })).toThrow(SpecError);
    expect(() => diffDocuments(before, after, { newSource: "new.yaml" })).toThrow(
      "new.yaml: $ref '#/components/schemas/Missing' at /components/schemas/Node/properties/label points at nothing",
    );
  });
});

describe("diffDocuments: broken references", () => {
  it.each([
    ["a $ref that is not a JSON Pointer", "#components/schemas/Node", "is not a JSON Pointer"],
    ["a $ref with a malformed escape", "#/components/schemas/%E0%A4%A", "is not a JSON Pointer"],
    ["a circular $ref chain", "#/components/schemas/Self", "does not end (circular $ref)"],
  ])("%s is a SpecError naming the file", (_name, ref, message) => {
    const before = fixture("cyclic.yaml");
    const after = fixture("cyclic.yaml");
    after.components.schemas.Self = { $ref: "#/components/schemas/Self" };
    after.components.schemas.Node.properties.label = { $ref: ref };
    const failure = (() => {
      try {
        diffDocuments(before, after, { newSource: "new.yaml" });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(SpecError);
    expect((failure as Error).message).toMatch(/^new\.yaml: \$ref/);
    expect((failure as Error).message).toContain(message);
  });
});
