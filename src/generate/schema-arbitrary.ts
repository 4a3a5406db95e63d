/**
 * A schema (OpenAPI 3.0 or 3.1 / JSON Schema 2020-12 or draft 4) → a fast-check arbitrary of valid
 * values. Types (and 3.1 type lists), `nullable`, `enum`/`const`, checked formats, `pattern`,
 * numeric bounds (exclusive too) and `multipleOf`, length bounds, `uniqueItems`, `allOf` (merged),
 * `anyOf`/`oneOf` (one branch, the discriminator property set), `if`/`then`/`else` (whether `if`
 * holds is drawn), `not` (types and values narrowed, the rest filtered),
 * `additionalProperties`, `patternProperties`, `propertyNames`, `prefixItems`/`items`, `contains`,
 * `dependentRequired`, `dependentSchemas`, `unevaluated*: false`; recursive `$ref`s are followed at
 * most `maxRecursion` times per path, after which only required members and minimum lengths are
 * generated. What only a validator can settle (`oneOf` exclusivity, `else`, a general `not`,
 * `maxContains`) is filtered by the caller's validator in {@link SchemaArbitraries.forPointer},
 * with bounded retries. A schema it cannot generate throws {@link CannotGenerate} naming the keyword and why;
 * a value its bounded retries could not find holds an `Unsatisfied` marker. Values are checked by
 * the caller's validator afterwards (generate-values.ts): this module aims at validity, the
 * validator decides it.
 */
import fc from "fast-check";
import { formats } from "../runtime/formats.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { arrayArbitrary } from "./array-arbitrary.js";
import { type Builder, type BuildState, OMIT } from "./build-context.js";
import { CannotGenerate } from "./cannot-generate.js";
import { filteredKeyword } from "./filtered-keywords.js";
import { GEN, mergeSchemas } from "./merge-schemas.js";
import { Normalizer } from "./normalize-schema.js";
import { numberArbitrary } from "./number-arbitrary.js";
import { objectArbitrary } from "./object-arbitrary.js";
import type { SchemaSource } from "./schema-source.js";
import { stringArbitrary } from "./string-arbitrary.js";
import { findUnsatisfied, RETRIES, retryUntil, Unsatisfied } from "./unsatisfied.js";

/** Options of {@link SchemaArbitraries}. */
export interface ArbitraryOptions {
  /** Times one `$ref` target is expanded on one path before values are kept minimal (default 2). */
  readonly maxRecursion?: number;
  /** `$ref`s followed on one path before values are kept minimal (default 2). */
  readonly maxDepth?: number;
}

const TYPE_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  object: [
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
  ],
  array: [
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "unevaluatedItems",
  ],
  string: ["pattern", "minLength", "maxLength", GEN.patterns],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
};

/** Builds arbitraries for the schemas of one document (caching those that do not recurse). */
export class SchemaArbitraries implements Builder {
  readonly normalizer: Normalizer;
  private readonly cache = new WeakMap<object, fc.Arbitrary<unknown>>();

  constructor(
    readonly source: SchemaSource,
    options: ArbitraryOptions = {},
  ) {
    this.normalizer = new Normalizer(source, options.maxRecursion ?? 2, options.maxDepth ?? 2);
  }

  /**
   * Valid values of the schema at `tokens` (from the document root). With `validate`, a schema
   * holding a keyword only a validator can settle (filtered-keywords.ts: `oneOf` exclusivity,
   * `else`, a general `not`, `maxContains`) is drawn again until `validate` accepts, at most
   * {@link RETRIES} times, then an `Unsatisfied` marker: never an unbounded loop.
   */
  forPointer(
    tokens: readonly (string | number)[],
    validate?: (value: unknown) => boolean,
  ): fc.Arbitrary<unknown> {
    const at = this.source.at(tokens);
    if (at === undefined) throw new CannotGenerate("$ref", `nothing at /${tokens.join("/")}`);
    const arbitrary = this.build(at.schema, at.base, { path: new Map(), minimal: false });
    const keyword = validate ? filteredKeyword(this.source, at.schema) : undefined;
    if (validate === undefined || keyword === undefined) return arbitrary;
    return retryUntil(
      arbitrary,
      (value) => findUnsatisfied(value) === undefined && validate(value),
      `no value the validator accepts in ${RETRIES + 1} draws (${keyword} is settled by filtering)`,
    );
  }

