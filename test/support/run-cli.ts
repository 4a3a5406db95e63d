/** Running the CLI (`main`) in-process with a chosen environment, capturing what it writes. */
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { run as runTestCommand, type TestCommandSeams } from "../../src/cli/test-command.js";
import { inDirectory } from "./working-directory.js";

/** Every variable the live target reads; cleared before each run so the machine's own never leak in. */
export const LIVE_ENV_NAMES = [
  "CONTRACT_TARGET",
  "GCORE_API_KEY",
  "GCORE_BASE_URL",
  "GCORE_IDS",
  "MPT_API_TOKEN",
  "MPT_API_BASE_URL",
  "MPT_INVOICE_IDS",
];

/** What one run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * `main(argv)` with only `env` set among the live variables (restored afterwards); with `seams`,
 * the test command is called directly (as main would) so a seam can be passed.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string> = {},
  seams?: TestCommandSeams,
): Promise<CliRun> {
  // Every variable touched is put back, so that tests sharing a worker cannot leak into each other.
  const touched = [...new Set([...LIVE_ENV_NAMES, ...Object.keys(env)])];
  const saved = Object.fromEntries(touched.map((name) => [name, process.env[name]]));
  for (const name of LIVE_ENV_NAMES) delete process.env[name];
  Object.assign(process.env, env);
  let out = "";
  let err = "";
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    let code: number;
    if (seams && argv[0] === "test") {
      try {
        code = await runTestCommand(argv.slice(1), seams);
      } catch (error) {
        const failure = error as Error & { exitCode?: number };
        if (failure.exitCode === undefined) throw error;
        err += `api-contracts test: ${failure.message}\n`;
        code = failure.exitCode;
      }
    } else {
      code = await main(argv);
    }
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    for (const name of touched) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

/**
 * {@link runCli} with `cwd` as the working directory for the call (put back afterwards), for
 * commands whose messages show paths relative to where the user runs them.
 */
export async function runCliIn(
  cwd: string,
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return inDirectory(cwd, () => runCli(argv, env));
}
