import { join, relative, resolve } from "node:path";
import { checkDocumentExamples } from "../codegen/examples/check-document-examples.js";
import { ContractSetupError } from "../contract/contract-errors.js";
import { runGeneratedPhase } from "../contract/generation/generated-phase.js";
import { parseGenerationFlags } from "../contract/generation/generation-flags.js";
import { createProgressReporter } from "../contract/reporting/progress-reporter.js";
import { formatSummary } from "../contract/reporting/summary.js";
import { suiteExitCode } from "../contract/reporting/tally.js";
import { writeReports } from "../contract/reporting/write-reports.js";
import { deriveApiCases } from "../contract/run/case-executor.js";
import { FAIL_FAST_AFTER } from "../contract/run/run-api.js";
import { type PreparedSuite, prepareSuite } from "../contract/run-suite.js";
import type { PrismIsolation, PrismServer } from "../contract/targets/prism-server.js";
import { DEFAULT_MOCK_START_TIMEOUT_MS } from "../contract/targets/prism-server.js";
import { withRecording } from "../contract/targets/record-live.js";
import { DEFAULT_RATE } from "../contract/targets/request-pacer.js";
import type { TargetName } from "../contract/types.js";
import {
  apiWatchFiles,
  type CollectedRun,
  runCasesWithVitest,
  type VitestPassThrough,
} from "../contract/vitest/run-cases.js";
import type { ContractRunConfig } from "../contract/vitest/run-config.js";
import { suiteFromRun } from "../contract/vitest/suite-from-run.js";
import type { OperationFile } from "../contract/vitest/write-case-files.js";
import { packageRoot } from "../document/package-root.js";
import { UsageError } from "../errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../runtime/client/client-errors.js";
import { DEFAULT_TIMEOUT_MS } from "../runtime/client/create-api-client.js";
import { redactSecrets } from "../runtime/redact.js";
import { compileRequestSchemas } from "./compile-request-schemas.js";
import { parseOptions } from "./parse-options.js";
import { resolveRecordingFlags } from "./recording-flags.js";

const HELP = `usage: api-contracts test [--target mock|live] [--api ID]... [--strict-examples] [--allow-writes]
                          [--rate N] [--timeout SECONDS] [--max-response-bytes N]
                          [--mock-start-timeout SECONDS] [--skip-missing-credentials] [--reports DIR]
                          [-t PATTERN] [--bail N] [--shard I/N] [--reporter NAME]... [--watch]
                          [--max-examples N [--seed S] [--failures DIR]]
       api-contracts test --target live --record DIR [--redact FILE] [options]
       api-contracts test --target recorded DIR [options]

Runs the contract suite: cases derived from each spec, every response checked (status, content type,
schema; on live targets also filters, ordering, pagination, money, dates, retrieve-by-id). The cases
run as vitest tests, one per case, named '<api> › <operationId> › <case>'.

  --target mock|live  mock (default, or CONTRACT_TARGET): one Prism per API on loopback;
                      live: the real endpoints, credentials from the environment:
                        GCORE_API_KEY [GCORE_BASE_URL]
                        MPT_API_TOKEN [MPT_API_BASE_URL] [MPT_INVOICE_IDS=id1,id2]
                      an API without its credential is a set-up error (narrow with --api)
  --target recorded DIR
                      the recordings in DIR served on loopback as the vendor (offline)
  --record DIR        live: store every exchange, redacted, as HAR 1.2 in DIR/<api>/
  --redact FILE       with --record: extra redaction rules (JSON/YAML: headers, queryParameters,
                      jsonPointers); rules that cannot be loaded stop the run (exit 2)
  --api ID            only this API (repeatable)
  --strict-examples   spec examples that break their own schema fail the run (default: warning)
  --allow-writes      live: also call operations other than GET and HEAD
  --rate N            live: at most N requests per second per API (default ${DEFAULT_RATE};
                      recordings replay unpaced unless --rate is given)
  --timeout SECONDS   per request, until the whole body has arrived (default ${DEFAULT_TIMEOUT_MS / 1000})
  --max-response-bytes N
                      largest response body read, counted after decompression
                      (default ${DEFAULT_MAX_RESPONSE_BYTES}, 50 MiB)
  --mock-start-timeout SECONDS
                      mock: how long each Prism may take to start (default ${DEFAULT_MOCK_START_TIMEOUT_MS / 1000})
  --skip-missing-credentials
                      live: skip (and report) APIs whose credential is not set; at least one must run
  --max-examples N    also send generated requests: per operation, N valid ones and N single-keyword
                      mutants (checks positive_data_acceptance, negative_data_rejection,
                      not_a_server_error, response conformance); failures shrunk, saved, replayed
                      first next time, and written as vitest reproducers under DIR/reproducers
  --seed S            the generated requests' seed (default random; printed with every failure)
  --failures DIR      the failure database (default .api-contracts/failures)
  --reports DIR       where the reports go (default: reports): JSON, JUnit, HTML, Markdown
                      (the Markdown is also appended to $GITHUB_STEP_SUMMARY when it is set)

vitest's own options, passed through:
  -t, --testNamePattern PATTERN
                      only the cases whose name matches (e.g. -t v1_erp_invoices_list)
  --bail N            stop after N failed cases
  --shard I/N         run the I-th of N parts (by operation); merge the parts' reports with
                      'api-contracts report merge DIR...'
  --reporter NAME     a vitest reporter (repeatable; default: per-API progress on stderr)
  -w, --watch         re-run when a spec, a semantics declaration or generated code changes

Exit codes: 0 all checks passed; 1 contract violations; 2 usage or set-up errors, printed as one
line before any case runs (a credential missing, rejected or malformed, a base URL unreachable,
Prism missing or not starting in time, an unknown API), or a live API stopped after
${FAIL_FAST_AFTER} transport failures in a row.
`;

