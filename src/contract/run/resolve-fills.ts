/**
 * Run-time values of a case's fills: ids and filter values read from the list's first response,
 * or the target's known ids (`MPT_INVOICE_IDS`), so that retrieve-by-id asks for items that exist.
 */
import { valueAt } from "../checks/field-paths.js";
import type { KnownValues } from "../targets/target-session.js";
import type { ContractCase, FillOrigin, ParamValues, TargetName } from "../types.js";

/** The items of one list operation's first successful page, with their pointers. */
export interface ListItems {
  readonly operation: string;
  readonly items: readonly { readonly pointer: string; readonly value: unknown }[];
}

/** Where fills look for values. */
export interface FillSources {
  readonly target: TargetName;
  /** First page of each list operation, by operation key. */
  readonly lists: ReadonlyMap<string, ListItems>;
  readonly knownValues: (parameter: string) => KnownValues;
}

/** The case's parameters after fills, the item a path value came from, or why it cannot run. */
export type Resolved =
  | { readonly params: ParamValues; readonly origin?: FillOrigin }
  | { readonly skipped: string };

function usable(value: unknown): boolean {
  return (
    value !== null && value !== undefined && (typeof value !== "object" || Array.isArray(value))
  );
}

/** Apply the fills of `contractCase` to its sample parameters. */
export function resolveFills(contractCase: ContractCase, sources: FillSources): Resolved {
  let params: ParamValues = contractCase.params;
  let origin: FillOrigin | undefined;
  for (const fill of contractCase.fills) {
    let value: unknown;
    let from: FillOrigin | undefined;
    let missing: string;
    if (fill.fromOperation !== undefined) {
      const list = sources.lists.get(fill.fromOperation);
      const candidates = (list?.items ?? []).filter((item) =>
        usable(valueAt(item.value, fill.field)),
      );
      const picked = candidates[fill.item];
      if (picked) {
        value = valueAt(picked.value, fill.field);
        from = { operation: fill.fromOperation, item: picked.value, pointer: picked.pointer };
      }
      missing = list
        ? `${fill.fromOperation} listed ${candidates.length} item(s) with ${fill.field}; item ${fill.item} is needed`
        : `${fill.fromOperation} gave no list to take ${fill.field} from`;
    } else {
      const known = sources.knownValues(fill.name);
      if ("values" in known) {
        value = known.values[fill.item];
        missing = `${known.values.length} known value(s) for '${fill.name}'; item ${fill.item} is needed`;
      } else {
        missing = known.reason;
      }
    }
    if (value === undefined) {
      // A query filter keeps its schema sample; a made-up path id proves nothing against a live API.
      if (fill.in === "path" && sources.target === "live") return { skipped: missing };
      continue;
    }
    params = { ...params, [fill.in]: { ...params[fill.in], [fill.name]: value } };
    if (fill.in === "path" && from) origin = from;
  }
  return origin ? { params, origin } : { params };
}
