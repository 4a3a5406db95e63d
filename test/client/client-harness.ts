/** Shared set-up of the client tests: two local servers and client factories bound to them. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { paths as GcorePaths } from "../../generated/gcore-billing/types.js";
import type { paths as SoftwareonePaths } from "../../generated/softwareone-marketplace/types.js";
import {
  type ApiClientOptions,
  createApiClient,
} from "../../src/runtime/client/create-api-client.js";
import type { ValidatorModule } from "../../src/runtime/validate/types.js";
import { gcoreIndex, softwareoneIndex } from "../fixtures/client/api-indexes.js";
import { validators } from "../fixtures/client/validators.js";
import { type RecordingServer, startRecordingServer } from "./recording-server.js";

/** Test credentials: distinctive, with characters that need percent-encoding. */
export const GCORE_KEY = "gk_live_7Hq2$Xv9pLm4Rt8s";
export const SWO_TOKEN = "idt:SWO-eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu";
export const LIST = "/billing/org/v1/erp-invoices";

/** The base-URL server, a "foreign" origin, and how often validators were loaded. */
export interface Harness {
  readonly server: RecordingServer;
  readonly foreign: RecordingServer;
  readonly validatorLoads: number;
  readonly hooks: { readonly loadValidators: () => Promise<ValidatorModule> };
  gcore(options?: ApiClientOptions): ReturnType<typeof createApiClient<GcorePaths>>;
  softwareone(options?: ApiClientOptions): ReturnType<typeof createApiClient<SoftwareonePaths>>;
}

/** Start both servers for the calling test file (closed in afterAll, reset before each test). */
export function useHarness(): Harness {
  let server: RecordingServer | undefined;
  let foreign: RecordingServer | undefined;
  let loads = 0;
  beforeAll(async () => {
    server = await startRecordingServer();
    foreign = await startRecordingServer();
  });
  afterAll(async () => {
    await server?.close();
    await foreign?.close();
  });
  beforeEach(() => {
    server?.reset();
    foreign?.reset();
    loads = 0;
  });
  const started = (value: RecordingServer | undefined) => {
    if (!value) throw new Error("servers start in beforeAll");
    return value;
  };
  const hooks = {
    loadValidators: async (): Promise<ValidatorModule> => {
      loads++;
      return { validators };
    },
  };
  return {
    get server() {
      return started(server);
    },
    get foreign() {
      return started(foreign);
    },
    get validatorLoads() {
      return loads;
    },
    hooks,
    gcore: (options = {}) =>
      createApiClient<GcorePaths>(
        gcoreIndex,
        {
          baseUrl: started(server).origin,
          retry: { baseDelayMs: 1 },
          ...options,
          credential: GCORE_KEY,
        },
        hooks,
      ),
    softwareone: (options = {}) =>
      createApiClient<SoftwareonePaths>(
        softwareoneIndex,
        {
          baseUrl: started(server).origin,
          retry: { baseDelayMs: 1 },
          ...options,
          credential: SWO_TOKEN,
        },
        hooks,
      ),
  };
}
