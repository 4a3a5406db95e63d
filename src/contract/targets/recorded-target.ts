/**
 * `test --target recorded DIR`: the recordings as a mock vendor. One loopback server per recorded
 * API answers each request with the recorded response of the same operation and parameters (path
 * and query; credential parameters, redacted in the recording, are ignored), so a suite runs
 * offline against what the vendor really sent. When no exchange has the same query, the most
 * recent one of the same operation and path is served (marked `x-api-contracts-recorded:
 * nearest`); a request no recording covers gets a 404 naming it. The suite sees an ordinary live
 * target: the servers' URLs, a placeholder credential and the recorded ids go into the
 * environment the live target reads.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Entry } from "har-format";
import type { RecordedEntry } from "../../runtime/har/har-entry.js";
import { operationMatcher } from "../../runtime/har/match-operation.js";
import { type ApiRecording, readRecordings } from "../../runtime/har/recording-store.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import { REDACTED } from "../../runtime/redact.js";
import { ContractSetupError } from "../contract-errors.js";
import { type ApiCatalog, generatedCatalog } from "../load-api.js";
import { envNamesFor } from "./live-credentials.js";

/** What the recorded servers send as the credential: a placeholder, never checked. */
export const RECORDED_CREDENTIAL = "recorded-target-credential";

/** Ids handed to the live target, at most this many. */
const MAX_IDS = 20;