function targetOf(flag: string | undefined): TargetName {
  const value = flag ?? process.env.CONTRACT_TARGET ?? "mock";
  if (value !== "mock" && value !== "live") {
    const source = flag === undefined ? "CONTRACT_TARGET" : "--target";
    throw new UsageError(`${source} must be 'mock' or 'live'; got '${value}'`);
  }
  return value;
}

/** A positive number of seconds from `flag`, as milliseconds. */
function secondsOf(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new UsageError(`${flag} must be a positive number of seconds; got '${text}'`);
  return seconds * 1000;
}

/** A positive whole number of bytes. */
function bytesOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(
      `--max-response-bytes must be a positive whole number of bytes, e.g. 10485760 for 10 MiB; got '${text}'`,
    );
  return Number(text);
}

/**
 * Requests per second per API, null when unpaced: the --rate given (infinite: unpaced), else
 * unpaced for a replay of recordings (pacing protects a vendor; a recording served from this
 * machine needs none), else {@link DEFAULT_RATE}.
 */
export function pacingOf(rate: number | undefined, recorded: boolean): number | null {
  if (rate !== undefined) return Number.isFinite(rate) ? rate : null;
  return recorded ? null : DEFAULT_RATE;
}

function rateOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const rate = Number(text);
  if (!(rate > 0))
    throw new UsageError(`--rate must be a positive number of requests per second; got '${text}'`);
  return rate;
}

/** How long stopping the Prism servers may take after Ctrl-C before the process exits anyway. */
const STOP_GRACE_MS = 2_000;

/**
 * Stops every Prism on SIGINT/SIGTERM, then exits (130/143), so that Ctrl-C never leaves a server
 * behind. Returns the function that removes the handlers.
 */
function stopOnSignal(prisms: Set<PrismServer>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(
      `\napi-contracts test: ${signal}: stopping ${prisms.size} Prism server(s)\n`,
    );
    const code = signal === "SIGINT" ? 130 : 143;
    // vitest's own handler may exit first (it keeps an exit code already set); Prism children
    // are killed by their exit hook either way.
    process.exitCode = code;
    const exit = () => process.exit(code);
    // A server draining keep-alive connections must not delay the exit the user asked for.
    setTimeout(exit, STOP_GRACE_MS).unref();
    void Promise.allSettled([...prisms].map((prism) => prism.close())).then(exit);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

/** What tests may swap out. */
export interface TestCommandSeams {
  /** The package Prism is resolved from (point it at a missing one to test the "not installed" path). */
  readonly prismPackage?: string;
  /** Where each Prism runs (default its own process); tests running many mocks pass "in-process". */
  readonly prismIsolation?: PrismIsolation;
}

/** `--shard i/n`, checked. */
function shardOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(text);
  if (!match || Number(match[1]) > Number(match[2]))
    throw new UsageError(`--shard must be I/N with 1 <= I <= N (e.g. --shard 1/2); got '${text}'`);
  return text;
}

/** `--bail N`, checked. */
function bailOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text))
    throw new UsageError(`--bail must be a positive whole number of failed cases; got '${text}'`);
  return Number(text);
}

