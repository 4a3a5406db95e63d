/**
 * `api-contracts add` end to end, as a new user would run it: in a scratch copy of this repository
 * (the files git knows, node_modules linked, committed so that `git status` shows what add
 * changed), add three whole documents (a small OpenAPI 3.0 one, a 3.1 one with every kind of write:
 * uuid ids, problem+json errors, ".50" decimals; Gcore's whole reseller document) and check that,
 * with no other step, only specs/<api>/ and generated/ changed, codegen is a no-op, and the mock
 * suite passes: every check of every case, every operation sent and in the JUnit report, writes
 * sent with generated bodies, unknown ids as uuids getting the documented 404. One scratch
 * repository and one mock run for all of it (this is the suite's run of whole documents against
 * Prism). The mock run and one refusal go through the launcher (bin/api-contracts.js), as the
 * README tells users to run it: a fresh process that loads the API just generated; `add`,
 * `codegen --check` and `vendor --check` run `main` in this process with the scratch copy as
 * working directory (the same code, without a Node start and a module load per call).
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliIn } from "../support/run-cli.js";

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, "../..");
const FIXTURES = join(REPO, "test/fixtures/whole-documents");
/** Gcore's whole reseller document, every tag (shared raw material beside the repository). */
const GCORE_WHOLE = resolve(REPO, "../shared/upstream/gcore-billing_reseller_api.yaml");
/** Per CLI call: a whole document's mock run starts Prism and runs every case. */
const CLI_TIMEOUT_MS = 240_000;

let scratch: string;

/** `git` in the scratch repository, stdout. */
async function git(...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd: scratch, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The CLI in the scratch repository: exit code and output, never throwing on a non-zero exit. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/api-contracts.js", ...args], {
      cwd: scratch,
      timeout: CLI_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, CONTRACT_TARGET: "", NO_COLOR: "1" },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, out: failed.stdout ?? "", err: failed.stderr ?? "" };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case as the JSON report lists it (src/contract/reporting/json-report.ts), the fields read here. */
interface ReportCase {
  readonly id: string;
  readonly operation: string;
  readonly skipped: string | null;
  readonly params: { readonly path?: Record<string, unknown> };
  readonly failures: readonly { readonly severity?: string; readonly message: string }[];
  readonly exchanges: readonly {
    readonly method: string;
    readonly status: number;
    readonly contentType?: string;
    readonly requestHeaders: Readonly<Record<string, string>>;
    readonly body: string;
  }[];
}

/** The JSON report of a run, the fields read here. */
interface JsonReport {
  readonly apis: readonly {
    readonly api: string;
    readonly operations: number;
    readonly cases: readonly ReportCase[];
  }[];
}

/** The operationIds of a document's paths. */
async function operationIds(file: string): Promise<string[]> {
  const document = load(await readFile(file, "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return Object.values(document.paths).flatMap((item) =>
    methods.flatMap((method) => {
      const id = item[method]?.operationId;
      return id === undefined ? [] : [id];
    }),
  );
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "add-api-scratch-"));
  // Tracked and new (not ignored) files: the tree as it would be committed.
  const { stdout } = await run("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: REPO,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of stdout.split("\0").filter(Boolean)) {
    const from = join(REPO, file);
    if (!(await stat(from).catch(() => undefined))?.isFile()) continue; // deleted, not yet committed
    await mkdir(dirname(join(scratch, file)), { recursive: true });
    await copyFile(from, join(scratch, file));
  }
  await copyFile(join(REPO, "bin/api-contracts.js"), join(scratch, "bin/api-contracts.js"));
  await symlink(join(REPO, "node_modules"), join(scratch, "node_modules"), "dir");
  await git("init", "-q");
  await git("add", "-A");
  await git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "scratch");
}, 120_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Paths `git status` reports as changed, committed afterwards so that the next add starts clean. */
async function changedPaths(): Promise<string[]> {
  const lines = (await git("status", "--porcelain", "--untracked-files=all")).split("\n");
  const paths = lines.filter(Boolean).map((line) => line.slice(3));
  await git("add", "-A");
  await git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.com",
    "commit",
    "-qm",
    "add",
    "--allow-empty",
  );
  return paths;
}

const documents: [string, { given: { api: string; from: string }; want: { file: string } }][] = [
  [
    "a small OpenAPI 3.0 document",
    {
      given: { api: "small-library", from: join(FIXTURES, "small-30.yaml") },
      want: { file: join(FIXTURES, "small-30.yaml") },
    },
  ],
  [
    "a 3.1 document with writes, uuid ids, problem+json errors and '.50' decimals",
    {
      given: { api: "payments-writes", from: join(FIXTURES, "writes-31.yaml") },
      want: { file: join(FIXTURES, "writes-31.yaml") },
    },
  ],
  [
    "Gcore's whole reseller document, every tag",
    { given: { api: "gcore-reseller-whole", from: GCORE_WHOLE }, want: { file: GCORE_WHOLE } },
  ],
];

