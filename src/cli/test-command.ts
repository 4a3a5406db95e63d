import { relative, resolve } from "node:path";
import { createProgressLine } from "../contract/reporting/progress-line.js";
import { formatSummary } from "../contract/reporting/summary.js";
import { suiteExitCode } from "../contract/reporting/tally.js";
import { writeReports } from "../contract/reporting/write-reports.js";
import { FAIL_FAST_AFTER } from "../contract/run/run-api.js";
import { runContractSuite } from "../contract/run-suite.js";
import type { PrismServer } from "../contract/targets/prism-server.js";
import { DEFAULT_MOCK_START_TIMEOUT_MS } from "../contract/targets/prism-server.js";
import { DEFAULT_RATE } from "../contract/targets/request-pacer.js";
import type { TargetName } from "../contract/types.js";
import { UsageError } from "../errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../runtime/client/client-errors.js";
import { DEFAULT_TIMEOUT_MS } from "../runtime/client/create-api-client.js";
import { redactSecrets } from "../runtime/redact.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts test [--target mock|live] [--api ID]... [--strict-examples] [--allow-writes]
                          [--rate N] [--timeout SECONDS] [--max-response-bytes N]
                          [--mock-start-timeout SECONDS] [--skip-missing-credentials] [--reports DIR]

Runs the contract suite: cases derived from each spec, every response checked (status, content type,
schema; on live targets also filters, ordering, pagination, money, dates, retrieve-by-id).

  --target mock|live  mock (default, or CONTRACT_TARGET): one Prism per API on loopback;
                      live: the real endpoints, credentials from the environment:
                        GCORE_API_KEY [GCORE_BASE_URL]
                        MPT_API_TOKEN [MPT_API_BASE_URL] [MPT_INVOICE_IDS=id1,id2]
                      an API without its credential is a set-up error (narrow with --api)
  --api ID            only this API (repeatable)
  --strict-examples   spec examples that break their own schema fail the run (default: warning)
  --allow-writes      live: also call operations other than GET and HEAD
  --rate N            live: at most N requests per second per API (default ${DEFAULT_RATE})
  --timeout SECONDS   per request, until the whole body has arrived (default ${DEFAULT_TIMEOUT_MS / 1000})
  --max-response-bytes N
                      largest response body read, counted after decompression
                      (default ${DEFAULT_MAX_RESPONSE_BYTES}, 50 MiB)
  --mock-start-timeout SECONDS
                      mock: how long each Prism may take to start (default ${DEFAULT_MOCK_START_TIMEOUT_MS / 1000})
  --skip-missing-credentials
                      live: skip (and report) APIs whose credential is not set; at least one must run
  --reports DIR       where the JSON and JUnit reports go (default: reports)

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
    const exit = () => process.exit(signal === "SIGINT" ? 130 : 143);
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
}

/** `api-contracts test`: runs the contract suite, prints the summary, writes the reports. */
export async function run(args: string[], seams: TestCommandSeams = {}): Promise<number> {
  const { values } = parseOptions("test", {
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
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const target = targetOf(values.target);
  const rate = rateOf(values.rate);
  const timeoutMs = secondsOf("--timeout", values.timeout);
  const mockStartTimeoutMs = secondsOf("--mock-start-timeout", values["mock-start-timeout"]);
  const maxResponseBytes = bytesOf(values["max-response-bytes"]);
  const prisms = new Set<PrismServer>();
  const removeHandlers = stopOnSignal(prisms);
  const progress = createProgressLine(process.stderr);
  let suite: Awaited<ReturnType<typeof runContractSuite>>;
  try {
    suite = await runContractSuite({
      target,
      apis: values.api ?? [],
      strictExamples: values["strict-examples"] ?? false,
      allowWrites: values["allow-writes"] ?? false,
      rate,
      timeoutMs,
      maxResponseBytes,
      mockStartTimeoutMs,
      skipMissingCredentials: values["skip-missing-credentials"] ?? false,
      ...(seams.prismPackage === undefined ? {} : { prismPackage: seams.prismPackage }),
      onPage: target === "live" ? progress.onPage : undefined,
      onPrismStarting: (api) =>
        process.stderr.write(`api-contracts test: starting mock for ${api}…\n`),
      onPrismStarted: (prism) => {
        prisms.add(prism);
        const spec = relative(process.cwd(), prism.specFile);
        process.stderr.write(`api-contracts test: Prism on ${prism.url} mocks ${spec}\n`);
      },
    });
  } finally {
    progress.done();
    removeHandlers();
  }
  process.stdout.write(redactSecrets(formatSummary(suite), suite.secrets));
  const written = await writeReports(suite, resolve(values.reports ?? "reports"));
  process.stdout.write(`reports: ${written.json}\n         ${written.junit}\n`);
  return suiteExitCode(suite);
}
