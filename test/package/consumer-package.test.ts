/**
 * The package as another repo gets it: `npm pack` (which runs `prepare`, the build, unless dist/ is
 * fresh), installed into temporary projects outside the repo with `npm ci --offline --omit=dev`
 * from lockfiles cut from the repo's (tests reach no registry). A full consumer (with vitest) compiles with `tsc`, runs one
 * call against Prism started on the spec shipped inside the package, uses `api-contracts/vitest`'s
 * `toMatchApiSpec` against the sandbox, and type-checks the README's examples. A light consumer
 * (runtime dependencies only, no optional peers) is measured against 12 MiB, imports every public
 * entry, runs a client, and gets exit 2 naming the missing tools from `api-contracts codegen`.
 * Also lints the package with publint and @arethetypeswrong/cli.
 */
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
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiIds } from "../../generated/index.js";
import { type PrismServer, startPrism } from "../../src/contract/targets/prism-server.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { exec, installConsumer, packPackage, readmeBlocks } from "../support/packed-package.js";

const repo = resolve(import.meta.dirname, "../..");
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const attw = join(repo, "node_modules/@arethetypeswrong/cli/dist/index.js");

let work: string;
let tarball: string;
let consumer: string;
/** The light consumer: runtime dependencies only. */
let light: string;

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

/** The file name (without .ts) of a BAD case. */
const badFile = (name: string) => `bad-${name.replace(/\W+/g, "-")}`;

/** One tsc diagnostic line per file of the consumer program, and tsc's exit code. */
interface ConsumerCompile {
  readonly code: number;
  readonly output: string;
  /** Diagnostic lines of `name`.ts. */
  errorsOf(name: string): string[];
}

let consumerCompile: Promise<ConsumerCompile> | undefined;

/**
 * Compile every consumer file that needs no @types/node (the good one, the BAD ones, the matcher
 * test and its misspelt twin) in one tsc program with the repo's TypeScript
 * (checking the package's declarations once instead of once per file), emitting into out/ even
 * when the deliberately wrong files fail; each test reads its own file's diagnostics.
 */