describe("api-contracts add, in a scratch copy of the repository", () => {
  describe.each(documents)("%s", (_, { given }) => {
    it(
      "adds the API touching only specs/<api>/ and generated/",
      async () => {
        const added = await runCliIn(scratch, ["add", given.api, "--from", given.from]);
        expect(added.err).not.toMatch(/\n\s+at /); // no stack trace
        expect(added.code, added.err).toBe(0);
        const changed = await changedPaths();
        expect(changed.length).toBeGreaterThan(0);
        for (const path of changed) {
          expect(path).toMatch(new RegExp(`^(?:specs/${given.api}/|generated/)`));
        }
        expect(changed).toContain(`specs/${given.api}/source.json`);
        expect(changed).toContain(`specs/${given.api}/contract.json`);
        expect(changed).toContain("generated/index.ts");
      },
      CLI_TIMEOUT_MS,
    );
  });

  let junit = "";
  let report: JsonReport | null = null;
  it(
    "passes the mock suite of the three added APIs, in one run",
    async () => {
      const reports = join(scratch, "reports");
      const apis = documents.flatMap(([, { given }]) => ["--api", given.api]);
      const tested = await cli("test", "--target", "mock", ...apis, "--reports", reports);
      junit = await readFile(join(reports, "contract-mock.junit.xml"), "utf8").catch(() => "");
      report = JSON.parse(
        await readFile(join(reports, "contract-mock.json"), "utf8").catch(() => "null"),
      ) as JsonReport | null;
      expect(tested.code, `${tested.out}\n${tested.err}`.slice(-4000)).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  /** The cases of one API in the run's JSON report. */
  const casesOf = (api: string): readonly ReportCase[] =>
    report?.apis.find((a) => a.api === api)?.cases ?? [];

  it.each(documents)("%s: every check of every case passes", (_, { given }) => {
    const cases = casesOf(given.api);
    expect(cases.length).toBeGreaterThan(0);
    const errors = cases.flatMap((c) =>
      c.failures.filter((f) => f.severity !== "warning").map((f) => `${c.id}: ${f.message}`),
    );
    expect(errors).toEqual([]);
  });

  it.each(documents)("%s: every operation is sent at least once", (_, { given }) => {
    const result = report?.apis.find((a) => a.api === given.api);
    const cases = casesOf(given.api);
    const operations = new Set(cases.map((c) => c.operation));
    const sent = new Set(cases.filter((c) => c.skipped === null).map((c) => c.operation));
    expect(operations.size).toBe(result?.operations);
    expect([...operations].filter((o) => !sent.has(o))).toEqual([]);
  });

  it.each([
    ["createPayment id from known id 0", { method: "POST", status: 201, body: "application/json" }],
    ["replacePayment id from known id 0", { method: "PUT", status: 200, body: "application/json" }],
    [
      "updatePayment id from known id 0",
      { method: "PATCH", status: 200, body: "application/merge-patch+json" },
    ],
    ["deletePayment id from known id 0", { method: "DELETE", status: 204, body: undefined }],
  ])("the 3.1 document's %s is sent with a generated body and succeeds", (id, want) => {
    const exchange = casesOf("payments-writes").find((c) => c.id === id)?.exchanges[0];
    expect(exchange?.method).toBe(want.method);
    expect(exchange?.status).toBe(want.status);
    expect(exchange?.requestHeaders["content-type"]?.split(";")[0]).toBe(want.body);
  });

  it.each([
    ["payments-writes", "getPayment 404 unknown id"],
    ["payments-writes", "deletePayment 404 unknown id"],
    ["gcore-reseller-whole", "v1_reports_retrieve 404 unknown id"],
    ["gcore-reseller-whole", "v1_reports_destroy 404 unknown id"],
  ])("%s: %s sends a well-formed uuid and gets the documented 404", (api, id) => {
    const run = casesOf(api).find((c) => c.id === id);
    expect(Object.values(run?.params.path ?? {}).some((v) => UUID.test(String(v)))).toBe(true);
    expect(run?.exchanges[0]?.status).toBe(404);
  });

  it("serves problem+json errors with a JSON body (the 3.1 document's Problem)", () => {
    const exchange = casesOf("payments-writes").find((c) => c.id === "getPayment 404 unknown id")
      ?.exchanges[0];
    expect(exchange?.contentType).toMatch(/^application\/problem\+json/);
    expect(exchange?.body).toBe("json");
  });

  it.each(documents)(
    "%s: every operation of the document is in the JUnit report, exercised",
    async (_, { given, want }) => {
      expect(junit).not.toBe("");
      for (const id of await operationIds(want.file)) {
        const cases = [
          ...junit.matchAll(
            new RegExp(
              `<testcase [^>]*classname="${given.api}\\.${id}"[^>]*?(/>|>([\\s\\S]*?)</testcase>)`,
              "g",
            ),
          ),
        ];
        expect(cases.length, `${id} in the JUnit report`).toBeGreaterThan(0);
        // A case that ran, not only skipped ones.
        expect(
          cases.some((c) => !/<skipped/.test(c[2] ?? "")),
          `${id} exercised`,
        ).toBe(true);
      }
    },
  );

  it(
    "brings a multi-file document's local $ref'd files along, keeping their relative paths",
    async () => {
      const from = join(REPO, "test/fixtures/spec/multi-file/bundle/openapi.yaml");
      const added = await runCliIn(scratch, ["add", "multi-file-pets", "--from", from]);
      expect(added.code, added.err).toBe(0);
      const upstream = (await changedPaths())
        .filter((path) => path.startsWith("specs/multi-file-pets/upstream/"))
        .sort();
      expect(upstream).toEqual(
        ["common.json", "openapi.yaml", "paths/pets.yaml", "pet.json", "schemas/invoice.yaml"].map(
          (file) => `specs/multi-file-pets/upstream/${file}`,
        ),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "takes a Swagger 2.0 document (multi-file), vendored as OpenAPI 3.0",
    async () => {
      const from = join(REPO, "test/fixtures/spec/swagger/multi-file.yaml");
      const added = await runCliIn(scratch, ["add", "swagger-pets", "--from", from]);
      expect(added.code, added.err).toBe(0);
      const changed = await changedPaths();
      expect(changed).toContain("specs/swagger-pets/upstream/definitions.yaml");
      const vendored = await readFile(join(scratch, "specs/swagger-pets/openapi.yaml"), "utf8");
      expect(vendored).toMatch(/^openapi: 3\.0\.\d+$/m);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "leaves codegen and vendoring with nothing to do",
    async () => {
      // Scoped to the added APIs (and generated/index.ts): what add wrote is what codegen writes.
      const apis = [...documents.map(([, c]) => c.given.api), "multi-file-pets", "swagger-pets"];
      const generated = await runCliIn(scratch, [
        "codegen",
        "--check",
        ...apis.flatMap((api) => ["--api", api]),
      ]);
      expect(generated.code, generated.err).toBe(0);
      const vendored = await runCliIn(scratch, ["vendor", "--check", ...apis]);
      expect(vendored.code, vendored.err).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "refuses an unknown tag through the CLI: exit 2, one line naming it and the close match",
    async () => {
      const result = await cli("add", "bad-tag", "--from", GCORE_WHOLE, "--tag", "erp-invoice");
      expect(result.code).toBe(2);
      expect(result.err).toMatch(
        /^api-contracts add: .*no --tag 'erp-invoice' \(did you mean erp-invoices/,
      );
      expect(result.err.trim().split("\n")).toHaveLength(1); // no stack trace
      expect(await changedPaths()).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );

  it.each([
    [
      "an unknown operationId: exit 2 naming it",
      {
        given: ["bad-op", "--from", join(FIXTURES, "small-30.yaml"), "--operation", "listBook"],
        want: /no --operation 'listBook' \(did you mean listBooks/,
      },
    ],
    [
      "an existing API folder: exit 2 saying how to update it",
      {
        given: ["gcore-billing", "--from", GCORE_WHOLE],
        want: /already exists; .*pull gcore-billing/,
      },
    ],
    ["an invalid API id", { given: ["Bad_Id", "--from", GCORE_WHOLE], want: /not a valid API id/ }],
    [
      "a document vendoring refuses (a remote $ref)",
      {
        given: [
          "remote-refs",
          "--from",
          join(REPO, "test/fixtures/spec/multi-file/remote/openapi.yaml"),
        ],
        want: /remote reference, and api-contracts never fetches/,
      },
    ],
    [
      "a missing file",
      {
        given: ["missing-doc", "--from", join(FIXTURES, "no-such.yaml")],
        want: /cannot read/,
      },
    ],
  ])(
    "refuses %s, writing nothing",
    async (_, { given, want }) => {
      const result = await runCliIn(scratch, ["add", ...given]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(want);
      expect(await changedPaths()).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );
});
