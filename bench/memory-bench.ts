/**
 * Heap added by loading every one of GitHub's validators, in a fresh process started with
 * `--expose-gc`: heap used after a full collection, before importing `validators.js` and after
 * `loadAll()` (a split module) has imported every chunk. Also validates the 100-issue page once,
 * so that the functions a validation compiles are counted.
 * Run: npx tsx bench/memory-bench.ts [--baseline]
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GITHUB_ISSUES, githubIssuesPage } from "./github-page.js";
import { BENCH_SPECS, missingReason } from "./lib/bench-specs.js";
import { describeMachine } from "./lib/machine.js";
import { type CompiledBenchApi, compileBenchApi } from "./load-api-validators.js";

/** Heap figures in bytes. */
export interface HeapFigures {
  /** heapUsed after everything is loaded, minus before (both after a full GC). */
  readonly addedHeap: number;
  /** The same for V8's external memory and array buffers (usually ~0). */
  readonly addedExternal: number;
  /** Resident set size at the end of the child. */
  readonly rss: number;
}

/** The memory figures for GitHub's spec. */
export interface MemoryResult {
  readonly files: number;
  readonly bytes: number;
  readonly split: HeapFigures;
  /** The validators emitted as one module (`--baseline` only). */
  readonly baseline?: HeapFigures;
}

const CHILD = `
import { readFileSync } from "node:fs";
const [validators, name, bodyFile] = process.argv.slice(2);
const body = JSON.parse(readFileSync(bodyFile, "utf8"));
const settle = () => { for (let i = 0; i < 4; i++) globalThis.gc(); return process.memoryUsage(); };
const before = settle();
const module = await import(validators);
await module.loadAll?.();
const validate = module.validators[name];
if (!validate(body)) throw new Error("the benchmark body is invalid");
const after = settle();
process.stdout.write(JSON.stringify({
  addedHeap: after.heapUsed - before.heapUsed,
  addedExternal: after.external + after.arrayBuffers - before.external - before.arrayBuffers,
  rss: after.rss,
  loaded: Object.keys(module.validators).length,
}));
`;

async function measure(api: CompiledBenchApi, body: string): Promise<HeapFigures> {
  const child = join(api.dir, "memory-child.mjs");
  await writeFile(child, CHILD);
  const args = [
    "--expose-gc",
    child,
    pathToFileURL(api.validators).href,
    GITHUB_ISSUES.validator,
    body,
  ];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, out, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(out);
    });
  });
  const { addedHeap, addedExternal, rss } = JSON.parse(stdout) as HeapFigures;
  return { addedHeap, addedExternal, rss };
}

/** Measure the heap GitHub's validators add once all are loaded. */
export async function validatorMemory(options: { baseline?: boolean } = {}): Promise<MemoryResult> {
  const spec = BENCH_SPECS.find((s) => s.id === "github");
  const missing = spec ? missingReason(spec) : "no GitHub bench spec";
  if (!spec || missing) throw new Error(`memory bench skipped: ${missing}`);
  const api = await compileBenchApi(spec.file, "github-split");
  const body = join(api.dir, "memory-body.json");
  await writeFile(body, JSON.stringify(githubIssuesPage(100)));
  const split = await measure(api, body);
  let baseline: HeapFigures | undefined;
  if (options.baseline) {
    baseline = await measure(
      await compileBenchApi(spec.file, "github-single", { splitAbove: Infinity }),
      body,
    );
  }
  return { files: api.files, bytes: api.bytes, split, ...(baseline ? { baseline } : {}) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { baseline: { type: "boolean" } } });
  const result = await validatorMemory({ baseline: values.baseline ?? false });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`.padStart(10);
  console.log(`machine: ${describeMachine()}`);
  console.log(`GitHub validators: ${result.files} files, ${(result.bytes / 1e6).toFixed(2)} MB\n`);
  console.log(
    `${"all validators loaded".padEnd(40)} ${"heap".padStart(10)} ${"external".padStart(10)} ${"RSS".padStart(10)}`,
  );
  const row = (name: string, f: HeapFigures) =>
    console.log(`${name.padEnd(40)} ${mb(f.addedHeap)} ${mb(f.addedExternal)} ${mb(f.rss)}`);
  row("split (loadAll)", result.split);
  if (result.baseline) row("one module (before)", result.baseline);
  console.log("\nlimit: at most 50 MB of heap added");
}
