/**
 * What an API's semantic checks need to know, declared once per API as data in the `semantics`
 * part of `specs/<api>/contract.json` (api-config.ts): which query parameter filters which field, how ordering
 * keys compare, where the pagination keys are, which amounts must add up and which dates must be
 * in order. The checks themselves are generic (src/contract/checks/); this binds them to fields.
 *
 * Field paths are JSON Pointers into one record (a list item, or a single-item body), where a `*`
 * token stands for every index of an array: `/lines/*\/price/amount`.
 */

/** How a filter parameter constrains a record's field. */
export type FilterMatch = "equal" | "at-least" | "at-most";

/** A query parameter that filters the list by one field. */
export interface FilterBinding {
  readonly param: string;
  /** Field path in each record. */
  readonly field: string;
  /** `equal` (`currency=EUR`), `at-least` (`invoice_date__from`), `at-most` (`invoice_date__to`). */
  readonly match: FilterMatch;
}

/** How the values of an ordering key compare. */
export type OrderKind = "number" | "decimal" | "date" | "date-time" | "string";

/** An array-of-enum ordering parameter (`ordering=-invoice_date,id`; `-` means descending). */
export interface OrderingBinding {
  readonly param: string;
  /** Ordering key (without `-`) → field path and comparison. */
  readonly keys: Readonly<Record<string, { readonly field: string; readonly compare: OrderKind }>>;
}

/**
 * What the `pagination_coherent` check needs beyond the operation's pagination description, which
 * codegen computes from the document (parameter names and page keys, in generated/<api>/operations.ts).
 */
export interface PaginationBinding {
  /** Field path identifying an item (to spot one listed twice). */
  readonly itemKey: string;
  /** Page key of a list page's items, where semantic checks find records; default `results`. */
  readonly results?: string;
}

/** Amounts that must add up: the sum of `parts` equals `total`, exactly or within `tolerance`. */
export interface MoneyRule {
  readonly name: string;
  /** Field paths; each may hold `*` (every line's amount). */
  readonly parts: readonly string[];
  readonly total: string;
  /** Allowed absolute difference as a decimal string (`"0.01"`); exact when absent. */
  readonly tolerance?: string;
}

/** Two dates (or date-times) where `from` must not come after `to`; null on either side is skipped. */
export interface DateOrderRule {
  readonly from: string;
  readonly to: string;
}

/** The semantic bindings of one API. Every part is optional; a missing part turns its check off. */
export interface ApiSemantics {
  readonly api: string;
  readonly filters?: readonly FilterBinding[];
  readonly ordering?: OrderingBinding;
  readonly pagination?: PaginationBinding;
  readonly money?: readonly MoneyRule[];
  readonly dates?: readonly DateOrderRule[];
  /** Compare each retrieve-by-id body with the list item its id came from. */
  readonly retrieveMatchesList?: boolean;
}

/** Identity function that type-checks a semantics declaration written in TypeScript (tests). */
export function defineSemantics(semantics: ApiSemantics): ApiSemantics {
  return semantics;
}
