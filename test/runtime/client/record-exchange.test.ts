import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGcoreBillingClient } from "../../../generated/gcore-billing/client.js";
import type { RecordedEntry } from "../../../src/runtime/har/har-entry.js";
import {
  RecordingLimitError,
  RecordingReadError,
  RedactionRulesError,
} from "../../../src/runtime/har/recording-errors.js";
import { readRecordings } from "../../../src/runtime/har/recording-store.js";
import { type Sandbox, startSandbox } from "../../../src/sandbox/sandbox-server.js";
import { type RecordingServer, startRecordingServer } from "../../client/recording-server.js";
import { secretForms } from "../../client/secret-forms.js";

/** A key with every character that changes under URL, JSON and base64 encoding. */
const KEY = "Sk_live/4+Zq=9&x!y~(42)";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

async function assertNoSecret(dir: string, key: string): Promise<void> {
  const files = await filesUnder(dir);
  expect(files.length).toBeGreaterThan(1);
  for (const file of files) {
    const text = await readFile(file, "latin1");
    for (const [form, value] of secretForms(key)) {
      expect(text.includes(value), `${form} of the key in ${file}`).toBe(false);
    }
  }
}

/** Entries of every HAR file of `api` under `dir`, verified against the manifest. */
async function entriesOf(dir: string): Promise<RecordedEntry[]> {
  const [recording] = await readRecordings(dir);
  return [...(recording?.hars.values() ?? [])].flatMap((har) => har.log.entries as RecordedEntry[]);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "record-exchange-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("recording against the sandbox", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: "gcore-billing", credentials: { gcoreApiKey: KEY } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("stores each exchange as HAR 1.2 by operation, with a manifest, and no form of the key", async () => {
    const out = join(dir, "sandbox");
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: sandbox.url,
      record: { dir: out, spec: "specs/gcore-billing/openapi.yaml" },
    });
    const list = await client.GET("/billing/org/v1/erp-invoices", {
      params: { query: { limit: 2 } },
    });
    expect(list.response.status).toBe(200);
    const id = (list.data?.results[0] as { id: number } | undefined)?.id ?? 1;
    await client.GET("/billing/org/v1/erp-invoices/{id}", { params: { path: { id } } });
    const wrong = createGcoreBillingClient({
      apiKey: `${KEY}-wrong`,
      baseUrl: sandbox.url,
      record: { dir: out },
    });
    const rejected = await wrong.GET("/billing/org/v1/erp-invoices", {});
    expect(rejected.response.status).toBe(401);

    const names = (await readdir(join(out, "gcore-billing"))).sort();
    expect(names).toEqual([
      "manifest.json",
      "v1_erp_invoices_list.har",
      "v1_erp_invoices_retrieve.har",
    ]);
    const manifest = JSON.parse(
      await readFile(join(out, "gcore-billing", "manifest.json"), "utf8"),
    );
    expect(manifest.api).toBe("gcore-billing");
    expect(manifest.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files["v1_erp_invoices_list.har"].entries).toBe(2);
    const entries = await entriesOf(out);
    const listed = entries.find(
      (e) => e._operation === "v1_erp_invoices_list" && e.response.status === 200,
    );
    expect(JSON.parse(listed?.response.content.text ?? "").results).toHaveLength(2);
    const auth = listed?.request.headers.find((h) => h.name === "authorization");
    expect(auth?.value).toBe("apikey ***");
    await assertNoSecret(out, KEY);
    await assertNoSecret(out, `${KEY}-wrong`);
  });
});

