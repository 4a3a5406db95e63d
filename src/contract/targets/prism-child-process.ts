import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { PRISM_ENGLISH_FAKER } from "./prism-english-faker.js";
import type { LaunchedPrism, PrismLaunch } from "./prism-in-process.js";
import { PrismStartError, resolvePrismPackage } from "./prism-start-error.js";

const READY = /Prism is listening on (http:\/\/\S+)/;
const FATAL = /fatal\s+(.+)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes Prism may print.
const ANSI = /\u001b\[[0-9;]*m/g;
/** How long a stopped Prism gets to exit on SIGTERM before its group gets SIGKILL. */
const KILL_GRACE_MS = 3_000;

/** Children started here and not yet exited: killed on process exit and on SIGINT/SIGTERM. */
const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The child leads its own process group (spawned detached), so -pid reaches it and any fork of it.
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

const killAllNow = (): void => {
  for (const child of live) killGroup(child, "SIGKILL");
};

function onSignal(signal: NodeJS.Signals): void {
  killAllNow();
  // If nobody else handles the signal, restore Node's default (exit) by re-raising it without us.
  if (process.listenerCount(signal) === 1) {
    uninstallHooks();
    process.kill(process.pid, signal);
  }
}

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", killAllNow);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
function uninstallHooks(): void {
  hooksInstalled = false;
  process.off("exit", killAllNow);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

/** Path of `prism`'s command-line entry point. @throws PrismNotInstalledError */
export function prismBin(prismPackage?: string): string {
  return join(dirname(resolvePrismPackage(import.meta.url, prismPackage)), "dist", "index.js");
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), KILL_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    killGroup(child, "SIGTERM");
  });
}

/**
 * Runs `prism mock` as a child process in its own process group, on port 0 (Prism reports the port it
 * got in its readiness line, so no port can be taken in between). The group is killed on close(), on
 * process exit and on SIGINT/SIGTERM; a SIGKILL of this process is the one case it cannot cover.
 */
export function launchPrismChild(launch: PrismLaunch, timeoutMs: number): Promise<LaunchedPrism> {
  const args = [
    // Prism's faker without its 57 other locales: ready in about 0.63 of the time (see there).
    "--import",
    PRISM_ENGLISH_FAKER,
    prismBin(launch.prismPackage),
    "mock",
    launch.specFile,
    "--host",
    launch.host,
    "--port",
    "0",
  ];
  args.push("--no-multiprocess", "--no-cors", "--verboseLevel", "info");
  if (launch.dynamic) args.push("--dynamic", "--seed", launch.seed);
  if (launch.errors) args.push("--errors");
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  live.add(child);
  installHooks();
  child.once("exit", () => {
    live.delete(child);
    if (live.size === 0) uninstallHooks();
  });

  return new Promise<LaunchedPrism>((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString("utf8").replace(ANSI, "");
      const ready = READY.exec(output)?.[1];
      if (ready !== undefined)
        settle(() => resolve({ url: ready, pid: child.pid, close: () => stop(child) }));
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const fatal = FATAL.exec(output)?.[1]?.trim();
      const reason = fatal ?? `prism exited (${signal ?? `code ${code}`}) before it was ready`;
      settle(() => reject(new PrismStartError(launch.specFile, reason, launch.api)));
    };
    const fail = (reason: string): void =>
      settle(
        () =>
          void stop(child).then(() =>
            reject(new PrismStartError(launch.specFile, reason, launch.api)),
          ),
      );
    const timer = setTimeout(
      () =>
        fail(
          `not ready after ${timeoutMs / 1000} s; a large document takes longer: raise --mock-start-timeout (seconds)`,
        ),
      timeoutMs,
    );
    let settled = false;
    function settle(finish: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      // Keep draining Prism's request log without keeping it, and let a forgotten Prism not hold
      // this process open: the exit hook still kills it.
      for (const stream of [child.stdout, child.stderr] as (Readable & { unref?: () => void })[]) {
        stream?.off("data", collect).resume();
        stream?.unref?.();
      }
      child.unref();
      finish();
    }
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", onEarlyExit);
    child.once("error", (error) => fail(error.message));
  });
}
