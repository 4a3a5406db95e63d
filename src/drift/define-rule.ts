import type { Change, ChangeLevel } from "./change.js";
import type { OperationView, ParameterView } from "./collect-operations.js";
import type { NormalSchema, SchemaNormaliser } from "./normalise-schema.js";
import type { DocumentSide } from "./resolve-ref.js";

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

/** An operation present in both documents. */
export interface OperationPair {
  readonly operation: string;
  readonly old: OperationView;
  readonly new: OperationView;
}

/** A parameter of an operation present in both documents; the parameter itself may be on one side only. */
export interface ParameterPair {
  readonly operation: string;
  readonly old?: ParameterView;
  readonly new?: ParameterView;
}

/** Who sends the data a schema describes: the client (`request`) or the server (`response`). */
export type Direction = "request" | "response";

/** The prefix of schema check ids, as oasdiff spells them. */
export type Subject =
  | "request-parameter"
  | "request-body"
  | "request-property"
  | "response-body"
  | "response-property";

/** Every subject, by direction. */
export const SUBJECTS: Readonly<Record<Direction, readonly Subject[]>> = {
  request: ["request-parameter", "request-body", "request-property"],
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
  readonly old: NormalSchema;
  readonly new: NormalSchema;
  readonly oldSchemas: SchemaNormaliser;
  readonly newSchemas: SchemaNormaliser;
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

/** Reports one change; the level comes from the rule's table of ids. */
export type Emit<Id extends string> = (id: Id, location: string, message: string) => void;

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
      check(pair, (id, location, message) => {
        changes.push({ id, level: levels[id], operation: pair.operation, location, message });
      });
      return changes;
    },
  };
}

/** Levels of a schema check by direction; a direction left out is never reported. */
export type DirectionLevels = Partial<Record<Direction, ChangeLevel>>;

/**
 * Define a schema rule whose ids are `<subject>-<suffix>` (`response-property` + `enum-value-added`),
 * with one level per direction: `levels` lists every id it expands to, for the registry.
 */
export function defineSchemaRule<Suffix extends string>(definition: {
  name: string;
  suffixes: Record<Suffix, DirectionLevels>;
  check(pair: SchemaPair, emit: Emit<Suffix>): void;
}): Rule<"schema"> {
  const { name, suffixes, check } = definition;
  const levels: Record<string, ChangeLevel> = {};
  for (const [suffix, byDirection] of Object.entries<DirectionLevels>(suffixes)) {
    for (const direction of ["request", "response"] as const) {
      const level = byDirection[direction];
      if (level) for (const subject of SUBJECTS[direction]) levels[`${subject}-${suffix}`] = level;
    }
  }
  return {
    name,
    scope: "schema",
    levels,
    run(pair) {
      const changes: Change[] = [];
      check(pair, (suffix, location, message) => {
        const level = suffixes[suffix][pair.direction];
        if (!level) throw new Error(`rule ${name}: '${suffix}' has no ${pair.direction} level`);
        const id = `${pair.subject}-${suffix}`;
        changes.push({ id, level, operation: pair.operation, location, message });
      });
      return changes;
    },
  };
}

/** How a schema pair is named in messages: `response property 'a/b' (200 application/json)`. */
export function describeSchema(pair: SchemaPair): string {
  if (pair.subject === "request-parameter") {
    return pair.path === "" ? pair.where : `${pair.where}, '${pair.path}'`;
  }
  const kind = pair.direction === "request" ? "request" : "response";
  return pair.path === ""
    ? `${kind} body (${pair.where})`
    : `${kind} property '${pair.path}' (${pair.where})`;
}