describe("recording a vendor that echoes the key", () => {
  let server: RecordingServer;
  const user = "billing-robot";
  beforeAll(async () => {
    server = await startRecordingServer((request, response) => {
      const origin = `http://${request.headers.host}`;
      if (request.target.startsWith("/billing/org/v1/erp-invoices/7/download")) {
        const pdf = Buffer.concat([
          Buffer.from("%PDF-1.4\n\u0000\u00ff"),
          Buffer.from(KEY),
          Buffer.from([0, 1, 2]),
        ]);
        response.writeHead(200, { "content-type": "application/pdf" });
        response.end(pdf);
        return;
      }
      if (request.target.startsWith("/billing/org/v1/erp-invoices/7")) {
        response.writeHead(403, {
          "content-type": "application/json",
          "www-authenticate": "apikey",
        });
        response.end(JSON.stringify({ detail: `key ${KEY} may not read invoice 7` }));
        return;
      }
      const body = {
        count: 1,
        next: `${origin}/billing/org/v1/erp-invoices?apikey=${encodeURIComponent(KEY)}&offset=1`,
        previous: null,
        results: [{ id: 7, owner: { email: "ana@example.com", name: "Ana" } }],
        basic: `Basic ${Buffer.from(`${user}:${KEY}`).toString("base64")}`,
      };
      const gz = gzipSync(JSON.stringify(body));
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": gz.byteLength,
        "set-cookie": `session=${KEY}; HttpOnly`,
        "x-echo-key": encodeURIComponent(KEY),
      });
      response.end(gz);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("stores a gzip body decoded, binary base64, a 403 without the key, named fields blanked", async () => {
    const out = join(dir, "echo");
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: server.origin,
      record: { dir: out, redact: { jsonPointers: ["/results/*/owner/email"] } },
    });
    const list = await client.GET("/billing/org/v1/erp-invoices", {});
    // The caller still gets what the vendor sent; only the recording is redacted.
    expect((list.data as { next: string }).next).toContain(encodeURIComponent(KEY));
    await client.GET("/billing/org/v1/erp-invoices/{id}", { params: { path: { id: 7 } } });
    await client.GET("/billing/org/v1/erp-invoices/{id}/download", {
      params: { path: { id: 7 } },
      parseAs: "arrayBuffer",
    });
    await assertNoSecret(out, KEY);
    const entries = await entriesOf(out);
    const listed = entries.find((e) => e._operation === "v1_erp_invoices_list");
    const content = listed?.response.content;
    expect(content?.encoding).toBeUndefined();
    const body = JSON.parse(content?.text ?? "");
    expect(body.results[0].owner).toEqual({ email: "***", name: "Ana" });
    expect(body.next).toBe(`${server.origin}/billing/org/v1/erp-invoices?apikey=***&offset=1`);
    expect(listed?._redactedPointers).toEqual(["response/results/0/owner/email"]);
    const forbidden = entries.find((e) => e._operation === "v1_erp_invoices_retrieve");
    expect(forbidden?.response.status).toBe(403);
    expect(JSON.parse(forbidden?.response.content.text ?? "").detail).toBe(
      "key *** may not read invoice 7",
    );
    const pdf = entries.find((e) => e._operation === "v1_erp_invoices_download_retrieve");
    expect(pdf?.response.content.encoding).toBe("base64");
    const bytes = Buffer.from(pdf?.response.content.text ?? "", "base64");
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(bytes.includes(Buffer.from("***"))).toBe(true);
  });

  it.each([
    ["not YAML or JSON", "headers: [unclosed", "is not valid JSON or YAML"],
    ["unknown key", '{"header": ["x-token"]}', "unknown key 'header'"],
    ["not a pointer", '{"jsonPointers": ["results/0"]}', "is not a JSON Pointer"],
    ["not a list", '{"headers": "x-token"}', "'headers' must be a list"],
  ])("refuses to record with rules that do not load: %s", async (_name, text, want) => {
    const out = join(dir, `rules-${_name.replace(/\W/g, "")}`);
    const rules = join(dir, `${_name.replace(/\W/g, "")}.yaml`);
    await writeFile(rules, text);
    server.reset();
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: server.origin,
      record: { dir: out, redact: rules },
    });
    const error = await client.GET("/billing/org/v1/erp-invoices", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedactionRulesError);
    expect((error as Error).message).toContain(rules);
    expect((error as Error).message).toContain(want);
    expect(server.requests).toHaveLength(0);
    await expect(readdir(out)).rejects.toThrow();
  });

  it("refuses rules given in code at once", () => {
    expect(() =>
      createGcoreBillingClient({
        apiKey: KEY,
        baseUrl: server.origin,
        record: { dir, redact: { jsonPointers: ["nope"] } },
      }),
    ).toThrow(RedactionRulesError);
  });
});

