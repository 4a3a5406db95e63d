/**
 * The package as another repo gets it: `npm pack` of the built dist/ (npm test builds before it
 * runs vitest), installed into a temporary project outside the repo with `npm ci --offline` from
 * a lockfile cut from the repo's (tests reach no registry), compiled there with `tsc --noEmit`, and one call run against Prism started
 * on the spec shipped inside the installed package; a consumer's own vitest test uses
 * `api-contracts/vitest`'s `toMatchApiSpec` against the sandbox, faithful and drifted. Also lints
 * the package with publint and @arethetypeswrong/cli.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiIds } from "../../generated/index.js";
import { type PrismServer, startPrism } from "../../src/contract/targets/prism-server.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { consumerLockfile } from "../support/consumer-lockfile.js";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const attw = join(repo, "node_modules/@arethetypeswrong/cli/dist/index.js");

let work: string;
let tarball: string;
let consumer: string;

/** Run a command; never throws: the test asserts on the exit code and output. */
async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    };
  }
}

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: [],
    lib: ["ES2023", "DOM"],
    outDir: "out",
  },
};

/** A correct consumer: both clients, the library, exact money; prints what the call returned. */
const GOOD = `import { createGcoreBillingClient } from "api-contracts/gcore-billing";
import { createSoftwareoneMarketplaceClient } from "api-contracts/softwareone-marketplace";
import { addMoney, validateResponse } from "api-contracts";

const gcore = createGcoreBillingClient({ apiKey: "consumer-key", baseUrl: process.env.BASE_URL, validate: "throw" });
const { data, error } = await gcore.GET("/billing/org/v1/erp-invoices", {
  params: { query: { payment_state: "paid", ordering: ["-invoice_date", "id"], limit: 2 } },
});
if (error !== undefined || data === undefined) throw new Error("no data");
const first = data.results[0];
const total: string = first ? addMoney(first.amount_untaxed, first.amount_tax) : "0.000000000000";
const date: string | null = first ? first.invoice_date : null;
const checked = await validateResponse("gcore-billing", { operation: "v1_erp_invoices_list", status: 200, body: data });
const mpt = createSoftwareoneMarketplaceClient({ token: "t", baseUrl: "http://127.0.0.1:1" });
void mpt;
process.stdout.write(JSON.stringify({ count: data.count, total, date, valid: checked.valid }));
declare const process: { env: Record<string, string | undefined>; stdout: { write(s: string): void } };
`;

const BAD = {
  "misspelt query parameter": {
    source: `import { createGcoreBillingClient } from "api-contracts/gcore-billing";
const gcore = createGcoreBillingClient({ apiKey: "k" });
await gcore.GET("/billing/org/v1/erp-invoices", { params: { query: { paymentstate: "paid" } } });
`,
    want: /paymentstate/,
  },
  "enum value outside the spec": {
    source: `import { createGcoreBillingClient } from "api-contracts/gcore-billing";
const gcore = createGcoreBillingClient({ apiKey: "k" });
await gcore.GET("/billing/org/v1/erp-invoices", { params: { query: { payment_state: "payed" } } });
`,
    want: /"payed"/,
  },
  "ordering value outside the spec": {
    source: `import { createGcoreBillingClient } from "api-contracts/gcore-billing";
const gcore = createGcoreBillingClient({ apiKey: "k" });
await gcore.GET("/billing/org/v1/erp-invoices", { params: { query: { ordering: ["-payer_id"] } } });
`,
    want: /"-payer_id"/,
  },
  "SoftwareOne client without its token": {
    source: `import { createSoftwareoneMarketplaceClient } from "api-contracts/softwareone-marketplace";
createSoftwareoneMarketplaceClient({ apiKey: "k" });
`,
    want: /apiKey/,
  },
} as const;

/** Compile one consumer file alone with the repo's TypeScript. */
async function compile(name: string, source: string) {
  writeFileSync(join(consumer, `${name}.ts`), source);
  writeFileSync(
    join(consumer, `tsconfig.${name}.json`),
    JSON.stringify({ ...CONSUMER_TSCONFIG, files: [`${name}.ts`] }),
  );
  return exec(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], consumer);
}

beforeAll(async () => {
  expect(existsSync(join(repo, "dist/src/index.js")), "run `npm run build` first").toBe(true);
  work = mkdtempSync(join(tmpdir(), "api-contracts-consumer-"));
  // --ignore-scripts: pack the dist/ that `npm test` built; a rebuild here would race other tests.
  const packed = await exec("npm", ["pack", "--ignore-scripts", "--pack-destination", work], repo);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(work, packed.stdout.trim().split("\n").at(-1) ?? "");
  consumer = join(work, "consumer");
  mkdirSync(consumer);
  // A lockfile cut from the repo's: `npm ci --offline` then needs only the tarballs the repo's own
  // `npm ci` cached, never registry metadata (consumer-lockfile.ts says why).
  const { manifest, lockfile } = consumerLockfile(join(repo, "package-lock.json"), tarball, [
    "vitest",
  ]);
  writeFileSync(join(consumer, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(consumer, "package-lock.json"), JSON.stringify(lockfile, null, 2));
  const installed = await exec(
    "npm",
    ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"],
    consumer,
  );
  expect(installed.code, `npm ci --offline failed: ${installed.stderr}`).toBe(0);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package in a consumer project", () => {
  it("a correct consumer compiles with full types and runs one call against Prism", async () => {
    const compiled = await compile("good", GOOD);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);

    const emitted = await exec(
      process.execPath,
      [tsc, "-p", "tsconfig.good.json", "--noEmit", "false"],
      consumer,
    );
    expect(emitted.code, emitted.stdout).toBe(0);
    const specFile = join(consumer, "node_modules/api-contracts/specs/gcore-billing/openapi.yaml");
    let prism: PrismServer | undefined;
    try {
      prism = await startPrism({ specFile, mode: "dynamic", seed: 7 });
      const ran = await exec(process.execPath, ["out/good.js"], consumer, { BASE_URL: prism.url });
      expect(ran.code, ran.stderr).toBe(0);
      const printed = JSON.parse(ran.stdout) as Record<string, unknown>;
      expect(typeof printed.count).toBe("number");
      expect(printed.valid).toBe(true);
    } finally {
      await prism?.close();
    }
  });

  it("wrong parameter names, enum values and options fail to compile, each at its line", async () => {
    const names = Object.keys(BAD).map((name) => name.replace(/\W+/g, "-"));
    Object.values(BAD).forEach(({ source }, i) => {
      writeFileSync(join(consumer, `${names[i]}.ts`), source);
    });
    writeFileSync(
      join(consumer, "tsconfig.bad.json"),
      JSON.stringify({ ...CONSUMER_TSCONFIG, files: names.map((n) => `${n}.ts`) }),
    );
    const compiled = await exec(process.execPath, [tsc, "-p", "tsconfig.bad.json"], consumer);
    expect(compiled.code).not.toBe(0);
    Object.values(BAD).forEach(({ want }, i) => {
      const errors = compiled.stdout.split("\n").filter((l) => l.startsWith(`${names[i]}.ts(`));
      expect(errors.join("\n"), `${names[i]}.ts`).toMatch(want);
    });
  });
});

