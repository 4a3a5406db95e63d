import { SpecError } from "../errors.js";
import { parsePointer, toPointer, unescapePointerToken } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";
import type { OpenApiDocument } from "./load-document.js";
import {
  collectSchemaResources,
  DOCUMENT_BASE,
  HTTP_METHOD_KEYS,
  isMetaSchemaRef,
  kindAt,
  type NodeKind,
  resolveRefTokens,
  type SchemaResources,
  walkDocument,
} from "./walk-schemas.js";

/**
 * A reference and the JSON Pointer of the place that makes it (`…/schema/$ref`); `kind` is what the
 * referring position holds (so what the target must be), `base` the base URI the ref resolves
 * against (a schema `$id` changes it; absent means the document's own).
 */
export interface RefUse {
  readonly ref: string;
  readonly at: string;
  readonly kind?: NodeKind;
  readonly base?: string;
}

/** Keys of a path item that hold operations. @see https://spec.openapis.org/oas/v3.1.0#path-item-object */
export const HTTP_METHODS: string[] = [...HTTP_METHOD_KEYS];

/**
 * Every `$ref` under `node` (whose own pointer is `tokens`, which also says what kind of OpenAPI
 * object it is unless `kind` is given), found by the schema-aware walk (walk-schemas.ts): a
 * `$ref`-shaped object in `enum`, `const`, `default`, `example(s)` or an extension is data and is
 * not reported. Discriminator `mapping` targets name schemas without a `$ref` keyword and are
 * reported too; a bare mapping name means `#/components/schemas/<name>`.
 * @see https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
export function findRefs(
  node: unknown,
  tokens: readonly (string | number)[] = [],
  kind?: NodeKind,
  base?: string,
): RefUse[] {
  const found: RefUse[] = [];
  const use = (ref: string, at: string, refKind: NodeKind, refBase: string): void => {
    found.push(
      refBase === DOCUMENT_BASE
        ? { ref, at, kind: refKind }
        : { ref, at, kind: refKind, base: refBase },
    );
  };
  walkDocument(
    node,
    (value, context) => {
      if (typeof value.$ref === "string")
        use(value.$ref, toPointer([...context.tokens, "$ref"]), context.kind, context.base);
      if (context.kind !== "schema") return;
      const discriminator = value.discriminator;
      if (
        isJsonObject(discriminator) &&
        typeof discriminator.propertyName === "string" &&
        isJsonObject(discriminator.mapping)
      ) {
        for (const [key, target] of Object.entries(discriminator.mapping)) {
          if (typeof target !== "string") continue;
          const ref = /[#/]/.test(target) ? target : `#/components/schemas/${target}`;
          use(
            ref,
            toPointer([...context.tokens, "discriminator", "mapping", key]),
            "schema",
            context.base,
          );
        }
      }
    },
    {
      tokens,
      ...(kind !== undefined ? { kind } : {}),
      ...(base !== undefined ? { base } : {}),
    },
  );
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
      if (!isJsonObject(requirement)) return;
      for (const name of Object.keys(requirement)) {
        uses.push({
          ref: `#${toPointer(["components", "securitySchemes", name])}`,
          at: toPointer([...tokens, index, name]),
          kind: "securityScheme",
        });
      }
    });
  };
  addRequirements(document.security, ["security"]);
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isJsonObject(operation))
        addRequirements(operation.security, ["paths", path, method, "security"]);
    }
  }
  return uses;
}

/**
 * Tokens (from the document root) of what `use` points at. A reference that leaves the document
 * (an external file or URL no schema `$id` of the document names) and one that points at nothing
 * are {@link SpecError}s naming the ref and where it is used. `known` caches the document's schema
 * resources (collectSchemaResources) across calls.
 */
