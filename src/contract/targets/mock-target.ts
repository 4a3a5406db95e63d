/**
 * The mock target: one Prism per API, started in parallel on free loopback ports, in dynamic mode
 * with a fixed seed (reproducible bodies). Error cases ask Prism for their status with
 * `Prefer: code=...`. Everything started here is stopped by `close()`, also after a failed start.
 * @see https://docs.stoplight.io/docs/prism/
 */
import { type PrismIsolation, type PrismServer, startPrism } from "./prism-server.js";
import { resolvePrismPackage } from "./prism-start-error.js";
import type { TargetSession } from "./target-session.js";

/** The seed of Prism's dynamic generation (fixed: the same run gives the same bodies). */
export const MOCK_SEED = "20260515";

/** What Prism receives as the credential: a fixed fake, still redacted like a real one. */
export const MOCK_CREDENTIAL = "contract-mock-credential";

/** Ids handed out for path parameters no list supplies. */
const MOCK_IDS = ["contract-mock-id-1", "contract-mock-id-2", "contract-mock-id-3"];

/** One API to mock. */
export interface MockApi {
  readonly api: string;
  readonly specFile: string;
}

/** Running mocks: a session per API, and one way to stop them all. */
export interface MockTarget {
  readonly sessions: ReadonlyMap<string, TargetSession>;
  readonly prisms: ReadonlyMap<string, PrismServer>;
  close(): Promise<void>;
}

/** Options of {@link startMockTarget}. */
export interface MockTargetOptions {
  readonly seed?: string;
  /** Called with each Prism as soon as it is up (so a signal handler can stop it). */
  readonly onStarted?: (prism: PrismServer) => void;
  /** Where each Prism runs (default: in this process; see prism-server.ts). */
  readonly isolation?: PrismIsolation;
  /** Called as each Prism starts (the "starting mock for <api>…" line). */
  readonly onStarting?: (api: string) => void;
  /** child-process: how long each Prism may take to become ready (default 60 s). */
  readonly startTimeoutMs?: number | undefined;
  /** The package Prism is resolved from (a seam for tests). */
  readonly prismPackage?: string | undefined;
}

/** A session that sends to one Prism. */
export function mockSession(api: string, prismUrl: string): TargetSession {
  return {
    api,
    target: "mock",
    baseUrl: prismUrl,
    credential: MOCK_CREDENTIAL,
    secrets: [MOCK_CREDENTIAL],
    prism: true,
    transport: (request) => fetch(request),
    allowWrites: true,
    knownValues: () => ({ values: MOCK_IDS }),
    headersFor: (contractCase): Record<string, string> =>
      contractCase.expectStatus === undefined
        ? {}
        : { Prefer: `code=${contractCase.expectStatus}` },
  };
}

/**
 * Start one Prism per API, all at once. If any fails, the others are stopped and the first
 * error (a PrismStartError, exit 2) is thrown.
 */
export async function startMockTarget(
  apis: readonly MockApi[],
  options: MockTargetOptions = {},
): Promise<MockTarget> {
  const seed = options.seed ?? MOCK_SEED;
  // Prism missing is one setup error before anything starts, not one per API.
  resolvePrismPackage(import.meta.url, options.prismPackage);
  const settled = await Promise.allSettled(
    apis.map(async ({ api, specFile }) => {
      options.onStarting?.(api);
      const prism = await startPrism({
        specFile,
        mode: "dynamic",
        seed,
        isolation: options.isolation,
        api,
        ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
        ...(options.prismPackage === undefined ? {} : { prismPackage: options.prismPackage }),
      });
      options.onStarted?.(prism);
      return [api, prism] as const;
    }),
  );
  const prisms = new Map<string, PrismServer>();
  for (const outcome of settled) if (outcome.status === "fulfilled") prisms.set(...outcome.value);
  const close = async () => {
    await Promise.allSettled([...prisms.values()].map((prism) => prism.close()));
  };
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed) {
    await close();
    throw failed.reason;
  }
  const sessions = new Map(
    [...prisms].map(([api, prism]) => [api, mockSession(api, prism.url)] as const),
  );
  return { sessions, prisms, close };
}
