/**
 * The ignore file (oasdiff's `--err-ignore` idea, as YAML): changes a team has accepted, each with
 * its reason, so that a known breaking change stops failing CI without turning the gate off; and
 * level overrides (oasdiff's `--severity-levels`) for the policy choices listed in the README.
 *
 * ```yaml
 * ignore:
 *   - id: response-property-became-nullable
 *     operation: GET /billing/org/v1/erp-invoices/{id}   # optional: every operation when left out
 *     location: /components/schemas/Invoice/properties/amount_total  # optional: exact, or a prefix ending in /
 *     reason: Gcore sends null for drafts; InvoiceMapper handles it
 * levels:
 *   response-media-type-charset-removed: breaking
 * ```
 */
import { readFile } from "node:fs/promises";
import yaml from "js-yaml";
import { UsageError } from "../errors.js";
import { isJsonObject } from "../runtime/json-value.js";
import { CHANGE_LEVELS, type Change, type ChangeLevel } from "./change.js";

/** One accepted change: which check, optionally where, and why. */
export interface IgnoreEntry {
  readonly id: string;
  readonly operation?: string;
  readonly location?: string;
  readonly reason: string;
  /** `FILE ignore[2]`, for messages. */
  readonly source: string;
}

/** What an ignore file says: accepted changes and level overrides. */
export interface DiffPolicy {
  readonly ignore: readonly IgnoreEntry[];
  readonly levels: ReadonlyMap<string, ChangeLevel>;
}

/** A policy that changes nothing. */
export const EMPTY_POLICY: DiffPolicy = { ignore: [], levels: new Map() };

const ENTRY_KEYS = new Set(["id", "operation", "location", "reason"]);

/** A bad ignore file is a usage error (exit 2) naming the file, the entry and the fix. */
export class IgnoreFileError extends UsageError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * Parse an ignore file's text. `knownIds` are the check ids the engine can report: an entry naming
 * another id would never match, so it is an error rather than a silent no-op.
 */
export function parseDiffPolicy(
  text: string,
  file: string,
  knownIds: ReadonlySet<string>,
): DiffPolicy {
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    throw new IgnoreFileError(file, `not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (data === undefined || data === null) return EMPTY_POLICY;
  if (!isJsonObject(data))
    throw new IgnoreFileError(file, "expected a mapping with `ignore:` and/or `levels:`");
  for (const key of Object.keys(data)) {
    if (key !== "ignore" && key !== "levels") {
      throw new IgnoreFileError(
        file,
        `unknown key '${key}'; use 'ignore' (accepted changes) or 'levels' (overrides)`,
      );
    }
  }
  const ignore: IgnoreEntry[] = [];
  const list = data.ignore ?? [];
  if (!Array.isArray(list)) throw new IgnoreFileError(file, "'ignore' must be a list of entries");
  list.forEach((entry, index) => {
    const source = `${file} ignore[${index}]`;
    if (!isJsonObject(entry))
      throw new IgnoreFileError(file, `ignore[${index}] must be a mapping with id and reason`);
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.has(key)) {
        throw new IgnoreFileError(
          file,
          `ignore[${index}]: unknown key '${key}'; allowed: ${[...ENTRY_KEYS].join(", ")}`,
        );
      }
    }
    const { id, operation, location, reason } = entry;
    if (typeof id !== "string" || !knownIds.has(id)) {
      throw new IgnoreFileError(
        file,
        `ignore[${index}]: '${String(id)}' is not a check id this tool reports; copy the id from the report`,
      );
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      throw new IgnoreFileError(
        file,
        `ignore[${index}] (${id}): give a reason, so that the next reader knows why it was accepted`,
      );
    }
    for (const [key, value] of [
      ["operation", operation],
      ["location", location],
    ] as const) {
      if (value !== undefined && typeof value !== "string") {
        throw new IgnoreFileError(file, `ignore[${index}] (${id}): '${key}' must be a string`);
      }
    }
    ignore.push({
      id,
      ...(typeof operation === "string" ? { operation: normaliseOperation(operation) } : {}),
      ...(typeof location === "string" ? { location } : {}),
      reason: reason.trim(),
      source,
    });
  });
  const levels = new Map<string, ChangeLevel>();
  const overrides = data.levels ?? {};
  if (!isJsonObject(overrides))
    throw new IgnoreFileError(file, "'levels' must map check ids to breaking, warning or info");
  for (const [id, level] of Object.entries(overrides)) {
    if (!knownIds.has(id)) {
      throw new IgnoreFileError(file, `levels: '${id}' is not a check id this tool reports`);
    }
    if (!(CHANGE_LEVELS as readonly unknown[]).includes(level)) {
      throw new IgnoreFileError(
        file,
        `levels: '${id}' must be one of ${CHANGE_LEVELS.join(", ")}, not ${JSON.stringify(level)}`,
      );
    }
    levels.set(id, level as ChangeLevel);
  }
  return { ignore, levels };
}

/** `get /a` → `GET /a`: the method as the report prints it. */
function normaliseOperation(operation: string): string {
  const [method = "", ...rest] = operation.trim().split(/\s+/);
  return [method.toUpperCase(), ...rest].join(" ");
}

/** Read an ignore file (named `label` in messages); a missing one is a usage error naming it. */
export async function loadDiffPolicy(
  file: string,
  knownIds: ReadonlySet<string>,
  label = file,
): Promise<DiffPolicy> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new IgnoreFileError(
      label,
      `cannot read the ignore file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseDiffPolicy(text, label, knownIds);
}

/** Two policies as one: entries of both; `extra`'s level overrides win. */
export function mergePolicies(base: DiffPolicy, extra: DiffPolicy): DiffPolicy {
  return {
    ignore: [...base.ignore, ...extra.ignore],
    levels: new Map([...base.levels, ...extra.levels]),
  };
}

function matches(entry: IgnoreEntry, change: Change): boolean {
  if (entry.id !== change.id) return false;
  if (entry.operation !== undefined && entry.operation !== change.operation) return false;
  if (entry.location === undefined) return true;
  return entry.location.endsWith("/")
    ? change.location.startsWith(entry.location)
    : change.location === entry.location;
}

/** Changes with the policy applied, and the entries that matched nothing (stale: delete them). */
export interface PolicyResult {
  readonly changes: Change[];
  readonly unused: IgnoreEntry[];
}

/** Apply level overrides, then mark the changes an entry accepts. */
export function applyPolicy(changes: readonly Change[], policy: DiffPolicy): PolicyResult {
  const used = new Set<IgnoreEntry>();
  const out = changes.map((change) => {
    const level = policy.levels.get(change.id) ?? change.level;
    const entry = policy.ignore.find((candidate) => matches(candidate, change));
    if (entry) used.add(entry);
    return {
      ...change,
      level,
      ...(entry ? { accepted: { reason: entry.reason, source: entry.source } } : {}),
    };
  });
  return { changes: out, unused: policy.ignore.filter((entry) => !used.has(entry)) };
}