export function resolveRefUse(
  document: OpenApiDocument,
  use: RefUse,
  file: string,
  known: SchemaResources = collectSchemaResources(document),
): readonly (string | number)[] {
  const base = use.base ?? DOCUMENT_BASE;
  const tokens = resolveRefTokens(document, use.ref, base, known);
  if (tokens !== undefined) return tokens;
  // Within the document (or one of its `$id` resources) but at nothing, or outside it.
  let local: boolean;
  try {
    const url = new URL(use.ref, base);
    url.hash = "";
    local = known.resources.has(url.href);
  } catch {
    local = use.ref.startsWith("#");
  }
  if (!local) {
    throw new SpecError(
      `${file}: external $ref '${use.ref}' at ${use.at} is not supported: it points outside this document; bundle the referenced file into it (under components) and refer to it with '#/components/…'`,
      file,
      use.at,
    );
  }
  throw new SpecError(
    `${file}: unresolvable $ref '${use.ref}' at ${use.at}: nothing is defined there; define it or fix the reference`,
    file,
    use.at,
  );
}

function valueAt(document: unknown, tokens: readonly (string | number)[]): unknown {
  let value: unknown = document;
  for (const token of tokens) value = (value as JsonObject)[String(token)];
  return value;
}

/** `/components/<section>/<name>` of a reference into components, or `undefined` for other refs. */
export function componentPointer(ref: string): string | undefined {
  let tokens: string[];
  try {
    tokens = parsePointer(ref);
  } catch {
    return undefined;
  }
  return componentOf(tokens);
}

function componentOf(tokens: readonly (string | number)[]): string | undefined {
  const [root, section, name] = tokens;
  if (root !== "components" || section === undefined || name === undefined) return undefined;
  return toPointer([root, section, name]);
}

/**
 * Pointers (`/components/<section>/<name>`) of every component reachable from `roots`, transitively:
 * each reached component is walked (schema-aware, see {@link findRefs}) for further refs. Refs
 * elsewhere in the document (say into `#/paths/…`) are followed too, so that components reached
 * through them count. Every loop ends: each component and each other target is walked once.
 * Unresolvable and external refs are {@link SpecError}s, except a security requirement naming an
 * undefined scheme, a tolerated defect (find-document-defects.ts) that reaches nothing.
 */
export function collectReachableComponents(
  document: OpenApiDocument,
  roots: readonly RefUse[],
  file: string,
): Set<string> {
  const known = collectSchemaResources(document);
  const reached = new Set<string>();
  const visited = new Set<string>();
  const queue = [...roots];
  for (let use = queue.shift(); use !== undefined; use = queue.shift()) {
    if (use.kind === "securityScheme" && !securitySchemeDefined(document, use.ref)) continue;
    if (isMetaSchemaRef(use.ref, use.base ?? DOCUMENT_BASE)) continue;
    const tokens = resolveRefUse(document, use, file, known);
    const component = componentOf(tokens);
    const kind = use.kind ?? kindAt(tokens);
    if (component !== undefined) {
      if (reached.has(component)) continue;
      reached.add(component);
      const componentTokens = parsePointer(component);
      queue.push(...findRefs(valueAt(document, componentTokens), componentTokens));
    } else {
      const key = toPointer(tokens);
      if (visited.has(key)) continue;
      visited.add(key);
      if (kind !== undefined) queue.push(...findRefs(valueAt(document, tokens), tokens, kind));
    }
  }
  return reached;
}

function securitySchemeDefined(document: OpenApiDocument, ref: string): boolean {
  const components = isJsonObject(document.components) ? document.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  const name = componentPointer(ref)?.split("/")[3];
  return name !== undefined && Object.hasOwn(schemes, unescapePointerToken(name));
}

/**
 * Check that every `$ref` and discriminator mapping in `document` resolves within it (schema refs
 * against their `$id` base, anchors included); the first that does not is a {@link SpecError}
 * naming the ref and where it is used. A well-known meta-schema (`http://json-schema.org/draft-04/schema#`)
 * needs no bundling and passes. Security requirements are not checked here: one naming an
 * undefined scheme is a tolerated defect (find-document-defects.ts).
 */
export function assertRefsResolve(document: OpenApiDocument, file: string): void {
  const known = collectSchemaResources(document);
  for (const use of findRefs(document)) {
    if (isMetaSchemaRef(use.ref, use.base ?? DOCUMENT_BASE)) continue;
    resolveRefUse(document, use, file, known);
  }
}
