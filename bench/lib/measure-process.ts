/** Running a command as a child process and measuring its wall time, peak RSS and CPU time. */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPORTER = new URL("./report-usage.mjs", import.meta.url);

/** What one run of a child process took. */
export interface ProcessUsage {
  readonly wallMs: number;
  /** Peak resident set size of the whole process (every thread), in bytes. */
  readonly maxRssBytes: number;
  /** User plus system CPU time of the whole process, in milliseconds. */
  readonly cpuMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A child process that exited with a non-zero code or a signal. */
export class ChildProcessError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(
      `${command.join(" ")} exited with ${code ?? "a signal"}: ${stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
  }
}

/**
 * Run `node [nodeArgs] script [args]` with the usage reporter preloaded (see report-usage.mjs) and
 * measure it. Wall time spans spawn to exit, so it includes Node's own start-up, as a user sees it.
 */
export async function measureNode(
  script: string,
  args: readonly string[],
  options: { cwd?: string; nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessUsage> {
  const dir = await mkdtemp(join(tmpdir(), "bench-usage-"));
  const usageFile = join(dir, "usage.json");
  const command = [
    process.execPath,
    "--import",
    REPORTER.href,
    ...(options.nodeArgs ?? []),
    script,
    ...args,
  ];
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(command[0] as string, command.slice(1), {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, BENCH_USAGE_FILE: usageFile },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        err += chunk;
      });
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    const wallMs = performance.now() - start;
    if (code !== 0) throw new ChildProcessError(command, code, stderr);
    const usage = JSON.parse(await readFile(usageFile, "utf8")) as NodeJS.ResourceUsage;
    return {
      wallMs,
      // resourceUsage().maxRSS is in kilobytes.
      maxRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      stdout,
      stderr,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
