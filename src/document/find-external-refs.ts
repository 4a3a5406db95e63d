/**
 * Finding the `$ref`s of a document that leave it: to another file (`./schemas/invoice.yaml#/Invoice`)
 * or to a URL. It runs on every document read, before anything knows whether the document needs
 * bundling, so it is one pass that allocates nothing per node and skips `#/...` references early:
 * on GitHub's 13 MB document it costs about what a bare recursion over the parsed JSON costs, half
 * of what walk-schemas.ts's position table costs. It also has to work where that table does not
 * apply: on Swagger 2.0 documents (bundled before they are converted) and on the fragment of a
 * referenced file (`invoice.yaml#/Invoice`), whose OpenAPI kind nothing says.
 *
 * It follows the same rules of data versus reference as walk-schemas.ts: `example`, `enum`, `const`
 * and `default` values, a schema's `examples` array, the inside of Example Objects and `x-`
 * extensions are never followed, so a `$ref`-shaped object there stays data; keys of name maps
 * (`properties`, `components/schemas`, `responses`, ...) are names, so a property called `default`
 * is still a schema. A `$ref` inside a schema with an `$id`, one to an `$id` the document declares,
 * or to a URN, is JSON Schema's business (ajv resolves it), not a file.
 */
import { isAbsolute, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { SpecError } from "../errors.js";
import { toPointer } from "../runtime/json-pointer.js";
import { isJsonObject, type JsonObject } from "../runtime/json-value.js";

/** A reference found in a document: its text, where it is made, and what it resolves to. */
export interface FoundRef {
  readonly ref: string;
  /** JSON Pointer of the `$ref` (or of the discriminator mapping entry). */
  readonly at: string;
  /** The absolute target without its fragment (`file:///…/invoice.yaml`, `https://…`). */
  readonly target: string;
  /** The fragment, decoded, without `#` (`/Invoice`; `""` for a whole file). */
  readonly fragment: string;
}

/** References of one scan, split by where they lead. */
export interface ScanResult {
  /** To another file or a URL that no `$id` of the scanned document declares. */
  readonly external: FoundRef[];
  /** Into the scanned document itself (`#/...`). */
  readonly internal: FoundRef[];
}

// Values that are data in OpenAPI and JSON Schema, wherever they appear outside a name map.
const DATA_KEYS = new Set(["example", "enum", "const", "default"]);

// Keywords whose value is a map from names (property names, component names, status codes, media
// types, paths) to objects: inside, every key is a name, never a keyword.
const NAME_MAP_KEYS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "securityDefinitions",
  "links",
  "callbacks",
  "pathItems",
  "paths",
  "webhooks",
  "content",
  "encoding",
  "variables",
]);

/** The URL a document's relative references resolve against: a file path or an http(s) URL. */
export function documentUrl(file: string): URL {
  if (/^https?:\/\//i.test(file)) return new URL(file);
  return pathToFileURL(isAbsolute(file) ? file : resolvePath(file));
}

function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}

