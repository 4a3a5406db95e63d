/**
 * Running a prepared suite's cases as vitest tests, through vitest's Node API (`startVitest`):
 * one case file per operation (write-case-files.ts), the run configuration provided to the
 * worker, vitest's own options passed through (`testNamePattern`, `bail`, `shard`, `reporters`,
 * `watch`), and a collector reporter that gathers each case's result from its test's meta. The
 * exit code stays the CLI's: vitest's `process.exitCode` is put back as it was.
 *
 * Watch mode re-runs every case when a spec, a semantics declaration or generated code changes:
 * the changed API's Prism is restarted on the new document and the worker re-derives the cases
 * (each run gets a new configuration generation; files run isolated so nothing is cached).
 * @see https://vitest.dev/advanced/api/
 */
import { existsSync, type FSWatcher, watch } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import { escapeRegExp } from "../../runtime/escape-regexp.js";
import { ContractSetupError } from "../contract-errors.js";
import { semanticsFile } from "../semantics/load-semantics.js";
import type { CaseMeta } from "./contract-cases.test-entry.js";
import type { ContractRunConfig } from "./run-config.js";
import { CASE_FILE_SUFFIX, type OperationFile, writeCaseFiles } from "./write-case-files.js";

/** vitest's options the CLI passes through. */
export interface VitestPassThrough {
  readonly testNamePattern?: string;
  readonly bail?: number;
  /** `i/n`. */
  readonly shard?: string;
  /** Reporter names or paths; absent: the progress reporter. */
  readonly reporters?: readonly string[];
  readonly watch?: boolean;
}

/** What one vitest run of the cases produced. */
export interface CollectedRun {
  /** Case results by API, in derivation order. */
  readonly cases: ReadonlyMap<string, readonly CaseMeta[]>;
  /** The first fail-fast setup error, when an API's run was stopped. */
  readonly setupError?: string;
  /** Errors outside any case (a case file that failed to load, an unhandled rejection). */
  readonly errors: readonly string[];
  /** Tests that ran or were filtered: how many were declared, and how many ran. */
  readonly declared: number;
  readonly durationMs: number;
}

/** Inputs of {@link runCasesWithVitest}. */
export interface RunCasesInput {
  readonly config: ContractRunConfig;
  readonly operations: readonly OperationFile[];
  readonly passThrough: VitestPassThrough;
  /** Reporters of ours that always run (progress when no --reporter is given). */
  readonly defaultReporters: readonly Reporter[];
  /** Requests in flight per API (vitest's maxConcurrency). */
  readonly concurrency: number;
  /** Per-test limit: a case's requests with their retries and pacing. */
  readonly testTimeoutMs: number;
  /** Called after each run (once, or after every watch re-run). */
  readonly onRunEnd: (run: CollectedRun) => Promise<void>;
  /** Watch mode: files whose change re-runs the cases, by API. */
  readonly watchFiles?: ReadonlyMap<string, readonly string[]>;
  /** Watch mode: restart an API's target after its files changed; returns the new config. */
  readonly onApiChanged?: (api: string) => Promise<ContractRunConfig>;
}

/** The shipped test entry (`.ts` in a checkout run through tsx or vitest, `.js` when built). */
export function testEntryFile(): string {
  const self = fileURLToPath(import.meta.url);
  const extension = self.endsWith(".ts") ? ".ts" : ".js";
  return join(dirname(self), `contract-cases.test-entry${extension}`);
}

/**
 * vitest options for a run from compiled code: the test entry's imports, this package's own
 * JavaScript, are loaded by Node as they are instead of one by one through vite's transform
 * pipeline on the way into the worker (from a checkout's dist/ that was more than a second of a
 * two-API run; an installed package, in node_modules, was already left to Node). From the
 * TypeScript sources (through tsx), nothing: vite transforms them, as before.
 */
export function compiledModulesExternal(moduleUrl: string = import.meta.url): {
  server?: { deps: { external: RegExp[] } };
} {
  const self = fileURLToPath(moduleUrl);
  if (!self.endsWith(".js")) return {};
  // dist/src/contract/vitest/ → dist/: the package's compiled src/ and generated/.
  // vitest matches module ids with forward slashes, also on Windows.
  const compiledRoot = join(dirname(self), "..", "..", "..").split("\\").join("/");
  return { server: { deps: { external: [new RegExp(`^${escapeRegExp(`${compiledRoot}/`)}`)] } } };
}

/** vitest's Node API, or a setup error (exit 2) saying how to install it. */
async function loadVitestNode(): Promise<typeof import("vitest/node")> {
  try {
    return await import("vitest/node");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    throw new ContractSetupError(
      "the test command runs its cases with vitest, which is not installed; run 'npm install --save-dev vitest@4' in your project",
    );
  }
}

