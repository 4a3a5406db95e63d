/**
 * Bounds against a hostile vendor, at full size: the built CLI's live contract run, and the built
 * client alone, against a vendor stand-in sending a 2 GiB body or a gzip bomb (about 2 MB on the
 * wire, inflating to 2 GiB), with every limit at its default (50 MiB per body, 30 s per request,
 * 5 requests per second). Each row is a fresh process; its peak RSS comes from
 * `process.resourceUsage()` at exit (lib/report-usage.mjs), its wall time from spawn to exit. The
 * reference is the same CLI run against the faithful sandbox. Targets: a few hundred MB of peak
 * RSS, and the run over within two minutes.
 * Run: npm run build && npx tsx bench/hostile-vendor-bench.ts
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHostileVendor } from "../src/sandbox/hostile-vendor.js";
import { startSandbox } from "../src/sandbox/sandbox-server.js";
import { checkDistCli, DIST_CLI } from "./lib/dist-cli.js";
import { describeMachine } from "./lib/machine.js";

const REPORTER = new URL("./lib/report-usage.mjs", import.meta.url);
const CLIENT_CHILD = new URL("./lib/hostile-client-child.mjs", import.meta.url);
const KEY = "bench-not-a-secret";

interface Measured {
  readonly code: number | null;
  readonly wallMs: number;
  readonly maxRssBytes: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node <script> <args>` with the usage reporter preloaded; any exit code is a result here. */
async function measure(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), "bench-hostile-"));
  const usageFile = join(dir, "usage.json");
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", REPORTER.href, script, ...args], {
        env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => {
        out += c;
      });
      child.stderr.setEncoding("utf8").on("data", (c: string) => {
        err += c;
      });
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    const wallMs = performance.now() - started;
    const usage = JSON.parse(await readFile(usageFile, "utf8")) as { maxRSS: number };
    return { code, wallMs, maxRssBytes: usage.maxRSS * 1024, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const stale = checkDistCli();
if (stale) console.warn(`warning: ${stale}`);
const reports = await mkdtemp(join(tmpdir(), "bench-hostile-reports-"));
const cliArgs = ["test", "--target", "live", "--api", "gcore-billing", "--reports", reports];
const rows: string[][] = [];
try {
  const sandbox = await startSandbox({ credentials: { gcoreApiKey: KEY, mptToken: KEY } });
  const reference = await measure(DIST_CLI, cliArgs, {
    GCORE_API_KEY: KEY,
    GCORE_BASE_URL: sandbox.url,
  });
  await sandbox.close();
  rows.push([
    "live run, faithful sandbox (reference)",
    `exit ${reference.code}`,
    s(reference.wallMs),
    mb(reference.maxRssBytes),
    "–",
  ]);
  for (const fault of ["oversized", "gzip-bomb"] as const) {
    const vendor = await startHostileVendor({ fault });
    try {
      const live = await measure(DIST_CLI, cliArgs, {
        GCORE_API_KEY: KEY,
        GCORE_BASE_URL: vendor.url,
      });
      const tooLarge = (live.stdout.match(/ResponseTooLargeError/g) ?? []).length;
      rows.push([
        `live run, ${fault === "oversized" ? "2 GiB body" : "gzip bomb → 2 GiB"}`,
        `exit ${live.code}, ${tooLarge} ResponseTooLargeError line(s)`,
        s(live.wallMs),
        mb(live.maxRssBytes),
        `${(live.maxRssBytes / reference.maxRssBytes).toFixed(2)}×`,
      ]);
      const client = await measure(CLIENT_CHILD.pathname, [vendor.url], {});
      rows.push([
        `client alone, ${fault === "oversized" ? "2 GiB body" : "gzip bomb → 2 GiB"}`,
        (JSON.parse(client.stdout || "{}") as { outcome?: string }).outcome ??
          `exit ${client.code}`,
        s(client.wallMs),
        mb(client.maxRssBytes),
        "–",
      ]);
    } finally {
      await vendor.close();
    }
  }
} finally {
  await rm(reports, { recursive: true, force: true });
}
console.log(`machine: ${describeMachine()}`);
console.log("| run | outcome | wall | peak RSS | RSS ÷ reference |");
console.log("|---|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
