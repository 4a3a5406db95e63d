import type { OpenApiDocument } from "../document/load-document.js";
import { type Change, compareChanges } from "./change.js";
import { collectOperations, type OperationView } from "./collect-operations.js";
import { SchemaComparer, type SchemaRoot } from "./compare-schemas.js";
import type { AnyRule } from "./define-rule.js";
import { DocumentSide } from "./document-side.js";
import { matchMediaTypes } from "./match-media-types.js";
import { SchemaNormaliser } from "./normalise-schema.js";
import { RULES, rulesFor } from "./rule-registry.js";

/** Options of {@link diffDocuments}. */
export interface DiffOptions {
  /** Names of the documents for error messages (a dangling `$ref` names its file). */
  readonly oldSource?: string;
  readonly newSource?: string;
  /** The rules to run; all of {@link RULES} by default. */
  readonly rules?: readonly AnyRule[];
}

/**
 * Compare two whole OpenAPI documents (3.0 or 3.1) and classify every difference, most severe first.
 * Operations are matched by method and path template; their schemas by resolved shape.
 * Throws a SpecError (exit 2) when a `$ref` points at nothing.
 */
export function diffDocuments(
  oldDoc: OpenApiDocument,
  newDoc: OpenApiDocument,
  options: DiffOptions = {},
): Change[] {
  const rules = options.rules ?? RULES;
  const oldSide = new DocumentSide(oldDoc, options.oldSource ?? "OLD");
  const newSide = new DocumentSide(newDoc, options.newSource ?? "NEW");
  const changes: Change[] = [];
  for (const rule of rulesFor("document", rules)) {
    changes.push(...rule.run({ operation: null, old: oldSide, new: newSide }));
  }
  const oldOps = collectOperations(oldSide);
  const newOps = collectOperations(newSide);
  const newPathKeys = new Set([...newOps.values()].map((op) => op.pathKey));
  for (const [key, before] of oldOps) {
    if (newOps.has(key)) continue;
    const pair = {
      operation: before.label,
      old: before,
      pathStillExists: newPathKeys.has(before.pathKey),
    };
    for (const rule of rulesFor("endpoint", rules)) changes.push(...rule.run(pair));
  }
  const oldSchemas = new SchemaNormaliser(oldSide);
  const newSchemas = new SchemaNormaliser(newSide);
  const comparer = new SchemaComparer(oldSchemas, newSchemas, rulesFor("schema", rules));
  for (const [key, after] of newOps) {
    const before = oldOps.get(key);
    if (!before) {
      const pair = { operation: after.label, new: after, pathStillExists: true };
      for (const rule of rulesFor("endpoint", rules)) changes.push(...rule.run(pair));
      continue;
    }
    changes.push(...compareOperation(before, after, rules, comparer, oldSchemas, newSchemas));
  }
  return dedupe(changes).sort(compareChanges);
}

function compareOperation(
  before: OperationView,
  after: OperationView,
  rules: readonly AnyRule[],
  comparer: SchemaComparer,
  oldSchemas: SchemaNormaliser,
  newSchemas: SchemaNormaliser,
): Change[] {
  const operation = after.label;
  const changes: Change[] = [];
  for (const rule of rulesFor("operation", rules)) {
    changes.push(...rule.run({ operation, old: before, new: after, oldSchemas, newSchemas }));
  }
  const roots: SchemaRoot[] = [];
  for (const key of new Set([...before.parameters.keys(), ...after.parameters.keys()])) {
    const oldParam = before.parameters.get(key);
    const newParam = after.parameters.get(key);
    const pair = {
      operation,
      ...(oldParam ? { old: oldParam } : {}),
      ...(newParam ? { new: newParam } : {}),
      oldSchemas,
      newSchemas,
    };
    for (const rule of rulesFor("parameter", rules)) changes.push(...rule.run(pair));
    if (oldParam?.schema && newParam?.schema) {
      const where = `${newParam.in} request parameter '${newParam.name}'`;
      roots.push({
        operation,
        direction: "request",
        kind: "parameter",
        where,
        parameterIn: newParam.in,
        old: oldParam.schema,
        new: newParam.schema,
      });
    }
  }
  const bodyTypes = matchMediaTypes(
    before.requestBody?.content.keys() ?? [],
    after.requestBody?.content.keys() ?? [],
  );
  for (const [oldType, mediaType] of bodyTypes.pairs) {
    const previous = before.requestBody?.content.get(oldType);
    const media = after.requestBody?.content.get(mediaType);
    if (previous?.schema && media?.schema) {
      roots.push({
        operation,
        direction: "request",
        kind: "body",
        where: mediaType,
        old: previous.schema,
        new: media.schema,
      });
    }
  }
  for (const [status, response] of after.responses) {
    const earlier = before.responses.get(status);
    if (!earlier) continue;
    for (const [oldType, mediaType] of matchMediaTypes(
      earlier.content.keys(),
      response.content.keys(),
    ).pairs) {
      const previous = earlier.content.get(oldType);
      const media = response.content.get(mediaType);
      if (previous?.schema && media?.schema) {
        const where = `${status} ${mediaType}`;
        roots.push({
          operation,
          direction: "response",
          kind: "body",
          where,
          old: previous.schema,
          new: media.schema,
        });
      }
    }
  }
  for (const root of roots) changes.push(...comparer.compare(root));
  return changes;
}

/** The same finding reached twice (a shared component under two roots with the same text) is reported once. */
function dedupe(changes: readonly Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.id}\u0000${change.operation}\u0000${change.location}\u0000${change.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
