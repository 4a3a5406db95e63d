/**
 * The mock target: one Prism per API, started in parallel on free loopback ports, in static mode:
 * it serves the examples of the document it is given, which run-suite.ts makes a copy of the
 * vendored one where every JSON response holds an example its validator accepts
 * (mock-document.ts), so no body is left to Prism's placeholders. Error cases ask Prism for their
 * status with `Prefer: code=...`. Everything started here is stopped by `close()`, also after a
 * failed start.
 * @see https://docs.stoplight.io/docs/prism/
 */
import { type PrismIsolation, type PrismServer, startPrism } from "./prism-server.js";
import { resolvePrismPackage } from "./prism-start-error.js";
import type { TargetSession } from "./target-session.js";

/** The seed handed to Prism (static mode serves examples; the seed matters only for the rest). */
export const MOCK_SEED = "20260515";

/**
 * What Prism receives as the credential: a fixed fake, still redacted like a real one. It is the
 * base64 of `contract-mock:credential`, so that it is also a well-formed HTTP Basic credential
 * (Prism checks a Basic token decodes to `user:password`); any other scheme takes it as it is.
 */
export const MOCK_CREDENTIAL = Buffer.from("contract-mock:credential").toString("base64");

/**
 * Why the mock knows no ids: a path parameter no list supplies keeps its planned value, which its
 * schema's validator accepted (a made-up string would break an integer, uuid or pattern id).
 */
const NO_KNOWN_IDS = "the mock knows no ids; the value planned from the parameter's schema is sent";

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
    knownValues: () => ({ reason: NO_KNOWN_IDS }),
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
        mode: "static",
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
