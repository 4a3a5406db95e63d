/** ajv error objects → contract violations that name the offending value by JSON Pointer. */
import { escapePointerToken as escapeToken, getAtPointer as valueAt } from "../json-pointer.js";
import { patternBudgetExceeded } from "../pattern-budget.js";
import type { AjvLikeError, Violation } from "./types.js";

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(",");
  return types.length > 1
    ? `${types.slice(0, -1).join(", ")} or ${types.at(-1)}`
    : String(types[0]);
}

const json = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Sentences for ajv's keywords, from the error params (the validators carry no messages). */
const MESSAGES: Readonly<Record<string, (p: Record<string, unknown>) => string>> = {
  type: (p) => `must be ${describeTypes(p.type)}`,
  enum: (p) => `must be one of ${(p.allowedValues as unknown[]).map(json).join(", ")}`,
  const: (p) => `must be ${json(p.allowedValue)}`,
  format: (p) => `must be a valid ${String(p.format)}`,
  pattern: (p) => `must match the pattern ${String(p.pattern)}`,
  maxLength: (p) => `must be at most ${p.limit} characters long`,
  minLength: (p) => `must be at least ${p.limit} characters long`,
  maximum: (p) => `must be ${p.comparison} ${p.limit}`,
  minimum: (p) => `must be ${p.comparison} ${p.limit}`,
  exclusiveMaximum: (p) => `must be ${p.comparison} ${p.limit}`,
  exclusiveMinimum: (p) => `must be ${p.comparison} ${p.limit}`,
  multipleOf: (p) => `must be a multiple of ${p.multipleOf}`,
  maxItems: (p) => `must have at most ${p.limit} items`,
  minItems: (p) => `must have at least ${p.limit} items`,
  additionalItems: (p) => `must have at most ${p.limit} items`,
  uniqueItems: (p) => `must not have duplicate items (items ${p.j} and ${p.i} are equal)`,
  contains: (p) => `must contain at least ${p.minContains ?? 1} matching item(s)`,
  maxProperties: (p) => `must have at most ${p.limit} properties`,
  minProperties: (p) => `must have at least ${p.limit} properties`,
  propertyNames: (p) => `has an invalid property name '${String(p.propertyName)}'`,
  dependentRequired: (p) =>
    `must have property '${String(p.missingProperty)}' when '${String(p.property)}' is present`,
  anyOf: () => "must match at least one schema of anyOf",
  oneOf: (p) =>
    Array.isArray(p.passingSchemas)
      ? `must match exactly one schema of oneOf (matches ${p.passingSchemas.join(" and ")})`
      : "must match exactly one schema of oneOf (matches none)",
  not: () => "must not match the schema of not",
  if: (p) => `must match the '${String(p.failingKeyword)}' schema`,
  "false schema": () => "no value is allowed here",
};

function message(error: AjvLikeError): string {
  const write = MESSAGES[error.keyword];
  return write ? write(error.params) : (error.message ?? `breaks '${error.keyword}'`);
}

/**
 * One violation per ajv error, in ajv's order. A missing property is reported at the pointer it
 * should have had (`/results/2/payer_id`), an unexpected one (additionalProperties or
 * unevaluatedProperties) at its own pointer (`/foo`), with its value; every other violation
 * carries the offending value.
 */
export function toViolations(errors: readonly AjvLikeError[], body: unknown): Violation[] {
  return errors.map((error) => {
    const at = error.instancePath;
    if (error.keyword === "required") {
      const name = String(error.params.missingProperty);
      return {
        pointer: `${at}/${escapeToken(name)}`,
        keyword: "required",
        message: `missing required property '${name}'`,
      };
    }
    if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
      const name = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      const pointer = `${at}/${escapeToken(name)}`;
      return {
        pointer,
        keyword: error.keyword,
        message: `unexpected property '${name}' (the schema allows no other properties)`,
        value: valueAt(body, pointer),
      };
    }
    const value = valueAt(body, at);
    if (error.keyword === "pattern" && patternBudgetExceeded(error.params.pattern, value)) {
      return {
        pointer: at,
        keyword: "pattern-budget-exceeded",
        message: `could not be checked against the pattern ${String(error.params.pattern)} within its time budget (the pattern needs a backtracking engine; see the codegen warning)`,
        value,
      };
    }
    return { pointer: at, keyword: error.keyword, message: message(error), value };
  });
}
