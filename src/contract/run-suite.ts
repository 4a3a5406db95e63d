/**
 * The contract suite: every selected API against one target. Mock: one Prism per API started in
 * parallel, cases and example checks run concurrently, Prisms stopped whatever happens. Live:
 * credentials from the environment; an API without them is a setup error naming the variable
 * (or, with `skipMissingCredentials`, skipped with a reason), and a run in which no API can go
 * live is always a setup error: nothing passes with nothing tested. One API's setup error stops
 * the others.
 */

import type { OpenApiDocument } from "../document/load-document.js";
import { redactSecrets } from "../runtime/redact.js";
import type { DeriveOptions } from "./cases/derive-cases.js";
import type { ApiValues, CompileSchemas } from "./cases/request-values.js";
import { ContractSetupError } from "./contract-errors.js";
import { checkPrismStaticExamples } from "./examples/prism-static-examples.js";
import { type ApiCatalog, generatedCatalog, type LoadedApi, selectApis } from "./load-api.js";
import { createCaseExecutor } from "./run/case-executor.js";
import { type ApiResult, probeApi, runApi } from "./run/run-api.js";
import type { PageProgress } from "./run/run-case.js";
import { assertLiveVariables, envNamesFor, readLiveSetup } from "./targets/live-credentials.js";
import { liveSession } from "./targets/live-target.js";
import { MOCK_CREDENTIAL } from "./targets/mock-target.js";
import type { PrismIsolation, PrismServer } from "./targets/prism-server.js";
import { planValues, startMock, valueNotes } from "./targets/start-mock-apis.js";
import type { SpecDefect, TargetName } from "./types.js";
import type { ProvidedApi } from "./vitest/run-config.js";

/** Examples of `document` that break their own schemas, each with its JSON Pointer. */
export type ExamplesCheck = (
  document: OpenApiDocument,
) => readonly { readonly pointer: string; readonly message: string }[];

/** Example defects as the reports show them. */
function exampleDefects(
  check: ExamplesCheck,
  api: string,
  document: OpenApiDocument,
): SpecDefect[] {
  return check(document).map((defect) => ({ api, source: "example", ...defect }));
}

/** Options of {@link runContractSuite}. */
export interface SuiteOptions {
  readonly target: TargetName;
  /**
   * Mock: checks the spec's own examples against their schemas. Compiling schemas is codegen's
   * job, a layer below this one cannot reach, so the caller (the CLI) hands it in.
   */
  readonly checkExamples: ExamplesCheck;
  /** API ids; all generated APIs when empty or absent. */
  readonly apis?: readonly string[];
  /** Spec defects (examples breaking their schemas) fail the run instead of warning. */
  readonly strictExamples?: boolean;
  /** Live: allow methods other than GET and HEAD. */
  readonly allowWrites?: boolean;
  /** Live: requests per second per API (default 5). */
  readonly rate?: number;
  /** Live: where credentials come from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Requests in flight per API (default 8 mock, 4 live). */
  readonly concurrency?: number;
  readonly derive?: DeriveOptions;
  /** Per-attempt request timeout, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read, after decompression (default 50 MiB). */
  readonly maxResponseBytes?: number;
  /** Live: skip (and report) APIs whose credential is not set, instead of a setup error. */
  readonly skipMissingCredentials?: boolean;
  /** Mock: how long each Prism may take to start (default 60 s). */
  readonly mockStartTimeoutMs?: number;
  /** Mock: called as each Prism starts ("starting mock for <api>…"). */
  readonly onPrismStarting?: (api: string) => void;
  /** Mock: the package Prism is resolved from (a seam for tests; default `@stoplight/prism-cli`). */
  readonly prismPackage?: string;
  /** Mock: where each Prism runs (default its own process; a seam for tests). */
  readonly prismIsolation?: PrismIsolation;
  /** Live: each page of a pagination walk (the progress line). */
  readonly onPage?: PageProgress;
  /** Mock: each Prism as soon as it is up (so a signal handler can stop it). */
  readonly onPrismStarted?: (prism: PrismServer) => void;
  /** Mock: Prism's seed. */
  readonly seed?: string;
  /**
   * Compiles request-side schemas (parameters, bodies) with the validators' dialect, so that every
   * generated value is confirmed before it is sent; codegen's job, handed in by the CLI. Without
   * it, the hand-picked samples are sent and operations that require a body are skipped.
   */
  readonly compileSchemas?: CompileSchemas;
  /** Where APIs come from (default: `generated/` and `specs/`). */
  readonly catalog?: ApiCatalog;
}

/** The outcome of a whole run. */
export interface SuiteResult {
  readonly target: TargetName;
  readonly strictExamples: boolean;
  readonly apis: readonly ApiResult[];
  readonly durationMs: number;
  /** Every credential used, for the reports' final redaction pass. Never serialised. */
  readonly secrets: readonly string[];
}

