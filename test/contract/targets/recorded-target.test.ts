import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGcoreBillingClient } from "../../../generated/gcore-billing/client.js";
import { startRecordedTarget } from "../../../src/contract/targets/recorded-target.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/sandbox-server.js";
import { secretForms } from "../../client/secret-forms.js";
import { runCli } from "../../support/run-cli.js";

/** Keys with characters that change under URL, JSON and base64 encoding. */
const GCORE_KEY = "gk_rec/9Xq+2Lm=7Tz";
const MPT_TOKEN = "idt:TKN-rec~4417!zz";

let work: string;
let sandbox: Sandbox;
/** Requests the sandbox answered: the recorded target must add none. */
let served = 0;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "recorded-target-"));
  sandbox = await startSandbox({
    credentials: { gcoreApiKey: GCORE_KEY, mptToken: MPT_TOKEN },
    onRequest: () => {
      served++;
    },
  });
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});

const liveEnv = () => ({
  GCORE_API_KEY: GCORE_KEY,
  GCORE_BASE_URL: sandbox.url,
  MPT_API_TOKEN: MPT_TOKEN,
  MPT_API_BASE_URL: sandbox.url,
  MPT_INVOICE_IDS: sandbox.softwareoneInvoices
    .slice(0, 2)
    .map((i) => i.id)
    .join(","),
});

describe("test --target live --record DIR, then --target recorded DIR", () => {
  const recordings = () => join(work, "recordings");

  it("records a live run against the sandbox, with no key in any file in any encoding", async () => {
    const { code, out } = await runCli(
      [
        "test",
        "--target",
        "live",
        "--rate",
        "1000",
        "--record",
        recordings(),
        "--reports",
        join(work, "r1"),
      ],
      liveEnv(),
    );
    expect(out).toContain("contract (live): 2 of 2 APIs run");
    expect(code).toBe(0);
    const files = await readdir(recordings(), { recursive: true, withFileTypes: true });
    const hars = files.filter((f) => f.isFile() && f.name.endsWith(".har"));
    expect(hars.map((f) => f.name)).toEqual(expect.arrayContaining(["v1_erp_invoices_list.har"]));
    expect(files.filter((f) => f.name === "manifest.json")).toHaveLength(2);
    for (const file of files.filter((f) => f.isFile())) {
      const text = await readFile(join(file.parentPath, file.name), "latin1");
      for (const key of [GCORE_KEY, MPT_TOKEN]) {
        for (const [form, value] of secretForms(key)) {
          expect(text.includes(value), `${form} of a key in ${file.name}`).toBe(false);
        }
      }
    }
  });

  it("passes the contract suite offline against the recordings", async () => {
    const before = served;
    const { code, out, err } = await runCli(
      ["test", "--target", "recorded", recordings(), "--reports", join(work, "r2")],
      { GCORE_API_KEY: "never-sent-anywhere" },
    );
    // The sandbox is not consulted: the recorded servers alone answer.
    expect(served).toBe(before);
    expect(err).not.toContain("no recorded exchange");
    expect(out).toContain("2 of 2 APIs run");
    expect(code).toBe(0);
  });

  it.each([
    [
      "--record with the mock target",
      ["--target", "mock", "--record", "x"],
      "use it with --target live",
    ],
    [
      "--redact without --record",
      ["--target", "live", "--redact", "x"],
      "--redact FILE applies to --record DIR",
    ],
    ["--target recorded without a folder", ["--target", "recorded"], "needs exactly one folder"],
    ["a folder holding no recording", ["--target", "recorded", "."], "holds no recording"],
  ])("%s is a usage error (exit 2)", async (_name, args, want) => {
    const { code, err } = await runCli(["test", ...args], liveEnv());
    expect(code).toBe(2);
    expect(err).toContain(want);
  });

  it("a malformed --redact rules file stops the run before any request (exit 2)", async () => {
    const rules = join(work, "rules.json");
    await writeFile(rules, '{"jsonPointers": [');
    const out = join(work, "never");
    const { code, err } = await runCli(
      ["test", "--target", "live", "--rate", "1000", "--record", out, "--redact", rules],
      liveEnv(),
    );
    expect(code).toBe(2);
    expect(err).toContain(`redaction rules ${rules}: is not valid JSON or YAML`);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe("startRecordedTarget", () => {
  it("answers by operation, credential and parameters, and names what it has not recorded", async () => {
    const dir = join(work, "served");
    const client = createGcoreBillingClient({
      apiKey: GCORE_KEY,
      baseUrl: sandbox.url,
      record: { dir },
    });
    const live = await client.GET("/billing/org/v1/erp-invoices", {
      params: { query: { limit: 2 } },
    });
    const target = await startRecordedTarget(dir);
    try {
      const base = target.urls.get("gcore-billing");
      expect(target.env.GCORE_BASE_URL).toBe(base);
      const auth = { authorization: "apikey anything" };
      const path = "/billing/org/v1/erp-invoices";
      const cases: [string, string, Record<string, string>, number, string | null][] = [
        ["the recorded request", `${path}?limit=2`, auth, 200, "exact"],
        ["another query of the operation", `${path}?limit=5`, auth, 200, "nearest"],
        ["no credential (never an authenticated answer)", `${path}?limit=2`, {}, 404, "none"],
        ["an id never recorded", `${path}/999999`, auth, 404, "none"],
      ];
      for (const [name, url, headers, status, how] of cases) {
        const response = await fetch(`${base}${url}`, { headers });
        expect(response.status, name).toBe(status);
        expect(response.headers.get("x-api-contracts-recorded"), name).toBe(how);
        const body = (await response.json()) as { detail?: string };
        if (status === 200) expect(body, name).toEqual(live.data);
        else expect(body.detail, name).toContain("no recorded exchange of gcore-billing");
      }
    } finally {
      await target.close();
    }
  });
});