/** One line of a vitest error (message, no stack). */
function errorLine(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? "Error"}: ${e.message ?? String(error)}`.replace(/\s*\n\s*/g, " ");
}

/** The collector: each case's meta, the setup error, the errors outside cases. */
function createCollector(onRunEnd: RunCasesInput["onRunEnd"]): Reporter {
  let cases = new Map<string, CaseMeta[]>();
  let setupError: string | undefined;
  let declared = 0;
  let started = performance.now();
  return {
    onTestRunStart() {
      cases = new Map();
      setupError = undefined;
      declared = 0;
      started = performance.now();
    },
    onTestCaseResult(test) {
      const meta = test.meta().apiContracts;
      if (!meta) return;
      const list = cases.get(meta.api) ?? [];
      list.push(meta);
      cases.set(meta.api, list);
      setupError ??= meta.setupError;
    },
    async onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled) {
      const errors = [
        ...modules.flatMap((m) => m.errors().map((e) => `${m.relativeModuleId}: ${errorLine(e)}`)),
        ...unhandled.map(errorLine),
      ];
      for (const module of modules) declared += [...module.children.allTests()].length;
      for (const list of cases.values()) list.sort((a, b) => a.order - b.order);
      await onRunEnd({
        cases,
        ...(setupError === undefined ? {} : { setupError }),
        errors,
        declared,
        durationMs: Math.round(performance.now() - started),
      });
    },
  };
}

/** Watch `files` (debounced), calling `onChange` with the API whose file changed. */
function watchApis(
  files: ReadonlyMap<string, readonly string[]>,
  onChange: (api: string) => void,
): () => void {
  const watchers: FSWatcher[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  for (const [api, paths] of files) {
    for (const path of paths) {
      if (!existsSync(path)) continue;
      const watcher = watch(path, { recursive: false }, () => {
        clearTimeout(timers.get(api));
        timers.set(
          api,
          setTimeout(() => onChange(api), 300),
        );
      });
      watchers.push(watcher);
    }
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

/** Files a change of which re-runs an API's cases in watch mode. */
export function apiWatchFiles(api: string, specFile: string, generatedDir: string): string[] {
  const semantics = semanticsFile(api);
  return [specFile, generatedDir, ...(semantics ? [semantics] : [])];
}

/**
 * Run the cases with vitest; resolves when the run is over (watch mode: when the user quits).
 * @throws ContractSetupError when vitest is not installed.
 */
export async function runCasesWithVitest(input: RunCasesInput): Promise<void> {
  const { startVitest } = await loadVitestNode();
  const caseFiles = await writeCaseFiles(input.operations, testEntryFile());
  const { passThrough } = input;
  const watching = passThrough.watch === true;
  const reporters: (Reporter | string)[] = [
    ...(passThrough.reporters && passThrough.reporters.length > 0
      ? passThrough.reporters
      : input.defaultReporters),
    createCollector(input.onRunEnd),
  ];
  const exitCode = process.exitCode;
  let vitest: Vitest | undefined;
  let stopWatching = () => {};
  // Watching starts before the first run, so that a change during it is not missed.
  let startedVitest: (instance: Vitest) => void = () => {};
  const ready = new Promise<Vitest>((resolve) => {
    startedVitest = resolve;
  });
  if (watching && input.watchFiles && input.onApiChanged) {
    const onApiChanged = input.onApiChanged;
    const watchFiles = input.watchFiles;
    let generation = 0;
    stopWatching = watchApis(watchFiles, (api) => {
      void (async () => {
        const running = await ready;
        const config = await onApiChanged(api);
        generation++;
        running.provide("apiContractsRun", { ...config, generation });
        for (const file of watchFiles.get(api) ?? []) running.invalidateFile(file);
        await running.rerunTestSpecifications(await running.globTestSpecifications(), true);
      })().catch((error: unknown) => {
        process.stderr.write(`api-contracts test: watch: ${errorLine(error)}\n`);
      });
    });
  }
  try {
    vitest = await startVitest(
      "test",
      [],
      {
        config: false,
        root: caseFiles.root,
        include: [`**/*${CASE_FILE_SUFFIX}`],
        exclude: [],
        watch: watching,
        ...(passThrough.testNamePattern === undefined
          ? {}
          : { testNamePattern: passThrough.testNamePattern }),
        ...(passThrough.bail === undefined ? {} : { bail: passThrough.bail }),
        ...(passThrough.shard === undefined ? {} : { shard: passThrough.shard }),
        reporters: reporters as never,
        provide: { apiContractsRun: input.config },
        passWithNoTests: true,
        // A worker thread, not a forked process: a run starts about a third faster and uses a quarter
        // less CPU (no second Node process to boot), and it cannot outlive the command.
        pool: "threads",
        // One worker shares each API's loaded spec, list ids and request pacing across its
        // operations' files; watch mode isolates files so that every re-run starts fresh.
        isolate: watching,
        fileParallelism: false,
        maxConcurrency: input.concurrency,
        testTimeout: input.testTimeoutMs,
        hookTimeout: input.testTimeoutMs,
        globals: false,
        coverage: { enabled: false },
        ...compiledModulesExternal(),
      },
      { logLevel: "error", cacheDir: join(caseFiles.root, ".vite") },
    );
    if (watching && vitest) {
      const running = vitest;
      startedVitest(running);
      await new Promise<void>((resolve) => running.onClose(() => resolve()));
    }
  } finally {
    stopWatching();
    await vitest?.close();
    process.exitCode = exitCode;
    await caseFiles.remove();
  }
}
