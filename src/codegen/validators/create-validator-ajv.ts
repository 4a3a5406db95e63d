/**
 * The ajv instance the validators are compiled with: every error collected, strict mode on, formats
 * from src/runtime/formats.ts, standalone ESM source output. It is ajv's default (draft-07) class
 * plus the 2019/2020 `next` vocabulary (and `unevaluated*` only when a schema uses them): the
 * 2020-12 class adds evaluated-property bookkeeping to every function, which measured 1.5–2× slower
 * on the Gcore invoice page; the transform writes tuples in the draft-07 form.
 * @see https://ajv.js.org/options.html
 * @see https://ajv.js.org/strict-mode.html
 */
import AjvModule, { _, type CodeKeywordDefinition, type Format, type KeywordCxt } from "ajv";
import nextVocabulary from "ajv/dist/vocabularies/next.js";
import unevaluatedVocabulary from "ajv/dist/vocabularies/unevaluated/index.js";
import { formats } from "../../runtime/formats.js";

// ajv ships CommonJS: Node's ESM loader hands over `module.exports` (the real export is its
// `.default`), while bundlers and vitest may unwrap it already.
const Ajv = AjvModule.default;
type Vocabulary = typeof nextVocabulary.default;
const vocabulary = (module: { default: Vocabulary } | Vocabulary): Vocabulary =>
  Array.isArray(module) ? module : module.default;

/** The ajv class the validators are compiled with. */
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
  /** Track evaluated properties/items (only when some schema uses `unevaluated*`: it costs time). */
  readonly unevaluated: boolean;
}

/** A fresh ajv instance configured for the validators of one API. */
export function createValidatorAjv(options: ValidatorAjvOptions): ValidatorAjv {
  const ajv = new Ajv({
    allErrors: true,
    // Strict mode stays on for what it is for: unknown keywords and formats, ignored keywords.
    strict: true,
    // Legal JSON Schema that vendors write (`properties` without `type: object`, `required` naming
    // a property defined in an allOf branch, open tuples) must compile, not fail the spec.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
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
  });
  for (const [name, check] of Object.entries(formats)) {
    ajv.addFormat(name, check as unknown as Format);
  }
  ajv.addVocabulary(vocabulary(nextVocabulary));
  if (options.unevaluated) ajv.addVocabulary(vocabulary(unevaluatedVocabulary));
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS]);
  ajv.addKeyword(nullOrKeyword);
  return ajv;
}