/** The decoded fragment of a reference (`#/a%20b/c` → `/a b/c`). */
function fragmentOf(ref: string): string {
  const hash = ref.indexOf("#");
  if (hash < 0) return "";
  const raw = ref.slice(hash + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Options of {@link scanRefs}. */
export interface ScanOptions {
  /** Pointer tokens of `node` in its document (default: the root). */
  readonly tokens?: readonly (string | number)[];
  /** Also collect `#/...` references (to follow them inside a referenced file). */
  readonly internal?: boolean;
  /**
   * Objects already scanned, skipped (a referenced file is scanned subtree by subtree). Without it
   * the walk keeps no set, which would double its cost on a large document: depth and visit caps
   * end it instead on a YAML alias that contains itself or multiplies.
   */
  readonly visited?: WeakSet<object>;
}

/** Deeper than any real document; a YAML alias that contains itself reaches it at once. */
export const MAX_SCAN_DEPTH = 1000;
/** Objects and arrays visited in one scan; GitHub's 13 MB document has about 90,000. */
export const MAX_SCAN_VISITS = 10_000_000;

/**
 * Every reference under `node` (the value at `options.tokens` in the document at `url`) that
 * leaves the document, and with `options.internal` those that stay in it. A structure deeper than
 * {@link MAX_SCAN_DEPTH} or larger than {@link MAX_SCAN_VISITS} is a {@link SpecError} naming `label`.
 */
export function scanRefs(
  node: unknown,
  url: URL,
  label: string,
  options: ScanOptions = {},
): ScanResult {
  const documentHref = withoutFragment(url);
  const { visited } = options;
  const collectInternal = options.internal === true;
  const found: { ref: string; at: (string | number)[]; base: URL }[] = [];
  const declared = new Set<string>();
  const path: (string | number)[] = [...(options.tokens ?? [])];
  let visits = 0;

  const addRef = (ref: string, base: URL, key: string | number): void => {
    // Internal references of the document being bundled are the common case: skip them early.
    if (!collectInternal && base === url && ref.startsWith("#")) return;
    found.push({ ref, at: [...path, key], base });
  };

  const tooDeep = (): SpecError =>
    new SpecError(
      `${label}: ${toPointer(path)}: the document nests deeper than ${MAX_SCAN_DEPTH} levels or holds more than ${MAX_SCAN_VISITS} objects (a YAML alias that contains itself or repeats without end?); write the structure out plainly or use a $ref`,
      label,
      toPointer(path),
    );

  // With `visited`, an object seen again is skipped, so a cycle would end silently; the objects on
  // the current path tell a YAML alias that contains itself (which nothing downstream survives).
  const onPath = new Set<object>();

  const walk = (value: object, base: URL, inNameMap: boolean): void => {
    if (++visits > MAX_SCAN_VISITS || path.length > MAX_SCAN_DEPTH) throw tooDeep();
    if (!visited) {
      walkChildren(value, base, inNameMap);
      return;
    }
    if (onPath.has(value)) throw tooDeep();
    if (visited.has(value)) return;
    visited.add(value);
    onPath.add(value);
    walkChildren(value, base, inNameMap);
    onPath.delete(value);
  };

  const walkChildren = (value: object, base: URL, inNameMap: boolean): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || typeof item !== "object") continue;
        path.push(i);
        walk(item, base, false);
        path.pop();
      }
      return;
    }
    const object = value as JsonObject;
    let here = base;
    if (!inNameMap && typeof object.$id === "string") {
      try {
        here = new URL(object.$id, base);
        declared.add(withoutFragment(here));
      } catch {
        // An $id that is not a URI reference: ajv reports it; it changes no base here.
      }
    }
    for (const key in object) {
      const child = object[key];
      if (inNameMap) {
        if (child === null || typeof child !== "object") continue;
        path.push(key);
        walk(child, here, false);
        path.pop();
        continue;
      }
      // Keys compared one by one: interned strings compare by pointer, cheaper than looking
      // `$ref` or `discriminator` up on every object of a large document.
      if (key === "$ref") {
        if (typeof child === "string") addRef(child, here, "$ref");
        continue;
      }
      if (child === null || typeof child !== "object") continue;
      if (key === "discriminator") {
        addMappingRefs((child as JsonObject).mapping, here);
        continue;
      }
      if (key === "examples") {
        // A schema's `examples` is an array of data; elsewhere a map of Example Objects, each
        // a reference or data (`value`).
        if (!Array.isArray(child)) addExampleRefs(child as JsonObject, here);
        continue;
      }
      if (DATA_KEYS.has(key) || key.startsWith("x-")) continue;
      path.push(key);
      walk(child, here, NAME_MAP_KEYS.has(key));
      path.pop();
    }
  };

  const addMappingRefs = (mapping: unknown, base: URL): void => {
    if (!isJsonObject(mapping)) return;
    path.push("discriminator", "mapping");
    for (const [name, target] of Object.entries(mapping)) {
      // A bare name means #/components/schemas/<name>; only values with # or / are references.
      if (typeof target === "string" && /[#/]/.test(target)) addRef(target, base, name);
    }
    path.pop();
    path.pop();
  };

  const addExampleRefs = (examples: JsonObject, base: URL): void => {
    path.push("examples");
    for (const name in examples) {
      const example = examples[name];
      if (isJsonObject(example) && typeof example.$ref === "string") {
        path.push(name);
        addRef(example.$ref, base, "$ref");
        path.pop();
      }
    }
    path.pop();
  };

  if (node !== null && typeof node === "object") walk(node, url, false);

  const external: FoundRef[] = [];
  const internal: FoundRef[] = [];
  for (const { ref, at, base } of found) {
    // Under an `$id`, a reference names a JSON Schema resource, which need not be retrievable:
    // ajv resolves it, or warns about that one schema; it is never a file to read.
    if (base !== url) continue;
    if (ref.startsWith("#")) {
      if (!collectInternal) continue;
      internal.push({ ref, at: toPointer(at), target: documentHref, fragment: fragmentOf(ref) });
      continue;
    }
    let resolved: URL;
    try {
      resolved = new URL(ref, base);
    } catch {
      continue; // not a URI reference: left for the consumers to report
    }
    const target = withoutFragment(resolved);
    const entry = { ref, at: toPointer(at), target, fragment: fragmentOf(ref) };
    if (target === documentHref) internal.push(entry);
    else if (declared.has(target)) continue;
    else if (/^(file|https?):$/.test(resolved.protocol)) external.push(entry);
  }
  return { external, internal };
}
