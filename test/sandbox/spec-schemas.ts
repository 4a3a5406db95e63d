import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import yaml from "js-yaml";

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

const GCORE_SPEC = "specs/gcore-billing/openapi.yaml";
const SOFTWAREONE_SPEC = "specs/softwareone-marketplace/openapi.json";

/** OpenAPI numeric/decimal formats carry no constraint ajv can check; accept them. */
const OPENAPI_FORMATS = ["decimal", "int32", "int64", "double", "float", "binary"];

/**
 * The strictest reading of OpenAPI 3.0.3's `nullable`: it only widens a sibling `type`. Beside an
 * `allOf` it adds nothing, so it is dropped there (ajv refuses `nullable` without `type`).
 */
function strictNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strictNullable);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(
    ([key, inner]) => !(key === "nullable" && typeof inner === "boolean" && !("type" in value)),
  );
  return Object.fromEntries(entries.map(([key, inner]) => [key, strictNullable(inner)]));
}

/** A validator for `#/components/schemas/<name>` of the vendored Gcore spec (OpenAPI 3.1, 2020-12). */
export function gcoreSchemaValidator(name: string): ValidateFunction {
  const document = yaml.load(readFileSync(GCORE_SPEC, "utf8")) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema(document, "gcore");
  return ajv.compile({ $ref: `gcore#/components/schemas/${name}` });
}

/** A validator for `#/components/schemas/<name>` of the vendored SoftwareOne spec (OpenAPI 3.0). */
export function softwareoneSchemaValidator(name: string): ValidateFunction {
  const document = strictNullable(JSON.parse(readFileSync(SOFTWAREONE_SPEC, "utf8"))) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema(document, "softwareone");
  return ajv.compile({ $ref: `softwareone#/components/schemas/${name}` });
}
