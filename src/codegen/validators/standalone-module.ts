/**
 * ajv's standalone code for many exports, assembled with strings.
 *
 * `ajv/dist/standalone` appends each export to one growing `_Code` whose item array is copied on
 * every append: quadratic in the number of exports (seconds for GitHub's 954 response validators).
 * This is the same algorithm (same scope walk, same output) with each function's code flattened to
 * one string as soon as it is built.
 * @see https://github.com/ajv-validator/ajv/blob/master/lib/standalone/index.ts
 */
import { _Code } from "ajv/dist/compile/codegen/code.js";
import {
  type UsedScopeValues,
  UsedValueState,
  type ValueScopeName,
} from "ajv/dist/compile/codegen/scope.js";
import type { ValidatorAjv } from "./create-validator-ajv.js";

interface SourceLike {
  readonly validateName: ValueScopeName;
  readonly validateCode: string;
  readonly scopeValues: Parameters<ValidatorAjv["scope"]["scopeCode"]>[0];
  readonly evaluated?: unknown;
}

/**
 * ESM source exporting, for each `name → schema id`, `export const <name> = <function>;` followed
 * by the code of every function (and scope value) it needs that was not emitted yet.
 */
export function standaloneModule(
  ajv: ValidatorAjv,
  exports: Readonly<Record<string, string>>,
): string {
  const n = ajv.opts.code.lines ? "\n" : "";
  const usedValues: UsedScopeValues = {};
  const parts: string[] = [];

  const usedState = (name: ValueScopeName): UsedValueState | undefined =>
    usedValues[name.prefix]?.get(name);

  const validateCode = (source: SourceLike | undefined): string => {
    if (!source) throw new Error("ajv: compiled function has no source (code.source must be true)");
    if (usedState(source.validateName) === UsedValueState.Completed) return "";
    const names = usedValues[source.validateName.prefix] ?? new Map();
    usedValues[source.validateName.prefix] = names;
    names.set(source.validateName, UsedValueState.Started);
    const scope = ajv.scope.scopeCode(source.scopeValues, usedValues, refValidateCode).toString();
    const code = `${scope}${n}${source.validateCode}`;
    return source.evaluated
      ? `${code}${source.validateName}.evaluated = ${source.evaluated};${n}`
      : code;
  };

  function refValidateCode(name: ValueScopeName): _Code | undefined {
    const ref = name.value?.ref as
      | { source?: SourceLike; validate?: { source?: SourceLike }; validateName?: unknown }
      | undefined;
    if (name.prefix === "validate" && typeof ref === "function") {
      return new _Code(validateCode((ref as { source?: SourceLike }).source));
    }
    if ((name.prefix === "root" || name.prefix === "wrapper") && typeof ref === "object" && ref) {
      const wrapper = `const ${name} = {validate: ${String(ref.validateName)}};`;
      const inner = ref.validate?.source;
      if (inner && usedState(inner.validateName) === UsedValueState.Started)
        return new _Code(wrapper);
      return new _Code(`${wrapper}${n}${validateCode(inner)}`);
    }
    return undefined;
  }

  const emitted = new Set<ValueScopeName>();
  for (const [exportName, id] of Object.entries(exports)) {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`ajv: no schema with id ${id}`);
    const source = validate.source as SourceLike | undefined;
    parts.push(`export const ${exportName} = ${String(source?.validateName)};`);
    // A function exported twice, or already emitted as another export's dependency, is written once.
    if (
      source &&
      !emitted.has(source.validateName) &&
      usedState(source.validateName) === undefined
    ) {
      parts.push(validateCode(source));
    }
    if (source) emitted.add(source.validateName);
  }
  return parts.join(n);
}