export function skippedApi(loaded: LoadedApi, target: TargetName, reason: string): ApiResult {
  return {
    api: loaded.api,
    target,
    title: loaded.index.title,
    version: loaded.index.version,
    skipped: reason,
    operations: Object.keys(loaded.index.operations).length,
    cases: [],
    specDefects: [],
    coverage: [],
    notes: [],
    durationMs: 0,
  };
}

/**
 * Every API's live variables, read (a malformed one fails, exit 2) before any request is sent;
 * credentials join `secrets`. No API able to run, or one missing its credential without
 * `--skip-missing-credentials`, is a setup error naming the variable.
 */
function readLiveSetups(
  loaded: readonly LoadedApi[],
  env: Readonly<Record<string, string | undefined>>,
  secrets: string[],
  options: SuiteOptions,
): ReturnType<typeof readLiveSetup>[] {
  const setups = loaded.map((api) => readLiveSetup(api.api, api.index.servers[0], env));
  for (const setup of setups) if ("credential" in setup) secrets.push(setup.credential);
  const missing = setups.filter((setup) => "skipped" in setup);
  if (missing.length === setups.length) {
    throw new ContractSetupError(
      `no API can run live: ${missing.map((m) => ("skipped" in m ? m.skipped : "")).join("; ")}; set the credential (see 'api-contracts test --help'), or use --target mock`,
      envNamesFor(loaded[0]?.api ?? "").credential,
    );
  }
  if (missing.length > 0 && !options.skipMissingCredentials) {
    const first = missing[0] as { api: string; skipped: string };
    throw new ContractSetupError(
      `${missing.map((m) => `${m.api}: ${"skipped" in m ? m.skipped : ""}`).join("; ")}; set it, narrow the run with --api, or pass --skip-missing-credentials`,
      envNamesFor(first.api).credential,
    );
  }
  return setups;
}

async function runMock(
  loading: Promise<LoadedApi[]>,
  specFiles: readonly { api: string; specFile: string }[],
  options: SuiteOptions,
): Promise<ApiResult[]> {
  const { loaded, mock, values, notes } = await startMock(loading, specFiles, options);
  try {
    return await Promise.all(
      loaded.map(async (api) => {
        const session = mock.sessions.get(api.api);
        const prism = mock.prisms.get(api.api);
        if (!session || !prism) throw new Error(`unreachable: no Prism for ${api.api}`);
        const [result, staticDefects] = await Promise.all([
          runApi({
            ...api,
            session,
            concurrency: options.concurrency,
            // Seeded Prism answers every request of one schema with the same body: one id is enough.
            derive: {
              retrieveCount: 1,
              ...options.derive,
              values: { ...values, ...options.derive?.values },
            },
            timeoutMs: options.timeoutMs,
            maxResponseBytes: options.maxResponseBytes,
          }),
          checkPrismStaticExamples({
            index: api.index,
            validators: api.validators,
            prismUrl: prism.url,
            credential: MOCK_CREDENTIAL,
            values: values[api.api],
          }),
        ]);
        const documentDefects = exampleDefects(options.checkExamples, api.api, api.document);
        return {
          ...result,
          specDefects: [...documentDefects, ...staticDefects],
          notes: [...result.notes, ...(notes.get(api.api) ?? [])],
        };
      }),
    );
  } finally {
    await mock.close();
  }
}

async function runLive(
  loaded: readonly LoadedApi[],
  options: SuiteOptions,
  secrets: string[],
): Promise<ApiResult[]> {
  const env = options.env ?? process.env;
  const setups = readLiveSetups(loaded, env, secrets, options);
  const values = planValues(loaded, options);
  const stopAll = new AbortController();
  return Promise.all(
    loaded.map(async (api, i) => {
      const setup = setups[i];
      if (!setup) throw new Error("unreachable");
      if ("skipped" in setup) return skippedApi(api, "live", setup.skipped);
      const session = liveSession(setup, { rate: options.rate, allowWrites: options.allowWrites });
      try {
        return await runApi({
          ...api,
          session,
          concurrency: options.concurrency ?? 4,
          derive: { ...options.derive, values },
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          onPage: options.onPage,
          live: {
            credentialVariable: setup.names.credential,
            baseUrlVariable: setup.names.baseUrl,
          },
          signal: stopAll.signal,
        });
      } catch (error) {
        // One API's setup error ends the run: the others stop sending at once.
        stopAll.abort(error);
        throw error;
      }
    }),
  );
}

/**
 * Run the contract suite. Throws set-up errors (exit 2): an unknown API, a malformed credential
 * variable, Prism failing to start, validators not generated.
 */
export async function runContractSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const catalog = options.catalog ?? generatedCatalog();
  const ids = selectApis(options.apis ?? [], catalog.ids);
  if (options.target === "live") assertLiveVariables(ids, options.env ?? process.env);
  const specFiles = await Promise.all(
    ids.map(async (api) => ({ api, specFile: await catalog.specFile(api) })),
  );
  const loading = Promise.all(ids.map((api) => catalog.load(api)));
  // A rejection is handled by whichever target awaits it; this keeps Node from reporting it early.
  loading.catch(() => {});
  const secrets: string[] = [MOCK_CREDENTIAL];
  const apis =
    options.target === "mock"
      ? await runMock(loading, specFiles, options)
      : await runLive(await loading, options, secrets);
  return {
    target: options.target,
    strictExamples: options.strictExamples ?? false,
    apis,
    durationMs: Math.round(performance.now() - started),
    secrets,
  };
}

