import { UsageError } from "../errors.js";
import { GCORE_INVOICES_PATH } from "../sandbox/gcore-routes.js";
import { isSandboxScenario, SANDBOX_SCENARIOS } from "../sandbox/sandbox-scenarios.js";
import { type Sandbox, startSandbox } from "../sandbox/sandbox-server.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts sandbox [--port N] [--host H] [--scenario NAME] [--seed N] [--rate-limit-every N]

Starts the in-memory vendor-API sandbox (Gcore billing + SoftwareOne Marketplace) and runs until Ctrl-C.
  --port N              port to listen on (default 4020; 0 picks a free one)
  --host H              address to bind (default 127.0.0.1)
  --scenario NAME       serve a drift scenario instead of faithful data:
${Object.entries(SANDBOX_SCENARIOS)
  .map(([name, what]) => `                          ${name.padEnd(22)} ${what}`)
  .join("\n")}
  --seed N              seed of the generated data (default 1)
  --rate-limit-every N  answer every Nth request per API with 429 and Retry-After: 1
`;

function integerFlag(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}; got '${text}'`);
  }
  return value;
}

function banner(sandbox: Sandbox): string {
  const ids = sandbox.softwareoneInvoices.map((invoice) => invoice.id).join(",");
  return [
    `api-contracts sandbox: listening on ${sandbox.url} (seed ${sandbox.seed}, scenario ${sandbox.scenario ?? "none: faithful"})`,
    "",
    "Use these settings for a live run against the sandbox. The credentials are the sandbox's own",
    "fixed fakes, not secrets; they are accepted nowhere else:",
    `  GCORE_BASE_URL=${sandbox.url}`,
    `  GCORE_API_KEY=${sandbox.credentials.gcoreApiKey}`,
    `  MPT_API_BASE_URL=${sandbox.url}`,
    `  MPT_API_TOKEN=${sandbox.credentials.mptToken}`,
    `  MPT_INVOICE_IDS=${ids}`,
    "",
    `Try: curl -H 'Authorization: apikey ${sandbox.credentials.gcoreApiKey}' '${sandbox.url}${GCORE_INVOICES_PATH}?limit=2'`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

/** Resolves with the first of SIGINT/SIGTERM, and stops listening for the other. */
function nextStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** `api-contracts sandbox`: runs the sandbox server in the foreground until SIGINT/SIGTERM. */
export function run(args: string[]): Promise<number> {
  return serveSandbox(args, nextStopSignal);
}

/**
 * The command itself, stopping when `until()` resolves (with a reason to print): tests pass their own
 * trigger instead of sending signals to the test runner.
 */
export async function serveSandbox(args: string[], until: () => Promise<string>): Promise<number> {
  const { values } = parseOptions("sandbox", {
    args,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      scenario: { type: "string" },
      seed: { type: "string" },
      "rate-limit-every": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const scenario = values.scenario;
  if (scenario !== undefined && !isSandboxScenario(scenario)) {
    throw new UsageError(
      `unknown scenario '${scenario}'; known: ${Object.keys(SANDBOX_SCENARIOS).join(", ")}`,
    );
  }
  const port = integerFlag("port", values.port, 0) ?? 4020;
  const everyNth = integerFlag("rate-limit-every", values["rate-limit-every"], 2);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port,
      host: values.host ?? "127.0.0.1",
      scenario,
      seed: integerFlag("seed", values.seed, 0) ?? 1,
      rateLimit: everyNth === undefined ? undefined : { everyNth },
      onRequest: (entry) =>
        process.stderr.write(`${entry.status} ${entry.method} ${entry.target}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw new UsageError(
        `cannot listen on port ${port} (${code}); pass --port 0 for a free port`,
      );
    }
    throw error;
  }
  process.stdout.write(banner(sandbox));
  const reason = await until();
  await sandbox.close();
  process.stderr.write(`api-contracts sandbox: stopped (${reason})\n`);
  return 0;
}
