import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  apiConfigJsonSchema,
  defaultApiConfig,
  parseApiConfig,
  readApiConfig,
} from "../../../src/contract/semantics/api-config.js";
import { ApiConfigError } from "../../../src/contract/semantics/config-shape.js";
import { packageRoot } from "../../../src/document/package-root.js";

const FILE = "specs/ledgerline/contract.json";
const BASE = {
  api: "ledgerline",
  credentials: { bearer: "LEDGERLINE_TOKEN" },
  baseUrlVariable: "LEDGERLINE_BASE_URL",
  idsVariable: "LEDGERLINE_IDS",
};
const text = (value: unknown): string => JSON.stringify(value);

describe("parseApiConfig", () => {
  it.each([
    ["the least a config holds", { given: BASE }],
    [
      "every part",
      {
        given: {
          ...BASE,
          $schema: "../contract.schema.json",
          credentials: { basic: { username: "L_USER", password: "L_PASS" }, key: "L_KEY" },
          baseUrl: "https://api.ledgerline.test/v2",
          ids: ["inv_1"],
          semantics: {
            filters: [{ param: "currency", field: "/currency", match: "equal" }],
            money: [{ name: "sum", parts: ["/a", "/b"], total: "/c", tolerance: "0.01" }],
            retrieveMatchesList: true,
          },
          generation: { expectedStatuses: [401, 409, 429] },
        },
      },
    ],
    ["generation without expectedStatuses", { given: { ...BASE, generation: {} } }],
  ])("accepts %s", (_, { given }) => {
    expect(parseApiConfig(text(given), FILE, "ledgerline")).toEqual(given);
  });

  it.each([
    [
      "an unknown top-level key",
      {
        given: { ...BASE, baseUrlVariabel: "X" },
        want: {
          pointer: "/baseUrlVariabel",
          message: "is not a known key (did you mean baseUrlVariable?)",
        },
      },
    ],
    [
      "an unknown semantics key",
      {
        given: { ...BASE, semantics: { filter: [] } },
        want: {
          pointer: "/semantics/filter",
          message: "is not a known key (did you mean filters?); known here: filters, ordering",
        },
      },
    ],
    [
      "a filter match that is not one of the three",
      {
        given: { ...BASE, semantics: { filters: [{ param: "p", field: "/f", match: "equals" }] } },
        want: {
          pointer: "/semantics/filters/0/match",
          message:
            "is 'equals'; must be one of 'equal', 'at-least', 'at-most' (did you mean equal?)",
        },
      },
    ],
    [
      "a field that is not a JSON Pointer",
      {
        given: { ...BASE, semantics: { dates: [{ from: "issued", to: "/due" }] } },
        want: { pointer: "/semantics/dates/0/from", message: "must be a JSON Pointer" },
      },
    ],
    [
      "a lower-case variable name",
      {
        given: { ...BASE, credentials: { bearer: "ledgerline_token" } },
        want: { pointer: "/credentials/bearer", message: "must be a variable name" },
      },
    ],
    [
      "a missing required key",
      {
        given: { api: "ledgerline", credentials: {}, idsVariable: "X" },
        want: { pointer: "/baseUrlVariable", message: "is missing" },
      },
    ],
    [
      "an unknown generation key",
      {
        given: { ...BASE, generation: { expectedStatus: [409] } },
        want: {
          pointer: "/generation/expectedStatus",
          message: "is not a known key (did you mean expectedStatuses?)",
        },
      },
    ],
    [
      "an expected status outside 4xx",
      {
        given: { ...BASE, generation: { expectedStatuses: [409, 500] } },
        want: {
          pointer: "/generation/expectedStatuses/1",
          message: "must be an integer from 400 to 499",
        },
      },
    ],
    [
      "an expected status written as text",
      {
        given: { ...BASE, generation: { expectedStatuses: ["409"] } },
        want: {
          pointer: "/generation/expectedStatuses/0",
          message: "must be an integer from 400 to 499",
        },
      },
    ],
    [
      "an api other than the folder",
      {
        given: { ...BASE, api: "ledger" },
        want: { pointer: "/api", message: "is 'ledger'; must be 'ledgerline' (the folder name)" },
      },
    ],
  ])("refuses %s, naming the file, the pointer and the fix", (_, { given, want }) => {
    let error: unknown;
    try {
      parseApiConfig(text(given), FILE, "ledgerline");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiConfigError);
    expect(error).toMatchObject({ exitCode: 2, file: FILE, pointer: want.pointer });
    expect((error as Error).message).toContain(`${FILE}: ${want.pointer} ${want.message}`);
  });

  it("names the line of a JSON syntax error", () => {
    expect(() => parseApiConfig('{\n  "api": "ledgerline",\n  oops\n}', FILE)).toThrow(
      /contract\.json.*3/,
    );
  });
});

describe("defaultApiConfig", () => {
  const schemes = (securitySchemes: Record<string, unknown>) => ({
    components: { securitySchemes },
  });
  it.each([
    [
      "bearer",
      {
        given: schemes({ bearerAuth: { type: "http", scheme: "bearer" } }),
        want: { bearerAuth: "LEDGERLINE_TOKEN" },
      },
    ],
    [
      "apiKey",
      {
        given: schemes({ key: { type: "apiKey", in: "header", name: "X-Key" } }),
        want: { key: "LEDGERLINE_API_KEY" },
      },
    ],
    [
      "basic",
      {
        given: schemes({ basic: { type: "http", scheme: "Basic" } }),
        want: { basic: { username: "LEDGERLINE_USERNAME", password: "LEDGERLINE_PASSWORD" } },
      },
    ],
    [
      "oauth2",
      {
        given: schemes({ oauth: { type: "oauth2", flows: {} } }),
        want: { oauth: "LEDGERLINE_TOKEN" },
      },
    ],
    [
      "two apiKey schemes: the second gets its name in the variable",
      {
        given: schemes({ key: { type: "apiKey" }, partnerKey: { type: "apiKey" } }),
        want: { key: "LEDGERLINE_API_KEY", partnerKey: "LEDGERLINE_PARTNERKEY_API_KEY" },
      },
    ],
    ["no security schemes", { given: {}, want: {} }],
  ])("%s", (_, { given, want }) => {
    const config = defaultApiConfig("ledgerline", given);
    expect(config.credentials).toEqual(want);
    expect(config).toMatchObject({
      baseUrlVariable: "LEDGERLINE_BASE_URL",
      idsVariable: "LEDGERLINE_IDS",
    });
    expect(config.semantics).toBeUndefined();
    // What add writes is what the loader accepts.
    expect(parseApiConfig(JSON.stringify(config), FILE, "ledgerline")).toEqual(config);
  });
});

describe("the shipped configs", () => {
  it.each([
    [
      "gcore-billing",
      { credentials: { APIKey: "GCORE_API_KEY" }, baseUrlVariable: "GCORE_BASE_URL" },
    ],
    [
      "softwareone-marketplace",
      { credentials: { bearerAuth: "MPT_API_TOKEN" }, idsVariable: "MPT_INVOICE_IDS" },
    ],
  ])("%s keeps the vendor's own variable names", (api, want) => {
    expect(readApiConfig(api)).toMatchObject(want);
  });

  it("specs/contract.schema.json (for editors) is the loader's own shape", () => {
    const committed = JSON.parse(
      readFileSync(join(packageRoot(), "specs/contract.schema.json"), "utf8"),
    );
    expect(committed).toEqual(apiConfigJsonSchema());
  });
});
