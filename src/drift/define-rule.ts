import type { Change, ChangeLevel } from "./change.js";
import type { OperationView, ParameterView } from "./collect-operations.js";
import type { DocumentSide } from "./document-side.js";
import type { NormalSchema, SchemaNormaliser } from "./normalise-schema.js";

/** The two whole documents: for document-wide rules (documentation, security schemes). */
export interface DocumentPair {
  readonly operation: null;
  readonly old: DocumentSide;
  readonly new: DocumentSide;
}

/** An operation present in OLD, NEW or both. */
export interface EndpointPair {
  readonly operation: string;
  readonly old?: OperationView;
  readonly new?: OperationView;
  /** Whether NEW still has the operation's path (with any method). */
  readonly pathStillExists: boolean;
}

/** An operation present in both documents, with each side's schema normaliser (for headers). */
export interface OperationPair {
  readonly operation: string;
  readonly old: OperationView;
  readonly new: OperationView;
  readonly oldSchemas: SchemaNormaliser;
  readonly newSchemas: SchemaNormaliser;
}

/** A parameter of an operation present in both documents; the parameter itself may be on one side only. */
export interface ParameterPair {
  readonly operation: string;
  readonly old?: ParameterView;
  readonly new?: ParameterView;
  readonly oldSchemas: SchemaNormaliser;
  readonly newSchemas: SchemaNormaliser;
}

/** Who sends the data a schema describes: the client (`request`) or the server (`response`). */
export type Direction = "request" | "response";

/** The prefix of schema check ids, as oasdiff spells them. */
export type Subject =
  | "request-parameter"
  | "request-parameter-property"
  | "request-body"
  | "request-property"
  | "response-body"
  | "response-property";

/** Every subject, by direction. */
export const SUBJECTS: Readonly<Record<Direction, readonly Subject[]>> = {
  request: ["request-parameter", "request-parameter-property", "request-body", "request-property"],
  response: ["response-body", "response-property"],
};

/** Two corresponding schemas (a body, a property, an item) of one operation, both normalised. */
export interface SchemaPair {
  readonly operation: string;
  readonly direction: Direction;
  readonly subject: Subject;
  /** Property path below the root, `/`-separated (`results/items/amount_total`); "" at the root. */
  readonly path: string;
  /** What the root is, for messages: `query request parameter 'limit'`, `response 200 application/json`. */
  readonly where: string;
  /** For a parameter's schemas: where the parameter is sent (`header`, `query`, `path`, `cookie`). */
  readonly parameterIn?: string;
  readonly old: NormalSchema;
  readonly new: NormalSchema;
  readonly oldSchemas: SchemaNormaliser;
  readonly newSchemas: SchemaNormaliser;
  /** Set while the comparer only asks whether anything changed: every finding counts, whatever its subject. */
  readonly probe?: boolean;
}

interface PairByScope {
  document: DocumentPair;
  endpoint: EndpointPair;
  operation: OperationPair;
  parameter: ParameterPair;
  schema: SchemaPair;
}

/** Where a rule looks: the documents, an operation, a parameter or a pair of schemas. */
export type RuleScope = keyof PairByScope;

/**
 * Reports one change; the level comes from the rule's table of ids, unless `level` gives the one
 * oasdiff uses for this id in this context (a removed requirement that leaves the API open is info).
 */
export type Emit<Id extends string> = (
  id: Id,
  location: string,
  message: string,
  level?: ChangeLevel,
) => void;

/** A named check: declares the ids it reports with their levels, and returns the changes it finds. */
export interface Rule<S extends RuleScope = RuleScope> {
  readonly name: string;
  readonly scope: S;
  readonly levels: Readonly<Record<string, ChangeLevel>>;
  run(pair: PairByScope[S]): Change[];
}

/** Any rule, of any scope. */
export type AnyRule = { [S in RuleScope]: Rule<S> }[RuleScope];

/** Define a rule whose ids have one level each. */
export function defineRule<S extends RuleScope, Id extends string>(definition: {
  name: string;
  scope: S;
  levels: Record<Id, ChangeLevel>;
  check(pair: PairByScope[S], emit: Emit<Id>): void;
}): Rule<S> {
  const { name, scope, levels, check } = definition;
  return {
    name,
    scope,
    levels,
    run(pair) {
      const changes: Change[] = [];
      check(pair, (id, location, message, override) => {
        const declared = levels[id];
        if (!declared) throw new Error(`rule ${name} reported '${id}', which it does not declare`);
        const level = override ?? declared;
        changes.push({ id, level, operation: pair.operation, location, message });
      });
      return changes;
    },
  };
}

/**
 * Levels of a schema check: by direction, or by subject where oasdiff differs (a subject wins over
 * its direction). `null` or a direction left out: oasdiff has no such check, so it is not reported.
 * `request-parameter-property` falls back to `request-parameter` unless named.
 */
export type DirectionLevels = Partial<Record<Direction | Subject, ChangeLevel | null>>;

/** The id and level a schema check reports for a subject, or undefined when it reports nothing. */
export function resolveSchemaId(
  subject: Subject,
  direction: Direction,
  suffix: string,
  byDirection: DirectionLevels,
  rename: Readonly<Record<string, string>> = {},
): { id: string; level: ChangeLevel } | undefined {
  let effective = subject;
  if (subject === "request-parameter-property" && !(subject in byDirection)) {
    effective = "request-parameter";
  }
  const level = effective in byDirection ? byDirection[effective] : byDirection[direction];
  if (!level) return undefined;
  const id = `${effective}-${suffix}`;
  return { id: rename[id] ?? id, level };
}

/**
 * Define a schema rule whose ids are `<subject>-<suffix>` (`response-property` + `enum-value-added`),
 * with levels per direction or subject (see {@link DirectionLevels}); `rename` maps an expanded id to
 * oasdiff's spelling where it breaks the pattern. `levels` lists every id it can report.
 */
export function defineSchemaRule<Suffix extends string>(definition: {
  name: string;
  suffixes: Record<Suffix, DirectionLevels>;
  rename?: Readonly<Record<string, string>>;
  check(pair: SchemaPair, emit: Emit<Suffix>): void;
}): Rule<"schema"> {
  const { name, suffixes, check, rename } = definition;
  const levels: Record<string, ChangeLevel> = {};
  for (const [suffix, byDirection] of Object.entries<DirectionLevels>(suffixes)) {
    for (const direction of ["request", "response"] as const) {
      for (const subject of SUBJECTS[direction]) {
        const resolved = resolveSchemaId(subject, direction, suffix, byDirection, rename);
        if (resolved) levels[resolved.id] = resolved.level;
      }
    }
  }
  return {
    name,
    scope: "schema",
    levels,
    run(pair) {
      const changes: Change[] = [];
      check(pair, (suffix, location, message) => {
        const resolved = resolveSchemaId(
          pair.subject,
          pair.direction,
          suffix,
          suffixes[suffix],
          rename,
        );
        if (!resolved && !pair.probe) return;
        changes.push({
          id: resolved?.id ?? suffix,
          level: resolved?.level ?? "info",
          operation: pair.operation,
          location,
          message,
        });
      });
      return changes;
    },
  };
}

/** How a schema pair is named in messages: `response property 'a/b' (200 application/json)`. */
export function describeSchema(pair: SchemaPair): string {
  if (pair.subject.startsWith("request-parameter")) {
    return pair.path === "" ? pair.where : `${pair.where}, '${pair.path}'`;
  }
  const kind = pair.direction === "request" ? "request" : "response";
  return pair.path === ""
    ? `${kind} body (${pair.where})`
    : `${kind} property '${pair.path}' (${pair.where})`;
}