/** `-t PATTERN`, checked to be a regular expression as vitest reads it. */
function patternOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    new RegExp(text);
  } catch (error) {
    throw new UsageError(`-t must be a regular expression: ${(error as Error).message}`);
  }
  return text;
}

/** The operations that have cases, API by API, in derivation order: one vitest file each. */
function operationFiles(
  prepared: PreparedSuite,
  derive: ContractRunConfig["derive"],
): OperationFile[] {
  const files: OperationFile[] = [];
  for (const { loaded } of prepared.apis) {
    const seen = new Set<string>();
    for (const contractCase of deriveApiCases({ ...loaded, derive })) {
      if (seen.has(contractCase.operation)) continue;
      seen.add(contractCase.operation);
      files.push({ api: loaded.api, operation: contractCase.operation });
    }
  }
  return files;
}

/** A live API whose every case in this run was skipped tested nothing: a setup error. */
function nothingSent(prepared: PreparedSuite, run: CollectedRun): string | undefined {
  if (prepared.target !== "live") return undefined;
  for (const [api, metas] of run.cases) {
    if (metas.length === 0 || metas.some((m) => m.result.run.skipped === undefined)) continue;
    const reason = metas.find((m) => m.result.run.skipped !== undefined)?.result.run.skipped;
    return `${api}: no case could be sent, so nothing would be tested${reason ? ` (${reason})` : ""}; set what is missing or leave the API out with --api`;
  }
  return undefined;
}

