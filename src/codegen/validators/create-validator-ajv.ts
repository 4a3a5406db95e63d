/**
 * The ajv instance the validators are compiled with: every error collected, strict mode on, formats
 * from src/runtime/formats.ts, standalone ESM source output. It is ajv's default (draft-07) class
 * plus the 2019/2020 `next` vocabulary, or, when a schema uses `unevaluated*`, ajv's 2020-12 class
 * (see {@link ValidatorAjvOptions.unevaluated} for the measured trade-off).
 * @see https://ajv.js.org/options.html
 * @see https://ajv.js.org/strict-mode.html
 */

import AjvModule, { _, type CodeKeywordDefinition, type Format, type KeywordCxt } from "ajv";
import CoreModule from "ajv/dist/core.js";
import draft2020Module from "ajv/dist/vocabularies/draft2020.js";
import dynamicModule from "ajv/dist/vocabularies/dynamic/index.js";
import nextVocabulary from "ajv/dist/vocabularies/next.js";
import { formats } from "../../runtime/formats.js";

// ajv ships CommonJS: Node's ESM loader hands over `module.exports` (the real export is its
// `.default`), while bundlers and vitest may unwrap it already.
const Ajv = AjvModule.default;

/**
 * ajv's 2020-12 class without its `dynamic` vocabulary: the registry resolves `$dynamicRef`
 * statically (schema-registry.ts), and ajv's dynamic-anchor bookkeeping would add a context
 * argument to every function call.
 */
type CoreClass = typeof CoreModule.default;
// Node hands over `exports` (the class is its `.default`); vitest may hand over the class itself.
const Core: CoreClass =
  (CoreModule as unknown as { default?: CoreClass }).default ??
  (CoreModule as unknown as CoreClass);
const draft2020 =
  (draft2020Module as unknown as { default?: Vocabulary[] }).default ??
  (draft2020Module as unknown as Vocabulary[]);

class Ajv2020Static extends Core {
  constructor(opts: ConstructorParameters<CoreClass>[0] = {}) {
    super({ ...opts, next: true, unevaluated: true });
  }
  override _addVocabularies(): void {
    super._addVocabularies();
    const dynamic = vocabulary(dynamicModule);
    for (const v of draft2020) if (v !== dynamic) this.addVocabulary(v);
  }
}
type Vocabulary = typeof nextVocabulary.default;
const vocabulary = (module: { default: Vocabulary } | Vocabulary): Vocabulary =>
  Array.isArray(module) ? module : module.default;

/** The ajv class the validators are compiled with (the 2020-12 class is a subclass of it). */
export type ValidatorAjv = InstanceType<typeof Ajv>;

/**
 * OpenAPI annotation keywords, declared to ajv so that strict mode knows them (JSON Schema's own,
 * such as `description`, `readOnly` or `examples`, ajv knows already). The transform drops them
 * before compiling; the declaration keeps raw OpenAPI schemas compilable in strict mode too.
 */
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"] as const;

/**
 * `nullOr: <schema>`: null passes; anything else must match the subschema, whose errors are the
 * only ones reported. The transform writes it for `nullable` beside `$ref`/`allOf`/… and for the
 * normalised `anyOf: [X, {type: "null"}]`, where anyOf would add "must be null" noise.
 */
export const nullOrKeyword: CodeKeywordDefinition = {
  keyword: "nullOr",
  schemaType: ["object", "boolean"],
  code(cxt: KeywordCxt) {
    const { gen, data, it } = cxt;
    // The keyword lets subschema errors speak for it, which is only right when ajv collects them all.
    if (!it.allErrors) throw new Error("nullOr requires allErrors");
    const valid = gen.name("valid");
    gen.if(_`${data} !== null`, () => {
      const child = cxt.subschema({ keyword: "nullOr" }, valid);
      cxt.mergeEvaluated(child);
    });
  },
};

/** Options of {@link createValidatorAjv}. */
export interface ValidatorAjvOptions {
  /** Module specifier of `src/runtime` as the generated file sees it. */
  readonly runtimeImport: string;
  /**
   * Some schema uses `unevaluatedProperties`/`unevaluatedItems`: compile with ajv's 2020-12 class,
   * whose evaluated-item bookkeeping is right where the draft-07 class with the `unevaluated`
   * vocabulary is not (tuples and `items` inside `anyOf`/`if`). It costs time in every function:
   * 1.3× the draft-07 class on the Gcore invoice page (0.26 vs 0.20 of JSON.parse, same run), so
   * documents without `unevaluated*` keep the draft-07 class (tuples converted, draft07-tuples.ts).
   */
  readonly unevaluated: boolean;
}

/** A fresh ajv instance configured for the validators of one API. */
export function createValidatorAjv(options: ValidatorAjvOptions): ValidatorAjv {
  const options07or2020 = {
    allErrors: true,
    // Strict mode stays on for what it is for: unknown keywords and formats, ignored keywords.
    strict: true,
    // Legal JSON Schema that vendors write (`properties` without `type: object`, `required` naming
    // a property defined in an allOf branch, open tuples) must compile, not fail the spec.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // JSON Schema lets a property also match a `patternProperties` pattern; both apply.
    allowMatchingProperties: true,
    // minContains/maxContains (2019-09+) are read by `contains` only with this on.
    next: true,
    // The transform checks every keyword's shape; meta-schema validation would only cost time.
    validateSchema: false,
    // Never inline a `$ref`: every referenced schema becomes one shared function.
    inlineRefs: false,
    unicodeRegExp: true,
    unevaluated: options.unevaluated,
    // Messages are written from the error params at run time (to-violations.ts): ajv's message
    // expressions would be a sixth of the generated code.
    messages: false,
    code: {
      source: true,
      esm: true,
      lines: true,
      // ajv's optimizer triples compile time (GitHub: 1.8 s → 5.5 s) to save a fifth of the size.
      optimize: false,
      formats: _`require(${`${options.runtimeImport}/formats.js`}).formats`,
    },
  } as const;
  const ajv = (
    options.unevaluated ? new Ajv2020Static(options07or2020) : new Ajv(options07or2020)
  ) as ValidatorAjv;
  for (const [name, check] of Object.entries(formats)) {
    ajv.addFormat(name, check as unknown as Format);
  }
  // The 2020-12 class has both vocabularies already.
  if (!options.unevaluated) ajv.addVocabulary(vocabulary(nextVocabulary));
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS]);
  ajv.addKeyword(nullOrKeyword);
  return ajv;
}
