import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { SourceEntry } from "../document/source-manifest.js";
import { ApiContractsError } from "../errors.js";

/**
 * Upstream could not be read: unreachable, a non-2xx answer, too slow or too large. Exit 2, naming
 * the URL, so that a network failure is never mistaken for drift (exit 1).
 */
export class UpstreamUnavailableError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "UpstreamUnavailableError";
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** Bounds on one download. */
export interface FetchLimits {
  /** Whole request, headers and body, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * `same-origin`: follow a redirect only on the URL's own origin (at most 5), refuse one to
   * another origin naming it (`add --from URL`). Default `follow`.
   */
  readonly redirects?: "follow" | "same-origin";
}

/** Redirects followed in a row under `redirects: "same-origin"`. */
const MAX_REDIRECTS = 5;

/** 30 s and 20 MiB: the Gcore document is ~100 KB, the SoftwareOne page ~25 KB. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024 };

/**
 * Where to read a source: its recorded `url`, or `--from`, a folder or base URL that serves the
 * upstream documents under the same file names as `specs/<api>/upstream/`.
 */
export function sourceLocation(source: SourceEntry, from?: string): string {
  if (from === undefined) return source.url;
  if (/^https?:\/\//i.test(from))
    return new URL(source.file, from.endsWith("/") ? from : `${from}/`).href;
  return join(from, source.file);
}

/** Read one upstream document (http(s) URL or local path) within `limits`. */
export async function fetchUpstream(
  location: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<Uint8Array> {
  return /^https?:\/\//i.test(location) ? download(location, limits) : readLocal(location, limits);
}

async function readLocal(file: string, limits: FetchLimits): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > limits.maxBytes) throw tooLarge(file, limits);
    return await readFile(file);
  } catch (error) {
    if (error instanceof UpstreamUnavailableError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UpstreamUnavailableError(`${file}: cannot read upstream copy (${code})`, file);
  }
}

function tooLarge(url: string, limits: FetchLimits): UpstreamUnavailableError {
  return new UpstreamUnavailableError(
    `${url}: larger than the ${limits.maxBytes}-byte cap on upstream documents; not drift, but not read either`,
    url,
  );
}

async function download(url: string, limits: FetchLimits): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let response: Response;
  try {
    response =
      limits.redirects === "same-origin"
        ? await fetchSameOrigin(url, signal)
        : await fetch(url, { signal, redirect: "follow" });
  } catch (error) {
    if (error instanceof UpstreamUnavailableError) throw error;
    throw unreachable(url, error, limits);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamUnavailableError(
      `${url}: upstream answered ${response.status} ${response.statusText}; not drift: check the URL in source.json or try again later`,
      url,
    );
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, limits);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      total += read.value.byteLength;
      if (total > limits.maxBytes) {
        await reader?.cancel();
        throw tooLarge(url, limits);
      }
      chunks.push(read.value);
    }
  } catch (error) {
    if (error instanceof UpstreamUnavailableError) throw error;
    throw unreachable(url, error, limits);
  }
  return Buffer.concat(chunks);
}

/** `fetch` following redirects on `url`'s origin only; another origin is refused, unread. */
async function fetchSameOrigin(url: string, signal: AbortSignal): Promise<Response> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      throw new UpstreamUnavailableError(
        `${url}: redirected to ${next.origin}${next.pathname}; not followed (another origin): if that is the document's home, pass that URL`,
        url,
      );
    }
    if (hop >= MAX_REDIRECTS) {
      throw new UpstreamUnavailableError(`${url}: more than ${MAX_REDIRECTS} redirects`, url);
    }
    current = next;
  }
}

function unreachable(url: string, error: unknown, limits: FetchLimits): UpstreamUnavailableError {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new UpstreamUnavailableError(
      `${url}: no complete answer within ${limits.timeoutMs} ms; not drift: try again later`,
      url,
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new UpstreamUnavailableError(
    `${url}: upstream unreachable (${reason}); not drift: try again later`,
    url,
  );
}
