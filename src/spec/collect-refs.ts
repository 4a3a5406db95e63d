import { SpecError } from "../errors.js";
import { getAtPointer, parsePointer, toPointer } from "./json-pointer.js";
import type { OpenApiDocument } from "./load-document.js";

/** A reference and the JSON Pointer of the place that makes it (`…/schema/$ref`). */
export interface RefUse {
  readonly ref: string;
  readonly at: string;
}

/** Keys of a path item that hold operations. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Every `$ref` under `node` (whose own pointer is `tokens`), plus discriminator `mapping` targets,
 * which name schemas without a `$ref` keyword. A bare mapping name means `#/components/schemas/<name>`.
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
export function findRefs(node: unknown, tokens: readonly (string | number)[] = []): RefUse[] {
  const found: RefUse[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.$ref === "string")
      found.push({ ref: value.$ref, at: toPointer([...path, "$ref"]) });
    const discriminator = value.discriminator;
    if (
      isObject(discriminator) &&
      typeof discriminator.propertyName === "string" &&
      isObject(discriminator.mapping)
    ) {
      for (const [key, target] of Object.entries(discriminator.mapping)) {
        if (typeof target !== "string") continue;
        const ref = /[#/]/.test(target) ? target : `#/components/schemas/${target}`;
        found.push({ ref, at: toPointer([...path, "discriminator", "mapping", key]) });
      }
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(node, [...tokens]);
  return found;
}

/**
 * Security schemes named by the document's global `security` and by each operation's `security`,
 * as references to `#/components/securitySchemes/<name>`.
 */
export function findSecurityUses(document: OpenApiDocument): RefUse[] {
  const uses: RefUse[] = [];
  const addRequirements = (security: unknown, tokens: (string | number)[]): void => {
    if (!Array.isArray(security)) return;
    security.forEach((requirement, index) => {
      if (!isObject(requirement)) return;
      for (const name of Object.keys(requirement)) {
        uses.push({
          ref: `#${toPointer(["components", "securitySchemes", name])}`,
          at: toPointer([...tokens, index, name]),
        });
      }
    });
  };
  addRequirements(document.security, ["security"]);
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation))
        addRequirements(operation.security, ["paths", path, method, "security"]);
    }
  }
  return uses;
}

/**
 * The value a local reference points at. An external reference (not starting with `#`) and one that
 * points at nothing are {@link SpecError}s naming the ref and where it is used.
 */
export function resolveLocalRef(document: OpenApiDocument, use: RefUse, file: string): unknown {
  if (!use.ref.startsWith("#")) {
    throw new SpecError(
      `${file}: external $ref '${use.ref}' at ${use.at} is not supported in vendored documents; inline the referenced document's content under components and refer to it with '#/components/…'`,
      file,
      use.at,
    );
  }
  let target: unknown;
  try {
    target = getAtPointer(document, use.ref);
  } catch {
    target = undefined;
  }
  if (target === undefined) {
    throw new SpecError(
      `${file}: unresolvable $ref '${use.ref}' at ${use.at}: nothing is defined there; define it or fix the reference`,
      file,
      use.at,
    );
  }
  return target;
}

/** `/components/<section>/<name>` of a reference into components, or `undefined` for other refs. */
export function componentPointer(ref: string): string | undefined {
  let tokens: string[];
  try {
    tokens = parsePointer(ref);
  } catch {
    return undefined;
  }
  const [root, section, name] = tokens;
  if (root !== "components" || section === undefined || name === undefined) return undefined;
  return toPointer([root, section, name]);
}

/**
 * Pointers (`/components/<section>/<name>`) of every component reachable from `roots`, transitively:
 * each reached component is walked for further refs. Refs elsewhere in the document (say into
 * `#/paths/…`) are followed too, so that components reached through them count. Unresolvable and
 * external refs are {@link SpecError}s.
 */
export function collectReachableComponents(
  document: OpenApiDocument,
  roots: readonly RefUse[],
  file: string,
): Set<string> {
  const reached = new Set<string>();
  const visited = new Set<string>();
  const queue = [...roots];
  for (let use = queue.shift(); use !== undefined; use = queue.shift()) {
    const target = resolveLocalRef(document, use, file);
    const component = componentPointer(use.ref);
    if (component !== undefined) {
      if (reached.has(component)) continue;
      reached.add(component);
      queue.push(...findRefs(getAtPointer(document, component), parsePointer(component)));
    } else if (!visited.has(use.ref)) {
      visited.add(use.ref);
      queue.push(...findRefs(target, parsePointer(use.ref)));
    }
  }
  return reached;
}

/**
 * Check that every `$ref`, discriminator mapping and security requirement in `document` resolves
 * locally; the first that does not is a {@link SpecError} naming the ref and where it is used.
 */
export function assertRefsResolve(document: OpenApiDocument, file: string): void {
  for (const use of [...findRefs(document), ...findSecurityUses(document)]) {
    resolveLocalRef(document, use, file);
  }
}