/** `api-contracts test`: runs the contract suite, prints the summary, writes the reports. */
export async function run(args: string[], seams: TestCommandSeams = {}): Promise<number> {
  const { values, positionals } = parseOptions("test", {
    args,
    options: {
      target: { type: "string" },
      api: { type: "string", multiple: true },
      "strict-examples": { type: "boolean" },
      "allow-writes": { type: "boolean" },
      rate: { type: "string" },
      timeout: { type: "string" },
      "max-response-bytes": { type: "string" },
      "mock-start-timeout": { type: "string" },
      "skip-missing-credentials": { type: "boolean" },
      reports: { type: "string" },
      testNamePattern: { type: "string", short: "t" },
      bail: { type: "string" },
      shard: { type: "string" },
      reporter: { type: "string", multiple: true },
      watch: { type: "boolean", short: "w" },
      help: { type: "boolean", short: "h" },
      record: { type: "string" },
      redact: { type: "string" },
      "max-examples": { type: "string" },
      seed: { type: "string" },
      failures: { type: "string" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const recordings = await resolveRecordingFlags(
    values.target === "recorded" ? "recorded" : targetOf(values.target),
    values,
    positionals,
  );
  const target = recordings.target;
  const rate = rateOf(values.rate);
  const pacing = pacingOf(rate, values.target === "recorded");
  const timeoutMs = secondsOf("--timeout", values.timeout);
  const mockStartTimeoutMs = secondsOf("--mock-start-timeout", values["mock-start-timeout"]);
  const maxResponseBytes = bytesOf(values["max-response-bytes"]);
  const passThrough: VitestPassThrough = {
    testNamePattern: patternOf(values.testNamePattern),
    bail: bailOf(values.bail),
    shard: shardOf(values.shard),
    reporters: values.reporter,
    watch: values.watch ?? false,
  };
  const strictExamples = values["strict-examples"] ?? false;
  const generation = parseGenerationFlags(values);
  const reportsDir = resolve(values.reports ?? "reports");
  const prisms = new Set<PrismServer>();
  const removeHandlers = stopOnSignal(prisms);
  const suiteOptions = {
    checkExamples: checkDocumentExamples,
    compileSchemas: compileRequestSchemas,
    target,
    apis: recordings.apis ?? values.api ?? [],
    ...(recordings.env ? { env: recordings.env } : {}),
    strictExamples,
    allowWrites: values["allow-writes"] ?? false,
    rate: pacing ?? Number.POSITIVE_INFINITY,
    timeoutMs,
    maxResponseBytes,
    mockStartTimeoutMs,
    skipMissingCredentials: values["skip-missing-credentials"] ?? false,
    ...(seams.prismPackage === undefined ? {} : { prismPackage: seams.prismPackage }),
    ...(seams.prismIsolation === undefined ? {} : { prismIsolation: seams.prismIsolation }),
    // Seeded Prism answers every request of one schema with the same body: one id is enough.
    derive: target === "mock" ? { retrieveCount: 1 } : {},
    onPrismStarting: (api: string) =>
      process.stderr.write(`api-contracts test: starting mock for ${api}…\n`),
    onPrismStarted: (prism: PrismServer) => {
      prisms.add(prism);
      const spec = relative(process.cwd(), prism.specFile);
      process.stderr.write(`api-contracts test: Prism on ${prism.url} mocks ${spec}\n`);
    },
  };
  let prepared: PreparedSuite | undefined;
  let exitCode = 0;
  let setupError: string | undefined;
  // vitest swallows a reporter's error: one thrown while reporting is kept here so that it ends
  // the command instead of leaving exit code 0 behind a run whose reports were never written.
  let reportingError: unknown;
  try {
    prepared = await prepareSuite(suiteOptions);
    const current = (): PreparedSuite => prepared as PreparedSuite;
    const configOf = (suite: PreparedSuite): ContractRunConfig => ({
      target,
      apis: suite.apis.map((a) => withRecording(a.provided, recordings.recording)),
      rate: pacing,
      allowWrites: suiteOptions.allowWrites,
      timeoutMs,
      maxResponseBytes,
      derive: { ...suiteOptions.derive, values: suite.values },
    });
    const reportRun = async (collected: CollectedRun): Promise<void> => {
      const problem = collected.setupError ?? nothingSent(current(), collected);
      if (problem !== undefined || collected.errors.length > 0) {
        // One line per problem, no summary: as a setup error before any case (exit 2).
        setupError = problem ?? collected.errors.join("; ");
        exitCode = 2;
        if (passThrough.watch) process.stderr.write(`api-contracts test: ${setupError}\n`);
        return;
      }
      let suite = suiteFromRun(current(), collected, strictExamples);
      if (generation) {
        const phase = await runGeneratedPhase(current(), suite, {
          ...generation,
          compile: compileRequestSchemas,
          reportsDir,
          allowWrites: suiteOptions.allowWrites,
          rate: pacing,
          timeoutMs,
          maxResponseBytes,
          log: (line) => process.stderr.write(`api-contracts test: ${line}\n`),
        });
        suite = phase.suite;
      }
      process.stdout.write(redactSecrets(formatSummary(suite), suite.secrets));
      const ran = suite.apis.reduce((n, api) => n + api.cases.length, 0);
      if (ran === 0) {
        const why = passThrough.shard
          ? `shard ${passThrough.shard} holds no case`
          : `no case matches -t '${passThrough.testNamePattern ?? ""}' (case names are '<api> › <operationId> › <case>')`;
        process.stdout.write(`note: ${why}\n`);
      }
      const written = await writeReports(suite, reportsDir, {
        shard: passThrough.shard,
        stepSummary: process.env.GITHUB_STEP_SUMMARY,
      });
      process.stdout.write(`reports: ${written.files.join("\n         ")}\n`);
      exitCode = ran === 0 && !passThrough.shard ? 2 : suiteExitCode(suite);
    };
    const onRunEnd = async (collected: CollectedRun): Promise<void> => {
      try {
        await reportRun(collected);
      } catch (error) {
        reportingError = error;
        exitCode = 2;
        if (passThrough.watch) process.stderr.write(`api-contracts test: ${String(error)}\n`);
      }
    };
    const root = packageRoot();
    const watchFiles = new Map(
      current().apis.map(({ loaded }) => [
        loaded.api,
        apiWatchFiles(loaded.api, loaded.specFile, join(root, "generated", loaded.api)),
      ]),
    );
    await runCasesWithVitest({
      config: configOf(current()),
      operations: operationFiles(current(), { ...suiteOptions.derive, values: current().values }),
      passThrough,
      defaultReporters: [createProgressReporter(process.stderr)],
      concurrency: target === "mock" ? 8 : 4,
      testTimeoutMs: 10 * 60_000,
      onRunEnd,
      watchFiles,
      onApiChanged: async () => {
        // A changed spec needs its Prism restarted on the new document: set everything up again.
        const previous = prepared;
        prepared = await prepareSuite(suiteOptions);
        await previous?.close();
        return configOf(prepared);
      },
    });
  } finally {
    await prepared?.close();
    await recordings.recorded?.close();
    removeHandlers();
  }
  if (reportingError !== undefined && !passThrough.watch) throw reportingError;
  if (setupError !== undefined && !passThrough.watch) throw new ContractSetupError(setupError);
  return exitCode;
}