function compileConsumers(): Promise<ConsumerCompile> {
  /** The consumer files that need no @types/node. */
  const CONSUMER_FILES: Readonly<Record<string, string>> = {
    good: GOOD,
    ...Object.fromEntries(Object.entries(BAD).map(([name, { source }]) => [badFile(name), source])),
    "matcher.test": MATCHER_TEST,
    "misspelt.check": MATCHER_TEST.replace("toMatchApiSpec", "toMatchApiSpek"),
  };
  consumerCompile ??= (async () => {
    const files = Object.keys(CONSUMER_FILES).map((name) => `${name}.ts`);
    for (const [name, source] of Object.entries(CONSUMER_FILES))
      writeFileSync(join(consumer, `${name}.ts`), source);
    writeFileSync(
      join(consumer, "tsconfig.consumers.json"),
      JSON.stringify({ ...CONSUMER_TSCONFIG, files }),
    );
    const ran = await exec(process.execPath, [tsc, "-p", "tsconfig.consumers.json"], consumer);
    const output = ran.stdout + ran.stderr;
    const lines = output.split("\n");
    return {
      code: ran.code,
      output,
      errorsOf: (name) => lines.filter((l) => l.startsWith(`${name}.ts(`)),
    };
  })();
  return consumerCompile;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "api-contracts-consumer-"));
  // Packing runs `prepare` (the build; nothing to do when `npm ci` built dist/ from these sources).
  tarball = await packPackage(repo, work);
  // Both consumers at once: each install mostly waits on the file system.
  [consumer, light] = await Promise.all([
    installConsumer(repo, tarball, join(work, "consumer"), ["vitest", "@types/node"]),
    installConsumer(repo, tarball, join(work, "light"), []),
  ]);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package in a consumer project", () => {
  it("a correct consumer compiles with full types and runs one call against Prism", {
    timeout: 180_000,
  }, async () => {
    const compiled = await compileConsumers();
    expect(compiled.errorsOf("good"), compiled.output).toEqual([]);
    // No diagnostic outside the files that are meant to fail (a broken .d.ts of the package, a
    // missing type library).
    expect(
      compiled.output
        .split("\n")
        .filter((l) => /error TS\d+/.test(l) && !/^(bad-|misspelt)/.test(l)),
    ).toEqual([]);
    expect(existsSync(join(consumer, "out/good.js"))).toBe(true);
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
    const compiled = await compileConsumers();
    expect(compiled.code).not.toBe(0);
    for (const [name, { want }] of Object.entries(BAD)) {
      const file = badFile(name);
      expect(compiled.errorsOf(file).join("\n"), `${file}.ts`).toMatch(want);
    }
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
    const compiled = await compileConsumers();
    expect(compiled.errorsOf("matcher.test"), compiled.output).toEqual([]);
    expect(compiled.errorsOf("misspelt.check").join("\n")).toMatch(/toMatchApiSpek/);
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

/** The most a consumer's install (the package and its runtime dependencies) may weigh. */
const LIGHT_INSTALL_LIMIT = 12 * 1024 * 1024;

/** Imports every public entry the light install must serve, then calls the Gcore client once. */
const LIGHT_CONSUMER = `import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
const entries = ["api-contracts", "api-contracts/gcore-billing", "api-contracts/softwareone-marketplace"];
// Every module behind "api-contracts/runtime/*.js".
const runtime = join(dirname(createRequire(import.meta.url).resolve("api-contracts/package.json")), "dist/src/runtime");
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []);
for (const file of walk(runtime)) entries.push("api-contracts/runtime/" + relative(runtime, file));
for (const entry of entries) await import(entry);
const { createGcoreBillingClient } = await import("api-contracts/gcore-billing");
const gcore = createGcoreBillingClient({ apiKey: process.env.KEY, baseUrl: process.env.GCORE_BASE_URL, validate: "throw" });
const { data, error } = await gcore.GET("/billing/org/v1/erp-invoices", { params: { query: { limit: 2 } } });
if (error) throw new Error("the sandbox answered an error");
process.stdout.write(JSON.stringify({ entries: entries.length, count: data.count, amount: data.results[0]?.amount_total }));
`;

describe("a consumer's light install: runtime dependencies only (--omit=dev, no optional peers)", () => {
  const bin = () => join(light, "node_modules/.bin/api-contracts");

  it(`weighs at most ${LIGHT_INSTALL_LIMIT} bytes (du -sb node_modules)`, async () => {
    const du = await exec("du", ["-sb", "node_modules"], light);
    expect(du.code, du.stderr).toBe(0);
    const bytes = Number(du.stdout.split("\t")[0]);
    // Printed so that the figure in the README can be checked against a run.
    process.stdout.write(`light consumer install: ${bytes} bytes\n`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(LIGHT_INSTALL_LIMIT);
    for (const tool of ["typescript", "openapi-typescript", "@redocly/openapi-core", "vitest"])
      expect(existsSync(join(light, "node_modules", tool)), tool).toBe(false);
  });

  it("imports every public entry and runs a generated client with validation", async () => {
    const KEY = "gk_light_consumer_7Qw2";
    const sandbox = await startSandbox({ credentials: { gcoreApiKey: KEY } });
    try {
      writeFileSync(join(light, "use.mjs"), LIGHT_CONSUMER);
      const ran = await exec(process.execPath, ["use.mjs"], light, {
        KEY,
        GCORE_BASE_URL: sandbox.url,
      });
      expect(ran.code, ran.stderr).toBe(0);
      const printed = JSON.parse(ran.stdout) as {
        entries: number;
        count: unknown;
        amount: unknown;
      };
      expect(printed.entries).toBeGreaterThan(10);
      expect(typeof printed.count).toBe("number");
      expect(printed.amount).toMatch(/^\d{1,3}\.\d{12}$/);
    } finally {
      await sandbox.close();
    }
  });

  it("ships the bin with its execute bit (mode 755 in the tarball)", async () => {
    const listed = await exec("tar", ["-tvzf", tarball, "package/bin/api-contracts.js"], work);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^-rwxr-xr-x /);
  });

  it.each<[string, { args: string[]; code: number; out: RegExp; err: RegExp }]>([
    [
      "--version",
      { args: ["--version"], code: 0, out: /^api-contracts \d+\.\d+\.\d+\n$/, err: /^$/ },
    ],
    ["--help", { args: ["--help"], code: 0, out: /commands:[\s\S]*codegen/, err: /^$/ }],
    [
      "validate runs on the runtime alone",
      {
        args: [
          "validate",
          "--api",
          "gcore-billing",
          "--operation",
          "v1_erp_invoices_list",
          "body.json",
        ],
        code: 1,
        out: /^\/count {2}required/m,
        err: /^$/,
      },
    ],
    [
      "codegen names the missing tools and how to install them",
      {
        args: ["codegen"],
        code: 2,
        out: /^$/,
        err: /^api-contracts codegen: 'codegen' needs .*openapi-typescript.*not installed.*npm install --save-dev .*openapi-typescript@\^7\.\d+\.\d+ .*typescript@/,
      },
    ],
    [
      "test names vitest",
      { args: ["test", "--target", "mock"], code: 2, out: /^$/, err: /'test' needs .*vitest/ },
    ],
  ])("api-contracts %s", async (_name, { args, code, out, err }) => {
    writeFileSync(join(light, "body.json"), "{}");
    const ran = await exec(bin(), args, light);
    expect({ code: ran.code, stderr: ran.stderr }).toMatchObject({ code });
    expect(ran.stdout).toMatch(out);
    expect(ran.stderr).toMatch(err);
    expect(ran.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("README examples", () => {
  it("every ```ts block type-checks as written against the installed package", {
    timeout: 120_000,
  }, async () => {
    // A block importing relative files is a user's own project (the --impact example), not ours.
    const blocks = readmeBlocks(join(repo, "README.md")).filter(
      (b) => !/from "\.\.?\//.test(b.code),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const files = blocks.map((b) => `readme-${b.line}.ts`);
    blocks.forEach((b, i) => {
      // `export {}`: a block without imports is still a module (top-level await, own scope).
      writeFileSync(join(consumer, files[i] ?? ""), `${b.code}\nexport {};\n`);
    });
    writeFileSync(
      join(consumer, "tsconfig.readme.json"),
      JSON.stringify({
        ...CONSUMER_TSCONFIG,
        // The package's declarations are checked (skipLibCheck off) by the consumers' program,
        // which imports every entry the README does; here only the README's code is new.
        compilerOptions: {
          ...CONSUMER_TSCONFIG.compilerOptions,
          types: ["node"],
          noEmit: true,
          skipLibCheck: true,
        },
        files,
      }),
    );
    const compiled = await exec(process.execPath, [tsc, "-p", "tsconfig.readme.json"], consumer);
    // Each diagnostic at its README line: readme-<first line>.ts(row,col) is README line first + row - 1.
    const problems = compiled.stdout
      .split("\n")
      .filter((l) => /^readme-\d+\.ts\(/.test(l))
      .map((l) =>
        l.replace(
          /^readme-(\d+)\.ts\((\d+),(\d+)\)/,
          (_m, first: string, row: string, col: string) => {
            return `README.md:${Number(first) + Number(row) - 1}:${col}`;
          },
        ),
      );
    expect(problems).toEqual([]);
    expect(compiled.code, compiled.stdout).toBe(0);
  });
});