/** Response headers that described the wire, not the (decoded) body served back. */
const HOP_HEADERS = new Set([
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);

/** Running recorded servers. */
export interface RecordedTarget {
  /** The recorded APIs, in folder order. */
  readonly apis: readonly string[];
  /** Base URL per API. */
  readonly urls: ReadonlyMap<string, string>;
  /** Variables for the live target: placeholder credential, the server's URL, recorded ids. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Options of {@link startRecordedTarget}. */
export interface RecordedTargetOptions {
  /** Only these APIs (default: every API recorded in the folder). */
  readonly apis?: readonly string[];
  readonly catalog?: ApiCatalog;
  readonly maxBytes?: number;
}

/** Start one server per recorded API. Unreadable or tampered recordings throw RecordingReadError. */
export async function startRecordedTarget(
  dir: string,
  options: RecordedTargetOptions = {},
): Promise<RecordedTarget> {
  const catalog = options.catalog ?? generatedCatalog();
  const recordings = (
    await readRecordings(dir, { ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) })
  ).filter(
    (r) =>
      options.apis === undefined ||
      options.apis.length === 0 ||
      options.apis.includes(r.manifest.api),
  );
  for (const api of options.apis ?? []) {
    if (!recordings.some((r) => r.manifest.api === api)) {
      throw new ContractSetupError(
        `${dir} holds no recording of ${api}; record it with 'api-contracts test --target live --record ${dir} --api ${api}'`,
      );
    }
  }
  const servers: Server[] = [];
  const urls = new Map<string, string>();
  const env: Record<string, string> = {};
  const close = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      ),
    );
  };
  try {
    for (const recording of recordings) {
      const api = recording.manifest.api;
      const loaded = await catalog.load(api);
      const served = servedExchanges(recording, Object.values(loaded.index.operations));
      const server = createServer((request, response) => {
        const url = `http://recorded.invalid${request.url ?? "/"}`;
        const found = served.find(
          request.method ?? "GET",
          url,
          new Set(Object.keys(request.headers).map((name) => name.toLowerCase())),
        );
        // The request body is not needed to choose: drain it so the connection is reusable.
        request.resume();
        if (!found) {
          const body = JSON.stringify({
            detail: `api-contracts recorded target: no recorded exchange of ${api} matches ${request.method} ${request.url}; record it again with this case`,
          });
          response.writeHead(404, {
            "content-type": "application/json",
            "x-api-contracts-recorded": "none",
          });
          response.end(body);
          return;
        }
        const headers: Record<string, string[]> = {};
        for (const { name, value } of found.entry.response.headers) {
          if (HOP_HEADERS.has(name.toLowerCase())) continue;
          headers[name] = [...(headers[name] ?? []), value];
        }
        headers["x-api-contracts-recorded"] = [found.exact ? "exact" : "nearest"];
        response.writeHead(found.entry.response.status, headers);
        response.end(bodyBytes(found.entry));
      });
      // Never what keeps a process alive: the run closes the servers when it ends.
      server.unref();
      servers.push(server);
      await new Promise<void>((done, fail) => {
        server.once("error", fail);
        server.listen(0, "127.0.0.1", () => done());
      });
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      urls.set(api, url);
      const names = envNamesFor(api);
      env[names.credential] = RECORDED_CREDENTIAL;
      env[names.baseUrl] = url;
      if (served.ids.length > 0) env[names.ids] = served.ids.join(",");
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { apis: recordings.map((r) => r.manifest.api), urls, env, close };
}

/** A recorded exchange chosen for a request; `exact` when its query matched too. */
interface Found {
  readonly entry: Entry;
  readonly exact: boolean;
}

/** The exchanges of one API indexed by operation, path and query, and the ids seen in paths. */
function servedExchanges(recording: ApiRecording, operations: readonly OperationSpec[]) {
  const match = operationMatcher(operations);
  const exact = new Map<string, Entry[]>();
  const byPath = new Map<string, Entry[]>();
  const ids: string[] = [];
  const add = (map: Map<string, Entry[]>, key: string, entry: Entry) => {
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  };
  for (const har of recording.hars.values()) {
    for (const entry of har.log.entries as RecordedEntry[]) {
      const keys = requestKeys(
        match,
        entry.request.method,
        entry.request.url,
        new Set(entry.request.headers.map((h) => h.name.toLowerCase())),
      );
      if (!keys) continue;
      add(exact, keys.exact, entry);
      add(byPath, keys.path, entry);
      // Ids the vendor answered with success only: a made-up id of a 404 case is no known id.
      const succeeded = entry.response.status >= 200 && entry.response.status < 300;
      for (const value of succeeded ? keys.pathValues : []) {
        if (ids.length < MAX_IDS && !ids.includes(value) && /^[\x21-\x2b\x2d-\x7e]+$/.test(value))
          ids.push(value);
      }
    }
  }
  /** Prefer an exchange that was not an auth failure, then the most recent. */
  const pick = (entries: readonly Entry[] | undefined): Entry | undefined => {
    if (!entries || entries.length === 0) return undefined;
    const usable = entries.filter((e) => e.response.status !== 401 && e.response.status !== 403);
    return (usable.length > 0 ? usable : entries).at(-1);
  };
  return {
    ids,
    find(method: string, url: string, headerNames: ReadonlySet<string>): Found | undefined {
      const keys = requestKeys(match, method, url, headerNames);
      if (!keys) return undefined;
      const hit = pick(exact.get(keys.exact));
      if (hit) return { entry: hit, exact: true };
      const near = pick(byPath.get(keys.path));
      return near ? { entry: near, exact: false } : undefined;
    },
  };
}

/**
 * Keys of a request: operation, whether it carried a credential, and path parameters (`path`),
 * plus the sorted query without credential parameters (`exact`). A request without its
 * credential (the "401 without credentials" case) never gets an authenticated exchange.
 */
function requestKeys(
  match: ReturnType<typeof operationMatcher<OperationSpec>>,
  method: string,
  url: string,
  headerNames: ReadonlySet<string>,
): { exact: string; path: string; pathValues: string[] } | undefined {
  const found = match(method, url);
  if (!found) return undefined;
  const pathValues = Object.keys(found.pathParams)
    .sort()
    .map((k) => found.pathParams[k] ?? "");
  const authenticated = carriesCredential(found.operation, url, headerNames);
  const path = `${found.operation.key}\n${authenticated ? "auth" : "anonymous"}\n${pathValues.join("\n")}`;
  let query: [string, string][] = [];
  try {
    query = [...new URL(url).searchParams].filter(([, value]) => value !== REDACTED);
  } catch {
    query = [];
  }
  const credentialNames = new Set(
    found.operation.security.flatMap((req) =>
      req.filter((s) => s.in === "query").map((s) => s.name),
    ),
  );
  query = query.filter(([name]) => !credentialNames.has(name));
  query.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  return { exact: `${path}\n?${new URLSearchParams(query).toString()}`, path, pathValues };
}

/** True when the request holds any of the operation's credentials (header, query or cookie). */
function carriesCredential(
  operation: OperationSpec,
  url: string,
  headerNames: ReadonlySet<string>,
): boolean {
  let query: URLSearchParams | undefined;
  try {
    query = new URL(url).searchParams;
  } catch {
    query = undefined;
  }
  return operation.security.some((requirement) =>
    requirement.some((scheme) => {
      if (scheme.in === "header") return headerNames.has(scheme.name.toLowerCase());
      if (scheme.in === "cookie") return headerNames.has("cookie");
      return query?.has(scheme.name) ?? false;
    }),
  );
}

function bodyBytes(entry: Entry): Buffer {
  const { text, encoding } = entry.response.content;
  if (text === undefined) return Buffer.alloc(0);
  return encoding === "base64" ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
}
