import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { launchPrismChild } from "./prism-child-process.js";
import { type LaunchedPrism, launchPrismInProcess } from "./prism-in-process.js";
import { PrismStartError } from "./prism-start-error.js";

export { PrismNotInstalledError, PrismStartError } from "./prism-start-error.js";

/** How long a child-process Prism may take to become ready: 60 s. */
export const DEFAULT_MOCK_START_TIMEOUT_MS = 60_000;

/**
 * How Prism answers: `dynamic` generates bodies from the schemas (json-schema-faker, reproducible with a
 * seed); `static` returns the spec's examples, or values Prism derives from the schema when there are none.
 */
export type PrismMode = "dynamic" | "static";

/**
 * Where Prism runs. `in-process` (default): Prism's own server objects inside this process; its modules
 * load once (~1.5 s), each further instance only parses its spec, and nothing can outlive the process.
 * `child-process`: `prism mock` in its own process group, using another core, killed on close/exit/signal.
 */
export type PrismIsolation = "in-process" | "child-process";

/** Options of {@link startPrism}. */
export interface StartPrismOptions {
  /** The OpenAPI document to mock; `x-` extensions are ignored by Prism. */
  specFile: string;
  mode: PrismMode;
  /** Seed of dynamic generation (default `"1"`); the same seed gives the same bodies. */
  seed?: string | number;
  /** Prism's `--errors`: request and response violations become error responses instead of headers. */
  errors?: boolean;
  isolation?: PrismIsolation;
  /** Loopback by default. */
  host?: string;
  /** child-process: give up (and kill it) when Prism is not ready in time; default 60 s. */
  startTimeoutMs?: number;
  /** The package Prism is resolved from (default `@stoplight/prism-cli`; a seam for tests). */
  prismPackage?: string;
  /** The API mocked, named in errors. */
  api?: string;
}

/** A running Prism mock server. */
export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** Absolute path of the mocked spec. */
  readonly specFile: string;
  readonly mode: PrismMode;
  readonly isolation: PrismIsolation;
  /** Process id of a `child-process` Prism; undefined in-process. */
  readonly pid: number | undefined;
  /** Milliseconds from the call to readiness. */
  readonly startupMs: number;
  /** Stops the server (and its process); safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts a Prism 5 mock server for a spec on a free loopback port and resolves once it accepts requests.
 * Rejects with {@link PrismStartError} (naming the file and Prism's reason) when it cannot start.
 * @see https://docs.stoplight.io/docs/prism/
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  const started = performance.now();
  const specFile = resolve(options.specFile);
  try {
    await access(specFile);
  } catch {
    throw new PrismStartError(specFile, "the file does not exist or cannot be read", options.api);
  }
  const isolation = options.isolation ?? "in-process";
  const launch = {
    specFile,
    dynamic: options.mode === "dynamic",
    seed: String(options.seed ?? "1"),
    errors: options.errors ?? false,
    host: options.host ?? "127.0.0.1",
    ...(options.prismPackage === undefined ? {} : { prismPackage: options.prismPackage }),
    ...(options.api === undefined ? {} : { api: options.api }),
  };
  const launched: LaunchedPrism =
    isolation === "in-process"
      ? await launchPrismInProcess(launch)
      : await launchPrismChild(launch, options.startTimeoutMs ?? DEFAULT_MOCK_START_TIMEOUT_MS);
  let closing: Promise<void> | undefined;
  return {
    url: launched.url.replace(/\/$/, ""),
    specFile,
    mode: options.mode,
    isolation,
    pid: launched.pid,
    startupMs: Math.round(performance.now() - started),
    close: () => {
      closing ??= launched.close();
      return closing;
    },
  };
}
