import { describe, expect, it } from "vitest";
import { ContractSetupError } from "../../../src/contract/contract-errors.js";
import type { ApiConfig } from "../../../src/contract/semantics/api-config.js";
import { envNamesFor, readLiveSetup } from "../../../src/contract/targets/live-credentials.js";

const SECRET = "gk_live_Qx7Tz9Lm2Vb4";
const SPEC_SERVER = "https://api.gcore.com";

describe("readLiveSetup", () => {
  it.each([
    [
      "no credential: skipped with the variable's name",
      { env: {}, want: { skipped: "GCORE_API_KEY is not set" } },
    ],
    [
      "credential only: the spec's server",
      { env: { GCORE_API_KEY: SECRET }, want: { baseUrl: SPEC_SERVER, ids: undefined } },
    ],
    [
      "base URL override, trailing slash dropped",
      {
        env: { GCORE_API_KEY: SECRET, GCORE_BASE_URL: "http://127.0.0.1:4020/" },
        want: { baseUrl: "http://127.0.0.1:4020" },
      },
    ],
    ["ids list", { env: { GCORE_API_KEY: SECRET, GCORE_IDS: "1,2" }, want: { ids: ["1", "2"] } }],
  ])("%s", (_, { env, want }) => {
    expect(readLiveSetup("gcore-billing", SPEC_SERVER, env)).toMatchObject(want);
  });

  it.each([
    ["empty", { GCORE_API_KEY: "" }, "GCORE_API_KEY is set but empty"],
    ["whitespace only", { GCORE_API_KEY: "   " }, "GCORE_API_KEY is set but empty"],
    ["trailing newline", { GCORE_API_KEY: `${SECRET}\n` }, "GCORE_API_KEY contains a line break"],
    [
      "leading space",
      { GCORE_API_KEY: ` ${SECRET}` },
      "GCORE_API_KEY has leading or trailing whitespace",
    ],
    ["inner space", { GCORE_API_KEY: "apikey abc123" }, "GCORE_API_KEY contains whitespace"],
    ["control character", { GCORE_API_KEY: `${SECRET}\u0007` }, "GCORE_API_KEY contains control"],
    [
      "base URL not a URL",
      { GCORE_API_KEY: SECRET, GCORE_BASE_URL: "api.gcore.com" },
      "GCORE_BASE_URL must be an absolute http(s) URL",
    ],
    [
      "base URL with user:password",
      { GCORE_API_KEY: SECRET, GCORE_BASE_URL: `https://u:${SECRET}@x.test` },
      "GCORE_BASE_URL must not hold user:password",
    ],
    [
      "ids with an empty entry",
      { GCORE_API_KEY: SECRET, GCORE_IDS: "1,,2" },
      "GCORE_IDS must be a comma-separated list",
    ],
  ])("malformed %s: a set-up error naming the variable, never the value", (_, env, message) => {
    let error: unknown;
    try {
      readLiveSetup("gcore-billing", SPEC_SERVER, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractSetupError);
    expect((error as ContractSetupError).exitCode).toBe(2);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("reads SoftwareOne's variables by the names its own client uses", () => {
    const setup = readLiveSetup("softwareone-marketplace", "https://api.platform.softwareone.com", {
      MPT_API_TOKEN: "idt:TKN-1234",
      MPT_API_BASE_URL: "http://127.0.0.1:9",
      MPT_INVOICE_IDS: "INV-1,INV-2",
    });
    expect(setup).toMatchObject({ baseUrl: "http://127.0.0.1:9", ids: ["INV-1", "INV-2"] });
  });

  it.each([
    ["gcore-billing", { credential: "GCORE_API_KEY", baseUrl: "GCORE_BASE_URL", ids: "GCORE_IDS" }],
    [
      "softwareone-marketplace",
      { credential: "MPT_API_TOKEN", baseUrl: "MPT_API_BASE_URL", ids: "MPT_INVOICE_IDS" },
    ],
    [
      "acme-store",
      { credential: "ACME_STORE_TOKEN", baseUrl: "ACME_STORE_BASE_URL", ids: "ACME_STORE_IDS" },
    ],
  ])("envNamesFor(%s)", (api, want) => {
    expect(envNamesFor(api)).toEqual(want);
  });
});

describe("readLiveSetup with a config (specs/<api>/contract.json)", () => {
  const config = (over: Partial<ApiConfig>): ApiConfig => ({
    api: "ledgerline",
    credentials: { bearerAuth: "LEDGERLINE_TOKEN" },
    baseUrlVariable: "LEDGERLINE_BASE_URL",
    idsVariable: "LEDGERLINE_IDS",
    ...over,
  });
  it.each([
    [
      "the scheme's variable",
      {
        given: { config: config({}), env: { LEDGERLINE_TOKEN: SECRET } },
        want: { credential: SECRET, baseUrl: SPEC_SERVER },
      },
    ],
    [
      "the config's base URL over the spec's server",
      {
        given: {
          config: config({ baseUrl: "https://eu.ledgerline.test" }),
          env: { LEDGERLINE_TOKEN: SECRET },
        },
        want: { baseUrl: "https://eu.ledgerline.test" },
      },
    ],
    [
      "the variable's base URL over the config's",
      {
        given: {
          config: config({ baseUrl: "https://eu.ledgerline.test" }),
          env: { LEDGERLINE_TOKEN: SECRET, LEDGERLINE_BASE_URL: "http://127.0.0.1:9" },
        },
        want: { baseUrl: "http://127.0.0.1:9" },
      },
    ],
    [
      "the config's ids when the variable is unset",
      {
        given: { config: config({ ids: ["inv_1"] }), env: { LEDGERLINE_TOKEN: SECRET } },
        want: { ids: ["inv_1"] },
      },
    ],
    [
      "HTTP Basic: base64 of user:password",
      {
        given: {
          config: config({ credentials: { basic: { username: "L_USER", password: "L_PASS" } } }),
          env: { L_USER: "ada", L_PASS: SECRET },
        },
        want: { credential: Buffer.from(`ada:${SECRET}`).toString("base64") },
      },
    ],
    [
      "HTTP Basic without the password: skipped naming it",
      {
        given: {
          config: config({ credentials: { basic: { username: "L_USER", password: "L_PASS" } } }),
          env: { L_USER: "ada" },
        },
        want: { skipped: "L_PASS is not set" },
      },
    ],
    [
      "a renamed variable: the default name is not read",
      {
        given: {
          config: config({ credentials: { key: "LL_KEY" } }),
          env: { LEDGERLINE_TOKEN: SECRET },
        },
        want: { skipped: "LL_KEY is not set" },
      },
    ],
  ])("%s", (_, { given, want }) => {
    expect(readLiveSetup("ledgerline", SPEC_SERVER, given.env, given.config)).toMatchObject(want);
  });
});
