import { createRequire } from "node:module";
import { PrismStartError, resolvePrismPackage } from "./prism-start-error.js";

/** What a Prism mock needs to know, resolved by `startPrism`. */
export interface PrismLaunch {
  /** Absolute path of the spec. */
  specFile: string;
  dynamic: boolean;
  seed: string;
  errors: boolean;
  host: string;
  /** The package Prism is resolved from (default `@stoplight/prism-cli`). */
  prismPackage?: string;
  /** The API mocked, for error messages. */
  api?: string;
}

/** A started Prism, before `startPrism` wraps it. */
export interface LaunchedPrism {
  url: string;
  pid: number | undefined;
  close(): Promise<void>;
}

// The few members of Prism's packages used here. They are prism-cli's own dependencies, not ours,
// so they are declared rather than imported as types.
interface PrismHttpModule {
  getHttpOperationsFromSpec(spec: string): Promise<unknown[]>;
}
interface PrismCoreModule {
  createLogger(name: string, options: { level: string }): unknown;
}
interface PrismHttpServerModule {
  createServer(
    operations: unknown[],
    options: { cors: boolean; config: Record<string, unknown>; components: { logger: unknown } },
  ): { listen(port: number, host: string): Promise<string>; close(): Promise<void> };
}
interface PrismModules {
  http: PrismHttpModule;
  core: PrismCoreModule;
  server: PrismHttpServerModule;
}

let modules: PrismModules | undefined;

/**
 * Prism's packages, loaded once (about 1.5 s; later starts only parse their spec). They are resolved
 * from `@stoplight/prism-cli`'s directory, the package that depends on them, so that hoisting in
 * node_modules does not matter.
 */
function loadPrism(prismPackage: string | undefined): PrismModules {
  if (modules === undefined) {
    const cliRequire = createRequire(resolvePrismPackage(import.meta.url, prismPackage));
    modules = {
      http: cliRequire("@stoplight/prism-http") as PrismHttpModule,
      core: cliRequire("@stoplight/prism-core") as PrismCoreModule,
      server: cliRequire("@stoplight/prism-http-server") as PrismHttpServerModule,
    };
  }
  return modules;
}

/**
 * Runs Prism's HTTP mock server inside this process, configured exactly as `prism mock` configures
 * it (prism-cli's createServer.ts), with its log silenced. Nothing can outlive the process.
 */
export async function launchPrismInProcess(launch: PrismLaunch): Promise<LaunchedPrism> {
  const prism = loadPrism(launch.prismPackage);
  let operations: unknown[];
  try {
    operations = await prism.http.getHttpOperationsFromSpec(launch.specFile);
  } catch (error) {
    throw new PrismStartError(launch.specFile, firstLine((error as Error).message), launch.api);
  }
  if (operations.length === 0) {
    throw new PrismStartError(launch.specFile, "no operations found in the document", launch.api);
  }
  const server = prism.server.createServer(operations, {
    cors: false,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: launch.errors,
      upstreamProxy: undefined,
      mock: { dynamic: launch.dynamic, ignoreExamples: false, seed: launch.seed },
      isProxy: false,
    },
    components: { logger: prism.core.createLogger("PRISM", { level: "silent" }) },
  });
  let url: string;
  try {
    url = await server.listen(0, launch.host);
  } catch (error) {
    // prism-http-server rejects with the error's message (a string), not an Error.
    throw new PrismStartError(
      launch.specFile,
      `cannot listen on ${launch.host}: ${String(error)}`,
      launch.api,
    );
  }
  return { url, pid: undefined, close: () => server.close() };
}

/** Prism's parser errors repeat themselves over several lines; the first one says it all. */
function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}
