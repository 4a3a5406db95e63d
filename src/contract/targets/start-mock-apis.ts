/**
 * The mock side of a suite's set-up: load every API, write the copy of its document Prism mocks
 * (mock-document.ts: each JSON response with a valid example), start one Prism per copy, and plan
 * the values the cases send (request-values.ts) while Prism parses. The copies are removed when the
 * mock closes, or at once when anything fails.
 */
import { access } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { type ApiValues, type CompileSchemas, planRequestValues } from "../cases/request-values.js";
import type { LoadedApi } from "../load-api.js";
import { mockDocument, type WrittenMockDocument, writeMockDocument } from "./mock-document.js";
import { type MockTarget, startMockTarget } from "./mock-target.js";
import type { PrismIsolation, PrismServer } from "./prism-server.js";
import { PrismStartError } from "./prism-start-error.js";

/** What starting the mock needs of the suite's options. */
export interface MockStartOptions {
  readonly compileSchemas?: CompileSchemas;
  readonly seed?: string;
  readonly onPrismStarted?: (prism: PrismServer) => void;
  readonly onPrismStarting?: (api: string) => void;
  readonly mockStartTimeoutMs?: number;
  readonly prismPackage?: string;
  /**
   * Where each Prism runs: its own process by default (it parses its document on another core
   * while the values are planned); in-process for callers that start many mocks in one process.
   */
  readonly prismIsolation?: PrismIsolation;
}

/** The values each API's cases send, planned when the caller handed in a schema compiler. */
export function planValues(
  loaded: readonly LoadedApi[],
  options: Pick<MockStartOptions, "compileSchemas">,
): Record<string, ApiValues> {
  const compile = options.compileSchemas;
  if (!compile) return {};
  return Object.fromEntries(
    loaded.map((api) => [api.api, planRequestValues(api.document, api.index, compile)]),
  );
}

/** api-contracts' own shortcomings in planning values, for an API's notes. */
export function valueNotes(values: ApiValues | undefined): string[] {
  return Object.values(values ?? {}).flatMap((operation) => operation.notes);
}

/** How long planning waits for the Prism children to spawn (correct either way; only faster). */
const SPAWN_PAUSE_MS = 25;

/** Prism up for every loaded API, on the mock copy of its document (mock-document.ts). */
export interface MockSetup {
  readonly loaded: LoadedApi[];
  readonly mock: MockTarget;
  readonly values: Record<string, ApiValues>;
  /** Per API: what the mock copy or the value plan could not do. */
  readonly notes: ReadonlyMap<string, readonly string[]>;
}

/**
 * Load every API, write the copy of its document Prism mocks (each JSON response with a valid
 * example) and start one Prism per copy. The copies are removed when the mock closes, or at once
 * when anything fails.
 */
export async function startMock(
  loading: Promise<LoadedApi[]>,
  specFiles: readonly { api: string; specFile: string }[],
  options: MockStartOptions,
): Promise<MockSetup> {
  for (const { api, specFile } of specFiles) {
    try {
      await access(specFile);
    } catch {
      throw new PrismStartError(specFile, "the file does not exist or cannot be read", api);
    }
  }
  const loaded = await loading;
  const written: WrittenMockDocument[] = [];
  const removeCopies = () => Promise.allSettled(written.map((copy) => copy.remove()));
  const notes = new Map<string, readonly string[]>();
  try {
    for (const api of loaded) {
      const copy = mockDocument(api.document, api.index, api.validators);
      written.push(await writeMockDocument(api.api, copy.document));
      notes.set(api.api, copy.notes);
    }
    const starting = startMockTarget(
      loaded.map((api, i) => ({
        api: api.api,
        specFile: (written[i] as WrittenMockDocument).file,
      })),
      {
        seed: options.seed,
        onStarted: options.onPrismStarted,
        onStarting: options.onPrismStarting,
        startTimeoutMs: options.mockStartTimeoutMs,
        prismPackage: options.prismPackage,
        isolation: options.prismIsolation ?? "child-process",
      },
    );
    // Awaited below; this keeps a failed start from counting as unhandled while values are planned.
    starting.catch(() => {});
    let values: Record<string, ApiValues>;
    try {
      // Planning compiles and draws (CPU, synchronous) while Prism, in its own process, parses its
      // document; a short pause first lets the children spawn (each start awaits a file check).
      await delay(SPAWN_PAUSE_MS);
      values = planValues(loaded, options);
    } catch (error) {
      await starting.then((mock) => mock.close()).catch(() => {});
      throw error;
    }
    for (const api of loaded) {
      notes.set(api.api, [...(notes.get(api.api) ?? []), ...valueNotes(values[api.api])]);
    }
    const mock = await starting;
    const close = async () => {
      await mock.close();
      await removeCopies();
    };
    return { loaded, values, notes, mock: { ...mock, close } };
  } catch (error) {
    await removeCopies();
    throw error;
  }
}
