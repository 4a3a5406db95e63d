import { request } from "node:http";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sandbox-server.js";

/** Headers that authenticate against the sandbox's Gcore routes. */
export const GCORE_AUTH = { Authorization: `apikey ${SANDBOX_CREDENTIALS.gcoreApiKey}` };
/** Headers that authenticate against the sandbox's SoftwareOne routes. */
export const MPT_AUTH = { Authorization: `Bearer ${SANDBOX_CREDENTIALS.mptToken}` };

/** A response as the tests look at it: JSON bodies parsed, anything else as bytes. */
export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests index into arbitrary JSON bodies.
  json: any;
  bytes: Buffer;
}

/** GET (or another method) `base + path` with fetch. */
export async function call(
  base: string,
  path: string,
  headers: Record<string, string> = GCORE_AUTH,
  method = "GET",
): Promise<TestResponse> {
  const response = await fetch(`${base}${path}`, { headers, method });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = /json/.test(response.headers.get("content-type") ?? "");
  return {
    status: response.status,
    headers: response.headers,
    json: isJson && bytes.length > 0 ? JSON.parse(bytes.toString("utf8")) : undefined,
    bytes,
  };
}

/** GET with a chosen Host header (fetch does not let a caller set Host). */
export function callWithHost(base: string, path: string, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { ...GCORE_AUTH, Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Every item of a Gcore list, following absolute `next` links from `firstPath`. */
export async function walkPages(
  base: string,
  firstPath: string,
): Promise<{ pages: TestResponse[]; items: { id: number }[] }> {
  const pages: TestResponse[] = [];
  let page = await call(base, firstPath);
  pages.push(page);
  while (typeof page.json?.next === "string") {
    page = await call(page.json.next, "");
    pages.push(page);
  }
  return { pages, items: pages.flatMap((p) => p.json.results) };
}