describe("a cross-origin redirect", () => {
  it("is not followed: the other origin gets nothing, the recording holds no key", async () => {
    const elsewhere = await startRecordingServer();
    const vendor = await startRecordingServer((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.origin}/billing/org/v1/erp-invoices` });
      response.end();
    });
    try {
      const out = join(dir, "redirect");
      const client = createGcoreBillingClient({
        apiKey: KEY,
        baseUrl: vendor.origin,
        record: { dir: out },
      });
      const error = await client.GET("/billing/org/v1/erp-invoices", {}).catch((e: unknown) => e);
      expect((error as Error).name).toBe("RedirectNotFollowedError");
      expect(elsewhere.requests).toHaveLength(0);
      const files = await filesUnder(out).catch(() => []);
      for (const file of files) {
        const text = await readFile(file, "latin1");
        for (const [form, value] of secretForms(KEY))
          expect(text.includes(value), form).toBe(false);
      }
    } finally {
      await Promise.all([vendor.close(), elsewhere.close()]);
    }
  });
});

describe("bounds and tampering", () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          count: 0,
          next: null,
          previous: null,
          results: [],
          pad: "x".repeat(4000),
        }),
      );
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ["one exchange over its cap", { maxExchangeBytes: 1000 }, "exchange"],
    ["the folder over its cap", { maxFolderBytes: 3000 }, "folder"],
  ] as const)("%s is a RecordingLimitError", async (_name, caps, limit) => {
    const out = join(dir, `caps-${limit}`);
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: server.origin,
      record: { dir: out, ...caps },
    });
    const error = await client.GET("/billing/org/v1/erp-invoices", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingLimitError);
    expect((error as RecordingLimitError).limit).toBe(limit);
  });

  it.each([
    [
      "an edited HAR file",
      async (file: string) =>
        writeFile(file, (await readFile(file, "utf8")).replace("xxxx", "yyyy")),
      "does not match the sha256",
    ],
    [
      "a truncated HAR file",
      async (file: string) => writeFile(file, (await readFile(file, "utf8")).slice(0, 50)),
      "bytes but manifest.json says",
    ],
  ])("%s is a RecordingReadError naming it", async (_name, tamper, want) => {
    const out = join(dir, `tamper-${_name.replace(/\W/g, "")}`);
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: server.origin,
      record: { dir: out },
    });
    await client.GET("/billing/org/v1/erp-invoices", {});
    const file = join(out, "gcore-billing", "v1_erp_invoices_list.har");
    await tamper(file);
    const error = await readRecordings(out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingReadError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(want);
  });

  it("two clients recording one API at once append to one log", async () => {
    const out = join(dir, "two-clients");
    const clients = [1, 2].map(() =>
      createGcoreBillingClient({ apiKey: KEY, baseUrl: server.origin, record: { dir: out } }),
    );
    await Promise.all(
      clients.flatMap((client) =>
        [1, 2, 3].map(() => client.GET("/billing/org/v1/erp-invoices", {})),
      ),
    );
    const [recording] = await readRecordings(out);
    expect(recording?.hars.get("v1_erp_invoices_list.har")?.log.entries).toHaveLength(6);
  });

  it("a HAR file the manifest does not list is refused", async () => {
    const out = join(dir, "unlisted");
    const client = createGcoreBillingClient({
      apiKey: KEY,
      baseUrl: server.origin,
      record: { dir: out },
    });
    await client.GET("/billing/org/v1/erp-invoices", {});
    await writeFile(join(out, "gcore-billing", "extra.har"), "{}");
    await expect(readRecordings(out)).rejects.toThrow(
      /extra\.har: is not listed in manifest\.json/,
    );
  });
});
