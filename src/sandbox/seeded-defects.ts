/**
 * A test-only "lab" API the sandbox serves when asked (`seededDefects` in SandboxOptions), with
 * defects a test switches on one by one, so that generated requests can be shown to find what
 * example-based cases miss. Never served by default; with every defect off it is faithful to its
 * own small document (test/contract/generation/fixtures/defect-lab.yaml):
 * - GET /lab/v1/items?limit&name&status&kind: `limit` 1..100 (else 400), `status` and `kind` from
 *   their enums (else 400), `name` a substring filter of at most 1000 characters (else 400);
 * - GET /lab/v1/items/{id}: the item, or 404;
 * - POST /lab/v1/notes `{ text }` (1..200 characters) → 201 `{ id, text }` and a `Location`;
 *   GET and DELETE /lab/v1/notes/{id} (404 once deleted): a resource for stateful sequences.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { replyBytes, replyJson, type SandboxRequest } from "./http-reply.js";

/** Defects the lab API can be given; each is off unless set. */
export interface SeededDefects {
  /** A negative `limit` is accepted with 200 instead of refused with 400. */
  readonly negativeLimitAccepted?: boolean;
  /** A `name` longer than 200 characters answers 500. */
  readonly longNameServerError?: boolean;
  /** `status=archived&kind=part` returns an item whose status is outside the documented enum. */
  readonly rareEnumValue?: boolean;
  /** DELETE /lab/v1/notes/{id} answers 204 but the note can still be retrieved. */
  readonly deleteKeepsNote?: boolean;
}

/** Where the lab API lives. */
export const LAB_ITEMS_PATH = "/lab/v1/items";

const ROUTE = /^\/lab\/v1\/items(?:\/([^/]+))?$/;
const NOTE_ROUTE = /^\/lab\/v1\/notes(?:\/([^/]+))?$/;
/** Largest note body read, in bytes. */
const MAX_NOTE_BYTES = 64 * 1024;
const STATUSES = ["active", "archived"] as const;
const KINDS = ["tool", "part"] as const;

interface LabItem {
  id: number;
  name: string;
  status: string;
  kind: string;
}

const ITEMS: readonly LabItem[] = [
  { id: 1, name: "hammer", status: "active", kind: "tool" },
  { id: 2, name: "bolt", status: "archived", kind: "part" },
  { id: 3, name: "wrench", status: "archived", kind: "tool" },
  { id: 4, name: "nut", status: "active", kind: "part" },
];

const bad = (response: ServerResponse, detail: string): void =>
  replyJson(response, 400, { detail });

/** The lab routes with `defects` seeded: true when the request was the lab's. */
export function createSeededDefectRoutes(
  defects: SeededDefects,
): (call: SandboxRequest) => boolean {
  const notes = new Map<string, { id: string; text: string }>();
  let nextNote = 1;
  return ({ request, response, url }) => {
    const note = NOTE_ROUTE.exec(url.pathname);
    if (note) {
      noteRoute(request, response, note[1], {
        notes,
        defects,
        next: () => `n${nextNote++}`,
      });
      return true;
    }
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    if (request.method !== "GET" && request.method !== "HEAD") {
      replyJson(response, 405, { detail: "method not allowed" }, { Allow: "GET, HEAD" });
      return true;
    }
    const [, id] = match;
    if (id !== undefined) {
      const item = /^\d+$/.test(id) ? ITEMS.find((i) => String(i.id) === id) : undefined;
      if (!/^\d+$/.test(id) || Number(id) < 1) bad(response, "id must be a positive integer");
      else if (item === undefined) replyJson(response, 404, { detail: "not found" });
      else replyJson(response, 200, item);
      return true;
    }
    listItems(defects, url.searchParams, response);
    return true;
  };
}

/** The page size asked for, or what is wrong with it. */
function pageLimit(text: string | null, defects: SeededDefects): number | string {
  if (text === null) return 10;
  if (!/^-?\d+$/.test(text)) return "limit must be an integer";
  const limit = Number(text);
  if (defects.negativeLimitAccepted === true && limit < 0) return 10;
  return limit < 1 || limit > 100 ? "limit must be between 1 and 100" : limit;
}

function listItems(
  defects: SeededDefects,
  params: URLSearchParams,
  response: ServerResponse,
): void {
  const limit = pageLimit(params.get("limit"), defects);
  if (typeof limit === "string") {
    bad(response, limit);
    return;
  }
  const status = params.get("status");
  if (status !== null && !(STATUSES as readonly string[]).includes(status)) {
    bad(response, `status must be one of ${STATUSES.join(", ")}`);
    return;
  }
  const kind = params.get("kind");
  if (kind !== null && !(KINDS as readonly string[]).includes(kind)) {
    bad(response, `kind must be one of ${KINDS.join(", ")}`);
    return;
  }
  const name = params.get("name");
  if (name !== null && [...name].length > 1000) {
    bad(response, "name must be at most 1000 characters");
    return;
  }
  if (name !== null && name.length > 200 && defects.longNameServerError === true) {
    replyBytes(response, 500, Buffer.from("Internal Server Error"), "text/plain");
    return;
  }
  let results = ITEMS.filter(
    (item) =>
      (status === null || item.status === status) &&
      (kind === null || item.kind === kind) &&
      (name === null || item.name.includes(name)),
  );
  // The defective build leaks an internal state for this one combination, whatever the name filter.
  if (defects.rareEnumValue === true && status === "archived" && kind === "part")
    results = [{ id: 99, name: "legacy", status: "retired", kind: "part" }, ...results];
  replyJson(response, 200, { count: results.length, results: results.slice(0, limit) });
}

interface NoteStore {
  readonly notes: Map<string, { id: string; text: string }>;
  readonly defects: SeededDefects;
  readonly next: () => string;
}

/** The notes resource: create, retrieve, delete (see the module comment). */
function noteRoute(
  request: IncomingMessage,
  response: ServerResponse,
  id: string | undefined,
  store: NoteStore,
): void {
  if (id === undefined) {
    if (request.method !== "POST") {
      replyJson(response, 405, { detail: "method not allowed" }, { Allow: "POST" });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_NOTE_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        bad(response, "the body must be JSON");
        return;
      }
      const text = (body as { text?: unknown } | null)?.text;
      if (typeof text !== "string" || text.length < 1 || text.length > 200) {
        bad(response, "text must be a string of 1 to 200 characters");
        return;
      }
      const created = { id: store.next(), text };
      store.notes.set(created.id, created);
      replyJson(response, 201, created, { Location: `/lab/v1/notes/${created.id}` });
    });
    return;
  }
  const found = store.notes.get(id);
  if (request.method === "GET") {
    if (found) replyJson(response, 200, found);
    else replyJson(response, 404, { detail: "not found" });
  } else if (request.method === "DELETE") {
    if (!found) replyJson(response, 404, { detail: "not found" });
    else {
      if (store.defects.deleteKeepsNote !== true) store.notes.delete(id);
      replyBytes(response, 204, new Uint8Array(), "application/json");
    }
  } else replyJson(response, 405, { detail: "method not allowed" }, { Allow: "GET, DELETE" });
}
