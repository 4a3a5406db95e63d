/**
 * The live target: the vendor's endpoints (or the sandbox, through the base-URL variables), with
 * the credential from the environment, requests paced per API, GET/HEAD only unless writes are
 * allowed. The client's own retries (429/503 with Retry-After) apply.
 */
import type { Transport } from "../../runtime/client/request-pipeline.js";
import type { LiveSetup } from "./live-credentials.js";
import { recordingTransport } from "./record-live.js";
import { DEFAULT_RATE, pacedTransport } from "./request-pacer.js";
import type { TargetSession } from "./target-session.js";

/** Options of {@link liveSession}. */
export interface LiveSessionOptions {
  /** Requests per second for this API (default 5; Infinity: unpaced). */
  readonly rate?: number;
  readonly allowWrites?: boolean;
  /** Sends requests (default: the global fetch, which keeps connections alive). */
  readonly fetch?: Transport;
}

/** A session for one API whose live settings are complete. */
export function liveSession(
  setup: Exclude<LiveSetup, { skipped: string }>,
  options: LiveSessionOptions = {},
): TargetSession {
  // `test --record DIR`: the setup carries the recording; each exchange sent is stored redacted.
  const transport = recordingTransport(
    setup,
    options.fetch ?? ((request: Request) => fetch(request)),
  );
  return {
    api: setup.api,
    target: "live",
    baseUrl: setup.baseUrl,
    credential: setup.credential,
    secrets: [setup.credential],
    prism: false,
    transport: pacedTransport(transport, options.rate ?? DEFAULT_RATE),
    allowWrites: options.allowWrites ?? false,
    knownValues: () =>
      setup.ids === undefined
        ? { reason: `${setup.names.ids} is not set (comma-separated ids to retrieve)` }
        : { values: setup.ids },
    headersFor: () => ({}),
  };
}