  /** Valid values of `schema` (a subschema met at base `base`). */
  build(schema: unknown, base: string, state: BuildState): fc.Arbitrary<unknown> {
    const cacheable = isJsonObject(schema) && state.path.size === 0 && !state.minimal;
    if (cacheable) {
      const cached = this.cache.get(schema);
      if (cached) return cached;
    }
    const normalized = this.normalizer.normalize(schema, base, state.path);
    const next: BuildState = { path: normalized.path, minimal: state.minimal || normalized.deep };
    let arbitrary: fc.Arbitrary<unknown>;
    if (normalized.schema === false)
      throw new CannotGenerate("false", "the false schema accepts no value");
    if (normalized.schema === true) arbitrary = anyJson();
    else arbitrary = this.merged(normalized.schema, this.normalizer.baseOf(schema, base), next);
    if (normalized.nullable)
      arbitrary = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary });
    if (cacheable) this.cache.set(schema, arbitrary);
    return arbitrary;
  }

  /**
   * {@link build}, deferred to the first draw (so that a wide recursive document builds only what
   * is drawn). A schema that cannot be generated yields {@link OMIT} when the value is optional
   * (the caller leaves the member or item out), else an `Unsatisfied` marker.
   */
  lazy(schema: unknown, base: string, state: BuildState, required: boolean): fc.Arbitrary<unknown> {
    let built: fc.Arbitrary<unknown> | undefined;
    return fc.constant(0).chain(() => {
      if (built === undefined) {
        try {
          built = this.build(schema, base, state);
        } catch (error) {
          if (!(error instanceof CannotGenerate)) throw error;
          built = fc.constant(
            required ? new Unsatisfied(`${error.keyword}: ${error.reason}`) : OMIT,
          );
        }
      }
      return built;
    });
  }

  /** Values of a merged schema (see normalize-schema.ts). */
  merged(schema: JsonObject, base: string, state: BuildState): fc.Arbitrary<unknown> {
    const choices = (schema[GEN.choices] as unknown[][] | undefined) ?? [];
    const conditionals = (schema[GEN.conditionals] as JsonObject[] | undefined) ?? [];
    if (choices.length > 0 || conditionals.length > 0)
      return this.chosen(schema, base, state, choices, conditionals);
    let merged = schema;
    for (const not of (schema[GEN.nots] as unknown[] | undefined) ?? [])
      merged = applyNot(merged, not);
    if (merged.const !== undefined || Object.hasOwn(merged, "const")) {
      const value = merged.const;
      if (
        Array.isArray(merged.enum) &&
        !merged.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))
      ) {
        throw new CannotGenerate("const", "const is not among the enum values");
      }
      return fc.constant(value);
    }
    const types = typesOf(merged);
    if (Array.isArray(merged.enum)) {
      const values = merged.enum.filter(
        (v) =>
          types === undefined ||
          types.includes(jsonType(v)) ||
          (jsonType(v) === "integer" && types.includes("number")) ||
          (types.includes("integer") && typeof v === "number" && Number.isInteger(v)),
      );
      const excluded = (merged["x-gen-excluded"] as string[] | undefined) ?? [];
      const allowed = values.filter((v) => !excluded.includes(JSON.stringify(v)));
      if (allowed.length === 0)
        throw new CannotGenerate("enum", "no enum value has an allowed type");
      return fc.constantFrom(...allowed);
    }
    const options: fc.Arbitrary<unknown>[] = [];
    const problems: CannotGenerate[] = [];
    for (const type of types ?? inferTypes(merged)) {
      try {
        options.push(this.ofType(type, merged, base, state));
      } catch (error) {
        if (!(error instanceof CannotGenerate)) throw error;
        problems.push(error);
      }
    }
    if (options.length === 0)
      throw problems[0] ?? new CannotGenerate("type", "no type can be generated");
    const excluded = (merged["x-gen-excluded"] as string[] | undefined) ?? [];
    const one = options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
    return excluded.length === 0 ? one : one.filter((v) => !excluded.includes(JSON.stringify(v)));
  }

  /** One branch of each `anyOf`/`oneOf` group and the `then` of each conditional, merged in. */
  private chosen(
    schema: JsonObject,
    base: string,
    state: BuildState,
    choices: unknown[][],
    conditionals: JsonObject[],
  ): fc.Arbitrary<unknown> {
    const rest: JsonObject = { ...schema };
    delete rest[GEN.choices];
    delete rest[GEN.conditionals];
    let path = state.path;
    for (const conditional of conditionals) {
      // `if` and `then` together satisfy the conditional; `else` would need `if` to fail.
      const condition = this.normalizer.normalize(conditional.condition, base, state.path);
      const then = this.normalizer.normalize(conditional.consequence ?? true, base, state.path);
      for (const part of [condition, then]) {
        if (part.schema === false)
          throw new CannotGenerate("if", "the if/then branch accepts no value");
        if (part.schema !== true) Object.assign(rest, mergeSchemas(rest, part.schema));
        path = unionPath(path, part.path);
      }
    }
    if (choices.length === 0) return this.merged(rest, base, { ...state, path });
    // Each combination of branches is built once, when first drawn; one that cannot be built
    // gives way to the next combination (in order), so a draw never fails while one works.
    const built = new Map<string, fc.Arbitrary<unknown> | CannotGenerate>();
    const buildFor = (picks: readonly number[]): fc.Arbitrary<unknown> | CannotGenerate => {
      const id = picks.join(",");
      let arbitrary = built.get(id);
      if (arbitrary === undefined) {
        try {
          let merged = rest;
          let inner = path;
          let deep = state.minimal;
          picks.forEach((pick, group) => {
            const branch = this.normalizer.normalize(
              (choices[group] as unknown[])[pick],
              base,
              path,
            );
            if (branch.schema === false)
              throw new CannotGenerate("oneOf", "the chosen branch is the false schema");
            if (branch.schema !== true) merged = mergeSchemas(merged, branch.schema);
            inner = unionPath(inner, branch.path);
            deep ||= branch.deep;
          });
          arbitrary = this.merged(merged, base, { path: inner, minimal: deep });
        } catch (error) {
          if (!(error instanceof CannotGenerate)) throw error;
          arbitrary = error;
        }
        built.set(id, arbitrary);
      }
      return arbitrary;
    };
    const firstWorking = (picks: readonly number[]): fc.Arbitrary<unknown> => {
      let first: CannotGenerate | undefined;
      for (let attempt = 0; attempt < 64; attempt++) {
        // Odometer from the drawn picks: each group's branches in turn.
        const tried = picks.map((pick, group) => {
          const n = (choices[group] as unknown[]).length;
          let shift = attempt;
          for (let g = 0; g < group; g++)
            shift = Math.floor(shift / (choices[g] as unknown[]).length);
          return (pick + shift) % n;
        });
        const arbitrary = buildFor(tried);
        if (!(arbitrary instanceof CannotGenerate)) return arbitrary;
        first ??= arbitrary;
        if (attempt + 1 >= combinations(choices, choices.length)) break;
      }
      return fc.constant(
        new UnsatisfiedChoice(first?.reason ?? "no anyOf/oneOf branch can be generated"),
      );
    };
    // Past the recursion limit, the first branch that works (values stay small); else any branch.
    if (state.minimal) {
      const fixed = firstWorking(choices.map(() => 0));
      return fixed;
    }
    return fc
      .tuple(...choices.map((branches) => fc.nat({ max: branches.length - 1 })))
      .chain(firstWorking);
  }

  /** Values of one JSON type under `schema`'s keywords for it. */
  private ofType(
    type: string,
    schema: JsonObject,
    base: string,
    state: BuildState,
  ): fc.Arbitrary<unknown> {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
      case "number":
        return numberArbitrary(schema, type === "integer");
      case "string": {
        const format =
          typeof schema.format === "string" && formats[schema.format]?.type === "string"
            ? schema.format
            : undefined;
        const patterns = [schema.pattern, ...((schema[GEN.patterns] as unknown[]) ?? [])].filter(
          (p): p is string => typeof p === "string",
        );
        return stringArbitrary({
          ...(typeof schema.minLength === "number" ? { minLength: schema.minLength } : {}),
          ...(typeof schema.maxLength === "number" ? { maxLength: schema.maxLength } : {}),
          patterns,
          ...(format === undefined ? {} : { format }),
        });
      }
      case "array":
        return arrayArbitrary(this, schema, base, state);
      case "object":
        return objectArbitrary(this, schema, base, state);
      default:
        throw new CannotGenerate("type", `unknown type '${type}'`);
    }
  }
}