/** A run set up and ready for its cases: targets up, credentials checked, live APIs probed. */
export interface PreparedSuite {
  readonly target: TargetName;
  /** The APIs whose cases run, loaded, with where the worker sends them. */
  readonly apis: readonly { readonly loaded: LoadedApi; readonly provided: ProvidedApi }[];
  /** APIs left out (live, no credential, --skip-missing-credentials), as skipped results. */
  readonly skipped: readonly ApiResult[];
  /** Spec defects found while setting up (mock: examples checked, directly and through Prism). */
  readonly specDefects: ReadonlyMap<string, readonly SpecDefect[]>;
  /** What each API's cases send (request-values.ts), by API: the run's `derive.values`. */
  readonly values: Readonly<Record<string, ApiValues>>;
  /** Per API: what api-contracts could not generate (its own defects, not the vendor's). */
  readonly notes: ReadonlyMap<string, readonly string[]>;
  readonly secrets: readonly string[];
  /** Stops every Prism started (idempotent). */
  close(): Promise<void>;
}

/**
 * Everything of a run that comes before its cases, so that a setup error (exit 2) is one line
 * before any case runs: APIs selected, live variables read and each live API probed with one
 * request (credential rejected, base URL unreachable), or Prism started per API and the spec's
 * examples checked. The cases themselves are sent by the vitest test entry.
 */
export async function prepareSuite(options: SuiteOptions): Promise<PreparedSuite> {
  const catalog = options.catalog ?? generatedCatalog();
  const ids = selectApis(options.apis ?? [], catalog.ids);
  const env = options.env ?? process.env;
  if (options.target === "live") assertLiveVariables(ids, env);
  const secrets: string[] = [MOCK_CREDENTIAL];
  if (options.target === "mock") {
    const specFiles = await Promise.all(
      ids.map(async (api) => ({ api, specFile: await catalog.specFile(api) })),
    );
    const loading = Promise.all(ids.map((api) => catalog.load(api)));
    loading.catch(() => {});
    const { loaded, mock, values, notes } = await startMock(loading, specFiles, options);
    try {
      const defects = await Promise.all(
        loaded.map(async (api) => {
          const prism = mock.prisms.get(api.api);
          if (!prism) throw new Error(`unreachable: no Prism for ${api.api}`);
          const staticDefects = await checkPrismStaticExamples({
            index: api.index,
            validators: api.validators,
            prismUrl: prism.url,
            credential: MOCK_CREDENTIAL,
            values: values[api.api],
          });
          return [
            api.api,
            [...exampleDefects(options.checkExamples, api.api, api.document), ...staticDefects],
          ] as const;
        }),
      );
      return {
        target: "mock",
        apis: loaded.map((api) => ({
          loaded: api,
          provided: {
            api: api.api,
            target: "mock",
            prismUrl: mock.prisms.get(api.api)?.url ?? "",
          },
        })),
        skipped: [],
        specDefects: new Map(defects),
        values,
        notes,
        secrets,
        close: () => mock.close(),
      };
    } catch (error) {
      await mock.close();
      throw error;
    }
  }
  const loaded = await Promise.all(ids.map((api) => catalog.load(api)));
  const setups = readLiveSetups(loaded, env, secrets, options);
  const values = planValues(loaded, options);
  const stopAll = new AbortController();
  const apis: { loaded: LoadedApi; provided: ProvidedApi }[] = [];
  const skipped: ApiResult[] = [];
  await Promise.all(
    loaded.map(async (api, i) => {
      const setup = setups[i];
      if (!setup) throw new Error("unreachable");
      if ("skipped" in setup) {
        skipped.push(skippedApi(api, "live", setup.skipped));
        return;
      }
      const session = liveSession(setup, { rate: options.rate, allowWrites: options.allowWrites });
      const live = {
        credentialVariable: setup.names.credential,
        baseUrlVariable: setup.names.baseUrl,
      };
      const executor = createCaseExecutor({
        ...api,
        session,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        derive: { ...options.derive, values },
        live,
        signal: stopAll.signal,
      });
      try {
        await probeApi(executor, live, (text) => redactSecrets(text, session.secrets));
      } catch (error) {
        stopAll.abort(error);
        throw error;
      }
      apis.push({ loaded: api, provided: { api: api.api, target: "live", setup } });
    }),
  );
  const order = (id: string) => ids.indexOf(id);
  apis.sort((a, b) => order(a.loaded.api) - order(b.loaded.api));
  skipped.sort((a, b) => order(a.api) - order(b.api));
  return {
    target: "live",
    apis,
    skipped,
    specDefects: new Map(),
    values,
    notes: new Map(loaded.map((api) => [api.api, valueNotes(values[api.api])])),
    secrets,
    close: async () => {},
  };
}