/** A consumer's own vitest test: one call of the generated client, checked with the matcher. */
const MATCHER_TEST = `import "api-contracts/vitest";
import { createGcoreBillingClient } from "api-contracts/gcore-billing";
import { expect, it } from "vitest";

declare const process: { env: Record<string, string | undefined> };

it("lists invoices as the spec says", async () => {
  const gcore = createGcoreBillingClient({ apiKey: process.env.GCORE_API_KEY ?? "", baseUrl: process.env.GCORE_BASE_URL });
  await expect(await gcore.GET("/billing/org/v1/erp-invoices", { params: { query: { limit: 5 } } })).toMatchApiSpec();
});
`;

describe("a consumer's vitest test with api-contracts/vitest", () => {
  const KEY = "gk_consumer_matcher_3Nf7Vd";
  const sandboxes: Sandbox[] = [];
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  /** The consumer's vitest run against a sandbox (faithful, or a drift scenario). */
  async function consumerRun(scenario?: "amount-overflow") {
    const sandbox = await startSandbox({ scenario, credentials: { gcoreApiKey: KEY } });
    sandboxes.push(sandbox);
    return exec(
      process.execPath,
      [
        join(consumer, "node_modules/vitest/vitest.mjs"),
        "run",
        "matcher.test.ts",
        "--reporter",
        "verbose",
      ],
      consumer,
      // Not BASE_URL: vitest sets that one to Vite's base ("/").
      { GCORE_BASE_URL: sandbox.url, GCORE_API_KEY: KEY, CI: "true" },
    );
  }

  it("type-checks: toMatchApiSpec is on vitest's expect", { timeout: 180_000 }, async () => {
    const compiled = await compile("matcher.test", MATCHER_TEST);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    const misspelt = await compile(
      "misspelt.check",
      MATCHER_TEST.replace("toMatchApiSpec", "toMatchApiSpek"),
    );
    expect(misspelt.stdout).toMatch(/toMatchApiSpek/);
  });

  it("passes against a faithful server", { timeout: 120_000 }, async () => {
    writeFileSync(join(consumer, "matcher.test.ts"), MATCHER_TEST);
    const ran = await consumerRun();
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toContain("lists invoices as the spec says");
  });

  it("fails against amounts that drift, naming the field, never the key", {
    timeout: 120_000,
  }, async () => {
    writeFileSync(join(consumer, "matcher.test.ts"), MATCHER_TEST);
    const ran = await consumerRun("amount-overflow");
    expect(ran.code).toBe(1);
    const output = ran.stdout + ran.stderr;
    expect(output).toContain("expected gcore-billing v1_erp_invoices_list (200 from");
    expect(output).toMatch(/\/results\/0\/amount_untaxed: .*pattern/);
    expect(output).not.toContain(KEY);
  });
});

describe("package lint", () => {
  it("publint finds nothing in the package", async () => {
    const { messages } = await publint({ pkgDir: repo, level: "suggestion", pack: false });
    expect(messages).toEqual([]);
  });

  it("publint catches an export that points at a missing file", async () => {
    const broken = join(work, "broken");
    mkdirSync(broken);
    const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    manifest.exports["."].default = "./dist/src/missing.js";
    writeFileSync(join(broken, "package.json"), JSON.stringify(manifest));
    cpSync(join(repo, "README.md"), join(broken, "README.md"));
    const { messages } = await publint({ pkgDir: broken, level: "warning", pack: false });
    expect(messages.map((m) => m.code)).toContain("FILE_DOES_NOT_EXIST");
  });

  it("@arethetypeswrong/cli finds no type problem for ESM consumers on any entry point", async () => {
    const entrypoints = [".", ...apiIds.map((id) => `./${id}`), "./runtime/formats.js", "./vitest"];
    const checked = await exec(
      process.execPath,
      [attw, tarball, "--profile", "esm-only", "--format", "json", "--entrypoints", ...entrypoints],
      repo,
    );
    expect(checked.code, checked.stdout.slice(0, 2000)).toBe(0);
    const report = JSON.parse(checked.stdout) as {
      analysis: { entrypoints: Record<string, { resolutions: Record<string, unknown> }> };
    };
    // Every entry point was analysed (attw exits 1 when any has a problem).
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([...entrypoints].sort());
  });
});
