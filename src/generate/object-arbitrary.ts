/**
 * Objects for one (merged) schema: required members always, optional ones sometimes (never past
 * the recursion limit), `additionalProperties` (a schema: a few extra members; `false`, or
 * `unevaluatedProperties: false`: declared and pattern-matching names only), `patternProperties`
 * (names drawn from the pattern, values satisfying every pattern they match), `propertyNames`
 * (only required names then), `minProperties`/`maxProperties`, `dependentRequired` (dependents
 * added when their trigger is present) and `dependentSchemas` (a trigger only when required, its
 * schema merged in).
 */
import fc from "fast-check";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import { type Builder, type BuildState, OMIT } from "./build-context.js";
import { CannotGenerate } from "./cannot-generate.js";
import { GEN, mergeSchemas, setOwn } from "./merge-schemas.js";

/** Extra members (beyond declared ones) generated at most per object. */
const EXTRA_MEMBERS = 2;
const EXTRA_NAME = /^[a-z][a-z0-9_]{0,9}$/;

/** Values of `type: object` under `schema`'s object keywords. */
export function objectArbitrary(
  builder: Builder,
  schema: JsonObject,
  base: string,
  state: BuildState,
): fc.Arbitrary<unknown> {
  const required = [
    ...new Set(
      Array.isArray(schema.required)
        ? schema.required.filter((r): r is string => typeof r === "string")
        : [],
    ),
  ];
  // A required trigger of dependentSchemas: its schema applies, merged in.
  const dependentSchemas = isJsonObject(schema.dependentSchemas) ? schema.dependentSchemas : {};
  for (const trigger of required) {
    if (!Object.hasOwn(dependentSchemas, trigger)) continue;
    const rest = { ...dependentSchemas };
    const dependent = rest[trigger];
    delete rest[trigger];
    const normalized = builder.normalizer.normalize(dependent, base, state.path);
    if (normalized.schema === false)
      throw new CannotGenerate("dependentSchemas", `required '${trigger}' brings the false schema`);
    const merged = { ...schema, dependentSchemas: rest };
    return builder.merged(
      normalized.schema === true ? merged : mergeSchemas(merged, normalized.schema),
      base,
      state,
    );
  }

  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const patterns = isJsonObject(schema.patternProperties)
    ? Object.entries(schema.patternProperties).flatMap(([source, sub]) => {
        try {
          return [{ regex: new RegExp(source, "u"), source, schema: sub }];
        } catch {
          return [];
        }
      })
    : [];
  const additional = schema.additionalProperties;
  const closed = additional === false || schema.unevaluatedProperties === false;
  const allowedNames = schema[GEN.allowed] as string[] | undefined;
  const matching = (name: string) => patterns.filter((p) => p.regex.test(name));
  const permitted = (name: string): boolean =>
    (allowedNames === undefined || allowedNames.includes(name) || matching(name).length > 0) &&
    (!closed || Object.hasOwn(properties, name) || matching(name).length > 0);
  const valueSchema = (name: string): unknown => {
    const parts: unknown[] = [];
    if (Object.hasOwn(properties, name)) parts.push(properties[name]);
    for (const p of matching(name)) parts.push(p.schema);
    if (parts.length === 0)
      parts.push(
        isJsonObject(additional) || typeof additional === "boolean"
          ? additional
          : isJsonObject(schema.unevaluatedProperties)
            ? schema.unevaluatedProperties
            : true,
      );
    return parts.length === 1 ? parts[0] : { allOf: parts };
  };
  const names = schema.propertyNames;
  if (names === false && required.length > 0)
    throw new CannotGenerate("propertyNames", "propertyNames: false allows no member");
  const free = names === undefined || names === true;

  for (const name of required) {
    if (!permitted(name))
      throw new CannotGenerate(
        "additionalProperties",
        `required '${name}' is not allowed by additionalProperties: false`,
      );
  }
  const dependentRequired = isJsonObject(schema.dependentRequired) ? schema.dependentRequired : {};
  const dependents = (name: string): string[] => {
    const list = dependentRequired[name];
    return Array.isArray(list) ? list.filter((d): d is string => typeof d === "string") : [];
  };
  const maxProperties =
    typeof schema.maxProperties === "number" ? schema.maxProperties : Number.POSITIVE_INFINITY;
  const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  if (required.length > maxProperties)
    throw new CannotGenerate(
      "maxProperties",
      `${required.length} required members exceed maxProperties ${maxProperties}`,
    );
  let optional =
    free && !state.minimal
      ? Object.keys(properties).filter(
          (n) =>
            !required.includes(n) &&
            permitted(n) &&
            !Object.hasOwn(dependentSchemas, n) &&
            dependents(n).every(permitted),
        )
      : [];
  // Promote optional members while minProperties asks for more than the required ones.
  const mandatory = [...required];
  for (const name of Object.keys(properties)) {
    if (mandatory.length >= minProperties) break;
    if (!mandatory.includes(name) && permitted(name) && !Object.hasOwn(dependentSchemas, name))
      mandatory.push(name);
  }
  optional = optional
    .filter((n) => !mandatory.includes(n))
    .slice(0, Math.max(0, maxProperties - mandatory.length));

  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of mandatory)
    setOwn(model, name, builder.lazy(valueSchema(name), base, state, true));
  for (const name of optional)
    setOwn(model, name, builder.lazy(valueSchema(name), base, state, false));
  const present = Object.keys(model);
  // Dependents of every member that may be present, generated always and used when needed.
  const dependentModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of present) {
    for (const dependent of dependents(name)) {
      if (!mandatory.includes(dependent) && !Object.hasOwn(dependentModel, dependent)) {
        setOwn(dependentModel, dependent, builder.lazy(valueSchema(dependent), base, state, false));
      }
    }
  }
  let extraCount = Math.max(0, minProperties - mandatory.length);
  const extrasAllowed = !closed && free && allowedNames === undefined;
  if (extraCount > 0 && !extrasAllowed)
    throw new CannotGenerate(
      "minProperties",
      `minProperties ${minProperties} needs members the schema does not allow`,
    );
  const extraMax = Math.min(
    maxProperties - mandatory.length,
    extraCount + (extrasAllowed && isJsonObject(additional) && !state.minimal ? EXTRA_MEMBERS : 0),
  );
  extraCount = Math.min(extraCount, extraMax);
  const taken = (name: string): boolean =>
    Object.hasOwn(properties, name) ||
    Object.hasOwn(dependentModel, name) ||
    matching(name).length > 0;
  const extras =
    extraMax > 0
      ? fc.uniqueArray(
          fc.tuple(
            fc.stringMatching(EXTRA_NAME).filter((n) => !taken(n)),
            builder.build(valueSchema("\u0000"), base, state),
          ),
          { minLength: extraCount, maxLength: extraMax, selector: ([name]) => name },
        )
      : fc.constant([] as [string, unknown][]);
  // One member per pattern, sometimes, when the object is open to more members.
  const patternMembers =
    free &&
    !state.minimal &&
    maxProperties === Number.POSITIVE_INFINITY &&
    allowedNames === undefined
      ? patterns.map((p) =>
          fc.option(
            patternMember(
              builder,
              p.regex,
              base,
              state,
              (name) => !Object.hasOwn(properties, name) && !Object.hasOwn(dependentModel, name),
              valueSchema,
            ),
            { nil: undefined },
          ),
        )
      : [];
  return fc
    .tuple(
      fc.record(model, { requiredKeys: mandatory }),
      fc.record(dependentModel),
      extras,
      fc.tuple(...patternMembers),
    )
    .map(([main, dependentValues, extra, fromPatterns]) => {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(main)) if (v !== OMIT) setOwn(out, k, v);
      for (const [k, v] of extra) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
      for (const member of fromPatterns)
        if (member && !Object.hasOwn(out, member[0])) setOwn(out, member[0], member[1]);
      // dependentRequired: add what present triggers need, until nothing changes.
      for (let changed = true; changed; ) {
        changed = false;
        for (const name of Object.keys(out)) {
          for (const dependent of dependents(name)) {
            if (
              !Object.hasOwn(out, dependent) &&
              Object.hasOwn(dependentValues, dependent) &&
              dependentValues[dependent] !== OMIT
            ) {
              setOwn(out, dependent, dependentValues[dependent]);
              changed = true;
            }
          }
        }
      }
      return out;
    });
}

