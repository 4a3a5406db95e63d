import { relative, resolve } from "node:path";
import { createProgressLine } from "../contract/reporting/progress-line.js";
import { formatSummary } from "../contract/reporting/summary.js";
import { suiteExitCode } from "../contract/reporting/tally.js";
import { writeReports } from "../contract/reporting/write-reports.js";
import { runContractSuite } from "../contract/run-suite.js";
import type { PrismServer } from "../contract/targets/prism-server.js";
import { DEFAULT_RATE } from "../contract/targets/request-pacer.js";
import type { TargetName } from "../contract/types.js";
import { UsageError } from "../errors.js";
import { redactSecrets } from "../runtime/redact.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts test [--target mock|live] [--api ID]... [--strict-examples] [--allow-writes]
                          [--rate N] [--reports DIR]

Runs the contract suite: cases derived from each spec, every response checked (status, content type,
schema; on live targets also filters, ordering, pagination, money, dates, retrieve-by-id).

  --target mock|live  mock (default, or CONTRACT_TARGET): one Prism per API on loopback;
                      live: the real endpoints, credentials from the environment:
                        GCORE_API_KEY [GCORE_BASE_URL]
                        MPT_API_TOKEN [MPT_API_BASE_URL] [MPT_INVOICE_IDS=id1,id2]
                      an API without its credential is skipped
  --api ID            only this API (repeatable)
  --strict-examples   spec examples that break their own schema fail the run (default: warning)
  --allow-writes      live: also call operations other than GET and HEAD
  --rate N            live: at most N requests per second per API (default ${DEFAULT_RATE})
  --reports DIR       where the JSON and JUnit reports go (default: reports)

Exit codes: 0 all checks passed; 1 contract violations; 2 set-up errors (Prism failed to start,
a malformed credential variable, an unknown API).
`;

function targetOf(flag: string | undefined): TargetName {
  const value = flag ?? process.env.CONTRACT_TARGET ?? "mock";
  if (value !== "mock" && value !== "live") {
    const source = flag === undefined ? "CONTRACT_TARGET" : "--target";
    throw new UsageError(`${source} must be 'mock' or 'live'; got '${value}'`);
  }
  return value;
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

/** `api-contracts test`: runs the contract suite, prints the summary, writes the reports. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseOptions("test", {
    args,
    options: {
      target: { type: "string" },
      api: { type: "string", multiple: true },
      "strict-examples": { type: "boolean" },
      "allow-writes": { type: "boolean" },
      rate: { type: "string" },
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
      onPage: target === "live" ? progress.onPage : undefined,
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
