/**
 * Real headless Chromium for report tests: Debian's `chromium`, installed with apt-get when
 * missing (apt-get update first). `unavailable` says why when it cannot be had, so the test can
 * skip with that reason printed instead of passing without a browser.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where Debian's package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a headless run that reaches no network and keeps no state. */
export const HEADLESS_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Install chromium if needed; undefined when ready, else why it cannot be. */
export async function ensureChromium(): Promise<string | undefined> {
  if (existsSync(CHROMIUM)) return undefined;
  try {
    await run("apt-get", ["update"], { timeout: 300_000 });
    await run("apt-get", ["install", "-y", "chromium"], {
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch (error) {
    return `chromium is not installed and 'apt-get install -y chromium' failed: ${(error as Error).message.split("\n")[0]}`;
  }
  return existsSync(CHROMIUM) ? undefined : `apt-get installed chromium but ${CHROMIUM} is missing`;
}

/** Run chromium headless with `args` and a fresh profile; returns its stdout. */
export async function headless(args: readonly string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  try {
    const { stdout } = await run(
      CHROMIUM,
      [...HEADLESS_FLAGS, `--user-data-dir=${profile}`, ...args],
      { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