/** Marks a drawn `anyOf`/`oneOf` combination that cannot be generated (an Unsatisfied). */
class UnsatisfiedChoice extends Unsatisfied {}

/**
 * A `not` narrowed where the generator can (types, enum/const values); any other `not` leaves the
 * schema as it is, for the validator filter (forPointer) to settle.
 */
function applyNot(schema: JsonObject, not: unknown): JsonObject {
  if (!isJsonObject(not)) {
    if (not === true) throw new CannotGenerate("not", "not: true accepts no value");
    return schema;
  }
  const keys = Object.keys(not).filter((k) => !["title", "description", "$comment"].includes(k));
  if (keys.length === 1 && keys[0] === "type") {
    const banned = typeof not.type === "string" ? [not.type] : (not.type as string[]);
    const allowed = (typesOf(schema) ?? inferTypes(schema, true)).filter(
      (t) => !banned.includes(t) && !(t === "integer" && banned.includes("number")),
    );
    if (allowed.length === 0) throw new CannotGenerate("not", "not excludes every allowed type");
    // `number` without `integer`: only fractions (number-arbitrary.ts reads the flag).
    const fraction = banned.includes("integer") && allowed.includes("number");
    return { ...schema, type: allowed, ...(fraction ? { "x-gen-fraction": true } : {}) };
  }
  if (keys.length === 1 && (keys[0] === "enum" || keys[0] === "const")) {
    const values = keys[0] === "enum" ? (not.enum as unknown[]) : [not.const];
    const excluded = [
      ...((schema["x-gen-excluded"] as string[] | undefined) ?? []),
      ...values.map((v) => JSON.stringify(v)),
    ];
    return { ...schema, "x-gen-excluded": excluded };
  }
  if (keys.length === 0) throw new CannotGenerate("not", "not of an empty schema accepts no value");
  // Any other `not` is drawn without; forPointer's validator filter settles it.
  return schema;
}

/** How many combinations the first `groups` groups of branches make. */
function combinations(choices: readonly unknown[][], groups: number): number {
  let n = 1;
  for (const branches of choices.slice(0, groups)) n *= branches.length;
  return n;
}

/** Both paths' `$ref` counts, the larger of each. */
function unionPath(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> {
  if (a === b || b.size === 0) return a;
  const out = new Map(a);
  for (const [id, count] of b) out.set(id, Math.max(count, out.get(id) ?? 0));
  return out;
}

/** The JSON type of a value (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typesOf(schema: JsonObject): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((t): t is string => typeof t === "string");
  return undefined;
}

/** Types to generate when `type` is absent: those the keywords speak of, else a few simple ones. */
function inferTypes(schema: JsonObject, all = false): string[] {
  const found = Object.entries(TYPE_KEYWORDS)
    .filter(([, keys]) => keys.some((k) => Object.hasOwn(schema, k)))
    .map(([type]) => type);
  if (found.length > 0 && !all) return found;
  return ["null", "boolean", "integer", "number", "string", "array", "object"];
}

/** Small JSON values of every type, for the `true` schema. */
function anyJson(): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
}
