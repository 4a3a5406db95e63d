/**
 * The shape of `specs/<api>/contract.json`, declared once as data: the loader checks a file
 * against it (an unknown key is named with its JSON Pointer and the closest known key), and the
 * same declaration is written out as a JSON Schema for editors (`contract.schema.json`). Written
 * by hand rather than with ajv because the messages must carry a did-you-mean from the known keys,
 * and the shape is small.
 */
import { didYouMean } from "../../document/closest-match.js";
import { ApiContractsError } from "../../errors.js";
import { toPointer } from "../../runtime/json-pointer.js";

/**
 * A `specs/<api>/contract.json` that cannot be used: a wrong or unknown key, or a semantic
 * declaration naming a field or parameter the document lacks. Exit 2; `file` and `pointer` say where.
 */
export class ApiConfigError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "ApiConfigError";
  constructor(
    message: string,
    readonly file: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** One node of the declared shape. */
export type Shape =
  | {
      readonly kind: "string";
      readonly pattern?: RegExp;
      readonly expected?: string;
      readonly enum?: readonly string[];
    }
  | { readonly kind: "boolean" }
  | { readonly kind: "integer"; readonly minimum: number; readonly maximum: number }
  | { readonly kind: "array"; readonly items: Shape }
  | { readonly kind: "record"; readonly values: Shape; readonly keys?: string }
  | {
      readonly kind: "object";
      readonly fields: Readonly<Record<string, Shape>>;
      readonly required?: readonly string[];
      readonly description?: string;
    }
  | { readonly kind: "oneOf"; readonly options: readonly Shape[]; readonly expected: string };

type Tokens = readonly (string | number)[];

function fail(file: string, tokens: Tokens, problem: string): never {
  const pointer = toPointer(tokens);
  throw new ApiConfigError(
    `${file}: ${pointer || "the top level"} ${problem}; see the README section "Everything about an API in specs/<api>/"`,
    file,
    pointer,
  );
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case "string":
      return (
        shape.expected ??
        (shape.enum ? `one of ${shape.enum.map((v) => `'${v}'`).join(", ")}` : "a non-empty string")
      );
    case "boolean":
      return "true or false";
    case "integer":
      return `an integer from ${shape.minimum} to ${shape.maximum}`;
    case "array":
      return "an array";
    case "record":
    case "object":
      return "an object";
    case "oneOf":
      return shape.expected;
  }
}

function matches(value: unknown, shape: Shape): boolean {
  try {
    checkShape(value, shape, "", []);
    return true;
  } catch {
    return false;
  }
}

/** Check `value` against `shape`, throwing an {@link ApiConfigError} at the first mismatch. */
export function checkShape(value: unknown, shape: Shape, file: string, tokens: Tokens): void {
  const wrong = (): never => fail(file, tokens, `must be ${describe(shape)}`);
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string" || value === "") wrong();
      if (shape.enum && !shape.enum.includes(value as string))
        fail(
          file,
          tokens,
          `is '${String(value)}'; must be ${describe(shape)}${didYouMean(String(value), shape.enum)}`,
        );
      if (shape.pattern && !shape.pattern.test(value as string)) wrong();
      return;
    case "boolean":
      if (typeof value !== "boolean") wrong();
      return;
    case "integer":
      if (
        typeof value !== "number" ||
        !Number.isInteger(value) ||
        value < shape.minimum ||
        value > shape.maximum
      )
        wrong();
      return;
    case "array":
      if (!Array.isArray(value)) wrong();
      (value as unknown[]).forEach((item, i) => {
        checkShape(item, shape.items, file, [...tokens, i]);
      });
      return;
    case "record":
      if (value === null || typeof value !== "object" || Array.isArray(value)) wrong();
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkShape(item, shape.values, file, [...tokens, key]);
      }
      return;
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) wrong();
      const object = value as Record<string, unknown>;
      const known = Object.keys(shape.fields);
      for (const key of Object.keys(object)) {
        if (!known.includes(key)) {
          fail(
            file,
            [...tokens, key],
            `is not a known key${didYouMean(key, known)}; known here: ${known.join(", ")}`,
          );
        }
        checkShape(object[key], shape.fields[key] as Shape, file, [...tokens, key]);
      }
      for (const key of shape.required ?? []) {
        if (object[key] === undefined) fail(file, [...tokens, key], `is missing; it is required`);
      }
      return;
    }
    case "oneOf":
      if (!shape.options.some((option) => matches(value, option))) wrong();
      return;
  }
}

/** The JSON Schema (draft 2020-12) of a shape, for editors' completion and checks. */
export function shapeToJsonSchema(shape: Shape): Record<string, unknown> {
  switch (shape.kind) {
    case "string":
      return {
        type: "string",
        minLength: 1,
        ...(shape.enum ? { enum: [...shape.enum] } : {}),
        ...(shape.pattern ? { pattern: shape.pattern.source } : {}),
      };
    case "boolean":
      return { type: "boolean" };
    case "integer":
      return { type: "integer", minimum: shape.minimum, maximum: shape.maximum };
    case "array":
      return { type: "array", items: shapeToJsonSchema(shape.items) };
    case "record":
      return {
        type: "object",
        ...(shape.keys ? { description: shape.keys } : {}),
        additionalProperties: shapeToJsonSchema(shape.values),
      };
    case "object":
      return {
        type: "object",
        ...(shape.description ? { description: shape.description } : {}),
        properties: Object.fromEntries(
          Object.entries(shape.fields).map(([key, field]) => [key, shapeToJsonSchema(field)]),
        ),
        ...(shape.required?.length ? { required: [...shape.required] } : {}),
        additionalProperties: false,
      };
    case "oneOf":
      return { oneOf: shape.options.map(shapeToJsonSchema) };
  }
}
