/**
 * The shapes the contract suite passes between its layers: cases (what to send), runs (what was
 * sent and what came back), failures (what a check found).
 */

/** Where the suite sends its requests: Prism mocks, or the real (or sandbox) endpoints. */
export type TargetName = "mock" | "live";

/** Why a case exists; also the coverage table's and the report's grouping. */
export type CaseKind =
  | "required-only"
  | "optional-param"
  | "ordering"
  | "pagination"
  | "select"
  | "retrieve-by-id"
  | "error-status"
  /** A request generated from the operation's schemas (`--max-examples`), valid or a labelled mutant. */
  | "generated";

/** Parameter values by location, as openapi-fetch's `params` takes them (unserialised). */
export interface ParamValues {
  readonly query?: Readonly<Record<string, unknown>>;
  readonly path?: Readonly<Record<string, unknown>>;
  readonly header?: Readonly<Record<string, unknown>>;
}

/** A parameter whose value is taken at run time from the items of an earlier list response. */
export interface ValueFill {
  readonly in: "path" | "query";
  readonly name: string;
  /**
   * Key of the list operation whose first response supplies the value; absent: the target's known
   * values for this parameter (e.g. `MPT_INVOICE_IDS`).
   */
  readonly fromOperation?: string;
  /** JSON Pointer into a list item to the value (`/id`); unused for known values. */
  readonly field: string;
  /** Which item (0-based) among those with a usable value. */
  readonly item: number;
}

/** One request (or one walk of pages) derived from the spec. */
export interface ContractCase {
  /** Unique within an API: operation key and what varies, e.g. `v1_erp_invoices_list payment_state=paid`. */
  readonly id: string;
  readonly operation: string;
  readonly kind: CaseKind;
  readonly params: ParamValues;
  /**
   * Values to fill at run time. `params` already holds a schema sample for each: a query fill that
   * finds nothing keeps it; a path fill that finds nothing keeps it against a mock and skips the
   * case against a live target (a made-up id proves nothing there).
   */
  readonly fills: readonly ValueFill[];
  /** The status the case provokes (error cases); undefined means "a documented success". */
  readonly expectStatus?: number;
  /** False for the "401 without credentials" case. */
  readonly credentials: boolean;
  /** Pagination walks: how many pages at most, `pageSize` items each. */
  readonly walk?: { readonly pages: number; readonly pageSize: number };
  /** The request body sent (generated from the request schema and confirmed by its validator). */
  readonly body?: RequestBody;
  /** Why the case cannot be sent at all (a required body api-contracts could not generate). */
  readonly unsendable?: string;
}

/** A request body and the media type it is sent as. */
export interface RequestBody {
  readonly mediaType: string;
  readonly value: unknown;
}

/** A response body as the suite saw it. */
export type ObservedBody =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "text"; readonly text: string; readonly parseError?: string }
  | { readonly kind: "binary"; readonly bytes: number };

/** One request and its final response (after the client's retries), secrets redacted. */
export interface Exchange {
  readonly method: string;
  /** Request URL, redacted. */
  readonly url: string;
  /** Request headers, redacted. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly status: number;
  readonly contentType: string | undefined;
  /** Response headers, redacted. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly body: ObservedBody;
  readonly durationMs: number;
  /** The body's first bytes as text, redacted, for reports (set when results leave the runner). */
  readonly excerpt?: string;
}

/** Where a filled value came from: the list item it was read from. */
export interface FillOrigin {
  readonly operation: string;
  readonly item: unknown;
  readonly pointer: string;
}

/** The outcome of sending one case. */
export interface CaseRun {
  readonly case: ContractCase;
  /** Parameters as sent (after fills). */
  readonly params: ParamValues;
  /** One exchange per request: one, or one per page of a walk. */
  readonly exchanges: readonly Exchange[];
  /** The list item a path value was taken from (retrieve-by-id). */
  readonly origin?: FillOrigin;
  /** Set when nothing could be sent (no value to fill, write without --allow-writes). */
  readonly skipped?: string;
  /** Set when sending failed (network error, timeout), redacted. */
  readonly error?: string;
}

/** What a check found wrong (or, with `severity: "warning"`, doubtful) in one case's responses. */
export interface Failure {
  readonly check: string;
  readonly operation: string;
  /** Case id. */
  readonly case: string;
  /** JSON Pointer into the response body ("" for the response as a whole). */
  readonly pointer: string;
  readonly message: string;
  /** Which exchange of the case (page of a walk), 0 for single requests. */
  readonly exchange?: number;
  readonly severity?: "error" | "warning";
}

/** A defect in the spec itself (an example violating its own schema), found by the mock target. */
export interface SpecDefect {
  readonly api: string;
  /** Where: `example` (an example in the document) or `prism-static` (a Prism static response). */
  readonly source: "example" | "prism-static";
  /** JSON Pointer into the document, or into the static body. */
  readonly pointer: string;
  readonly message: string;
}