/** A `[name, value]` member whose name matches `regex` and whose value satisfies its patterns. */
function patternMember(
  builder: Builder,
  regex: RegExp,
  base: string,
  state: BuildState,
  usable: (name: string) => boolean,
  valueSchema: (name: string) => unknown,
): fc.Arbitrary<[string, unknown] | undefined> {
  let names: fc.Arbitrary<string>;
  try {
    names = fc.stringMatching(regex, { maxLength: 16 });
  } catch {
    return fc.constant(undefined);
  }
  const byName = new Map<string, fc.Arbitrary<[string, unknown] | undefined>>();
  return names.chain((name) => {
    if (!usable(name)) return fc.constant(undefined);
    const key = JSON.stringify(valueSchema(name));
    let arbitrary = byName.get(key);
    if (arbitrary === undefined) {
      try {
        arbitrary = builder
          .build(valueSchema(name), base, state)
          .map((value): [string, unknown] => [name, value]);
      } catch (error) {
        if (!(error instanceof CannotGenerate)) throw error;
        arbitrary = fc.constant(undefined);
      }
      byName.set(key, arbitrary);
    }
    // The name is the one drawn: the cached arbitrary carries the first name, so rename.
    return arbitrary.map((member) =>
      member === undefined ? undefined : ([name, member[1]] as [string, unknown]),
    );
  });
}
