/**
 * Shape of `generated/<api>/operations.ts`: everything the runtime needs to know about an API's
 * operations, extracted from the spec at codegen time so that nothing parses a spec at run time.
 */

/** HTTP methods OpenAPI path items may hold. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** A JSON Schema fragment as it appears in the spec (after `$ref` resolution for parameters). */
export type SchemaLike = Record<string, unknown>;

/** One parameter with its serialisation rules resolved to OpenAPI defaults. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: "query" | "path" | "header" | "cookie";
  readonly required: boolean;
  /** `form` for query/cookie, `simple` for path/header unless the spec says otherwise. */
  readonly style: string;
  /** `true` for `form`, `false` otherwise, unless the spec says otherwise. */
  readonly explode: boolean;
  readonly allowReserved: boolean;
  readonly schema: SchemaLike;
}

/** One documented media type of a response. */
export interface ResponseContentSpec {
  /** Media type as documented (`application/json`, `application/pdf`, `*\/*`). */
  readonly type: string;
  /** Export name of the precompiled body validator in `validators`, or null (binary, no schema). */
  readonly validator: string | null;
}

/** One documented response status (`200`, `2XX`, `default`). */
export interface ResponseSpec {
  readonly status: string;
  readonly content: readonly ResponseContentSpec[];
}

/** A security scheme applied to an operation, flattened for the client. */
export interface SecuritySpec {
  readonly scheme: string;
  readonly type: "apiKey" | "http" | "oauth2" | "openIdConnect" | "mutualTLS";
  /** Where the credential goes. */
  readonly in: "header" | "query" | "cookie";
  /** Header, query or cookie name (`Authorization` for http schemes). */
  readonly name: string;
  /** Text put before the credential: `Bearer ` for http bearer, `x-api-contracts-prefix` for apiKey. */
  readonly prefix: string;
}

/** One operation. `key` is its operationId, or `"METHOD /path"` when it has none. */
export interface OperationSpec {
  readonly key: string;
  readonly operationId: string | null;
  readonly method: HttpMethod;
  readonly path: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody: {
    readonly required: boolean;
    readonly contentTypes: readonly string[];
  } | null;
  readonly responses: Readonly<Record<string, ResponseSpec>>;
  /** Alternatives (OR) of requirements (AND), as in the spec's `security`. Empty: no auth. */
  readonly security: readonly (readonly SecuritySpec[])[];
  /** How the operation pages, when it is a list operation (codegen's describe-pagination.ts). */
  readonly pagination?: PaginationSpec;
}

/**
 * How a list operation pages, described once at codegen and read by the client's `paginate`
 * and the contract suite's list cases and `pagination_coherent` check.
 * @see https://www.django-rest-framework.org/api-guide/pagination/#limitoffsetpagination
 */
export interface PaginationSpec {
  /** `limit-offset` (Django REST framework's LimitOffsetPagination): the one style recognised. */
  readonly style: "limit-offset";
  /** The success status whose JSON body is a page. */
  readonly status: string;
  /** Query parameter holding the page size. */
  readonly limit: string;
  /** Query parameter holding the index of the page's first item. */
  readonly offset: string;
  /** Page key of the items array. */
  readonly results: string;
  /** Page key of the total number of items. */
  readonly count: string;
  /** Page key of the next page's URL; null when the page documents none. */
  readonly next: string | null;
  /** Page key of the previous page's URL; null when the page documents none. */
  readonly previous: string | null;
}

/** A spec problem found at codegen time that did not stop generation. */
export interface SpecWarning {
  readonly pointer: string;
  readonly message: string;
}

/** The whole index of one API. */
export interface ApiIndex {
  readonly api: string;
  readonly title: string;
  readonly version: string;
  readonly openapi: string;
  readonly servers: readonly string[];
  readonly operations: Readonly<Record<string, OperationSpec>>;
  readonly warnings: readonly SpecWarning[];
}

/** What response validation reads of one operation (generated `validation.ts`). */
export type ResponseOperationSpec = Pick<
  OperationSpec,
  "key" | "operationId" | "method" | "path" | "responses"
>;

/**
 * The operation index narrowed to response validation: `responseIndex` in
 * `generated/<api>/validation.ts`, the small module the library imports instead of
 * `operations.ts`. Every {@link ApiIndex} is one. A large
 * API's is split into chunks (lazy-response-index.ts): `operations` then holds the loaded chunks'
 * operations, and the three functions are present.
 */
export interface ResponseIndex {
  readonly api: string;
  readonly operations: Readonly<Record<string, ResponseOperationSpec>>;
  /** Import what `operation` (a key, `"METHOD /path"` or unknown: every chunk) needs. */
  readonly load?: (operation: string) => Promise<void>;
  /** Import every chunk. */
  readonly loadAll?: () => Promise<void>;
  /** True once {@link load} of `operation` has resolved. */
  readonly isLoaded?: (operation: string) => boolean;
}
