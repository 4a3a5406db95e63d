/**
 * Multi-file documents: every relative `$ref` to another file (`./schemas/invoice.yaml#/Invoice`,
 * `../common.json#/components/schemas/Money`, a whole file `./pet.yaml`), and the references inside
 * those files, bundled into one document that every command then reads like any other.
 *
 * Bundling is @redocly/openapi-core's `bundleDocument` (already installed with openapi-typescript,
 * which bundles with it too). Tried against @apidevtools/json-schema-ref-parser 16's `bundle()` on
 * the fixtures in test/fixtures/spec/multi-file/:
 * - Redocly moves each referenced schema, parameter, response, ... into `components/<type>/<name>`
 *   (Swagger 2.0: `definitions`, `parameters`, `responses`), named after the pointer's last token or
 *   the file (`Invoice`, `pet`), a clash with a name the root uses made unique deterministically
 *   (`invoice_Invoice`). The ref-parser inlines each file at its first use and points every other
 *   use there (cycle/: `items: {$ref: "#/paths/~1nodes/get/responses/200/content/application~1json/schema"}`),
 *   which names types after paths and makes a diff depend on which operation comes first;
 * - Redocly knows OpenAPI's types: `enum`, `default`, `const` and (with `doNotResolveExamples`)
 *   `example` values are data, never resolved. The ref-parser crawls every `$ref`-shaped object
 *   and fails on bundle/ ("Error opening file .../not-a-file.yaml", a `$ref` inside `example`);
 * - both keep the root's own references as they are (`#/...`) and end on cycles across files.
 *
 * Redocly reads only what this module hands it: before bundling, the files are read here, under
 * {@link BundleLimits}, with the same parser as every document (YAML or JSON, errors with file and
 * line), each reference checked, so that a remote reference, a missing file or a pointer to nothing
 * is an {@link ExternalRefError} naming the referring file, the JSON Pointer of the `$ref` and the fix.
 * Nothing is ever fetched over the network. The walk visits each object of each file once, so it
 * ends on cycles. Output is deterministic: Redocly's walk follows document order.
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, posix, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SpecError } from "../errors.js";
import { getAtPointer, parsePointer } from "../runtime/json-pointer.js";
import { ExternalRefError, type ExternalRefProblem } from "./document-errors.js";
import { documentUrl, type FoundRef, scanRefs } from "./find-external-refs.js";
import { type OpenApiDocument, parseDocumentText } from "./parse-document-text.js";

/** Bounds on what one document may pull in. */
export interface BundleLimits {
  /** Referenced files, the root document not counted. */
  readonly maxFiles: number;
  /** Size of one referenced file, in bytes. */
  readonly maxFileBytes: number;
  /** Size of all referenced files together, in bytes. */
  readonly maxTotalBytes: number;
}

/** 500 files, 32 MiB each, 128 MiB in all: GitHub's whole API is one 13 MB file. */
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxFiles: 500,
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
};

/** Where the root document came from: its path or URL, and how messages name it. */
export interface BundleSource {
  /** A filesystem path or an http(s) URL; relative references resolve against it. */
  readonly file: string;
  readonly label: string;
}

interface LoadedFile {
  readonly href: string;
  readonly path: string;
  readonly label: string;
  readonly text: string;
  readonly parsed: unknown;
  /** Objects already scanned for references. */
  readonly visited: WeakSet<object>;
}

/** A reference and the file that makes it. */
interface PendingRef {
  readonly found: FoundRef;
  readonly from: string;
}

/**
 * Bundle the files that `document` (read from `source`) references into it. `external` are the
 * root's references to other files, as {@link scanRefs} found them. Returns a new document; the
 * given one is consumed (Redocly rewrites it in place).
 */
export async function bundleExternalRefs(
  document: OpenApiDocument,
  source: BundleSource,
  external: readonly FoundRef[],
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<OpenApiDocument> {
  const files = await readReferencedFiles(document, source, external, limits);
  return bundleWithRedocly(document, source, files);
}

/** How messages name a referenced file: its path beside the root's label, or its URL. */
function labelFor(target: URL, source: BundleSource, root: URL): string {
  if (target.protocol !== "file:" || root.protocol !== "file:") return target.href;
  const fromRoot = relative(dirname(fileURLToPath(root)), fileURLToPath(target)).split(sep);
  return posix.normalize(posix.join(posix.dirname(source.label.split(sep).join("/")), ...fromRoot));
}

/**
 * Read every file the root reaches, following references from the subtree each one points at;
 * every failure is an {@link ExternalRefError} naming the referring file and pointer.
 */
async function readReferencedFiles(
  document: OpenApiDocument,
  source: BundleSource,
  external: readonly FoundRef[],
  limits: BundleLimits,
): Promise<Map<string, LoadedFile>> {
  const root = documentUrl(source.file);
  root.hash = "";
  const files = new Map<string, LoadedFile>();
  let totalBytes = 0;
  const queue: PendingRef[] = external.map((found) => ({ found, from: source.label }));

  const fail = (pending: PendingRef, problem: ExternalRefProblem, why: string): never => {
    const { found, from } = pending;
    throw new ExternalRefError(
      `${from}: ${found.at}: $ref '${found.ref}' ${why}`,
      from,
      found.at,
      found.ref,
      problem,
    );
  };

  const load = async (pending: PendingRef, target: URL): Promise<LoadedFile> => {
    const known = files.get(target.href);
    if (known) return known;
    const label = labelFor(target, source, root);
    if (files.size >= limits.maxFiles) {
      fail(
        pending,
        "limit",
        `would read a file beyond the ${limits.maxFiles}-file limit on what one document references (${source.label}); bundle the document yourself or reference fewer files`,
      );
    }
    const path = fileURLToPath(target);
    let text: string;
    try {
      const info = await stat(path);
      if (info.isDirectory())
        fail(pending, "unreadable", `names ${label}, which is a folder; name a file`);
      if (info.size > limits.maxFileBytes || totalBytes + info.size > limits.maxTotalBytes) {
        fail(
          pending,
          "limit",
          `names ${label} (${info.size} bytes), over the limit of ${limits.maxFileBytes} bytes per referenced file and ${limits.maxTotalBytes} in all`,
        );
      }
      totalBytes += info.size;
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error instanceof ExternalRefError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return fail(
        pending,
        "unreadable",
        `names ${label}, which cannot be read (${code}); add the file or correct the path`,
      );
    }
    const file: LoadedFile = {
      href: target.href,
      path,
      label,
      text,
      parsed: parseDocumentText(text, label),
      visited: new WeakSet(),
    };
    files.set(target.href, file);
    return file;
  };

  // Bounded: a reference is queued only when a scan first visits its object, and each scan skips
  // objects of its file already visited, so the queue ends after at most every object of every file.
  for (let pending = queue.shift(); pending !== undefined; pending = queue.shift()) {
    const { found } = pending;
    const target = new URL(found.target);
    if (found.fragment !== "" && !found.fragment.startsWith("/")) {
      fail(
        pending,
        "no-target",
        `names an anchor ('#${found.fragment}') across files; refer to it by a JSON Pointer such as '#/components/schemas/Name'`,
      );
    }
    if (target.href === root.href) {
      // Back into the root, which is scanned whole already: the target must exist, that is all.
      if (getAtPointer(document, found.fragment) === undefined) {
        fail(
          pending,
          "no-target",
          `points at nothing: ${source.label} has no '${found.fragment}'; correct the pointer`,
        );
      }
      continue;
    }
    if (target.protocol !== "file:") {
      fail(
        pending,
        "remote",
        `is a remote reference, and api-contracts never fetches over the network: download ${target.href}, vendor it beside the document, and refer to it by a relative path (./${posix.basename(target.pathname) || "file.yaml"}${found.ref.includes("#") ? `#${found.ref.split("#")[1]}` : ""})`,
      );
    }
    const file = await load(pending, target);
    const tokens = parsePointer(found.fragment);
    const node = found.fragment === "" ? file.parsed : getAtPointer(file.parsed, found.fragment);
    if (node === undefined) {
      fail(
        pending,
        "no-target",
        `points at nothing: ${file.label} has no '${found.fragment}'; correct the pointer`,
      );
    }
    const refs = scanRefs(node, target, file.label, {
      tokens,
      internal: true,
      visited: file.visited,
    });
    for (const next of [...refs.internal, ...refs.external]) {
      queue.push({ found: next, from: file.label });
    }
  }
  return files;
}

/** Redocly's entry points, loaded only when a document references another file. */
type Redocly = typeof import("@redocly/openapi-core");

/** Hand the files read above to Redocly's bundler; it reads nothing itself. */
async function bundleWithRedocly(
  document: OpenApiDocument,
  source: BundleSource,
  files: ReadonlyMap<string, LoadedFile>,
): Promise<OpenApiDocument> {
  const redocly: Redocly = await import("@redocly/openapi-core");
  const rootUrl = documentUrl(source.file);
  const rootPath = rootUrl.protocol === "file:" ? fileURLToPath(rootUrl) : rootUrl.href;
  const byPath = new Map([...files.values()].map((file) => [file.path, file]));

  class PreloadedResolver extends redocly.BaseResolver {
    override resolveExternalRef(base: string | null, ref: string): string {
      try {
        const url = new URL(ref, base === null ? rootUrl : pathToFileURL(base));
        url.hash = "";
        return url.protocol === "file:" ? fileURLToPath(url) : url.href;
      } catch {
        return ref;
      }
    }
    override async loadExternalRef(absoluteRef: string): Promise<InstanceType<Redocly["Source"]>> {
      const file = byPath.get(absoluteRef);
      // Only references this module did not follow (in `x-` extensions, say) get here: they stay.
      if (!file) throw new redocly.ResolveError(new Error(`${absoluteRef} was not read`));
      return new redocly.Source(absoluteRef, file.text);
    }
    override parseDocument(source: InstanceType<Redocly["Source"]>) {
      return { source, parsed: byPath.get(source.absoluteRef)?.parsed };
    }
  }

  const hadComponents = "components" in document;
  const resolver = new PreloadedResolver();
  const rootDocument = { source: new redocly.Source(rootPath, ""), parsed: document };
  resolver.cache.set(rootPath, Promise.resolve(rootDocument));
  let bundled: unknown;
  try {
    const result = await redocly.bundleDocument({
      document: rootDocument,
      config: new redocly.StyleguideConfig({ doNotResolveExamples: true }),
      externalRefResolver: resolver,
      dereference: false,
    });
    bundled = result.bundle.parsed;
  } catch (error) {
    throw new SpecError(
      `${source.label}: cannot bundle the files it references: ${(error as Error).message}; break the cycle of whole-file references or inline one of them`,
      source.label,
    );
  }
  // A fresh tree: Redocly shares objects between the places it inlined, and later steps edit in place.
  let output: OpenApiDocument;
  try {
    output = JSON.parse(JSON.stringify(bundled)) as OpenApiDocument;
  } catch (error) {
    throw new SpecError(
      `${source.label}: cannot bundle the files it references: ${(error as Error).message} (a YAML alias that contains itself, in an example or an extension?); write the structure out plainly`,
      source.label,
    );
  }
  const components = output.components;
  if (
    !hadComponents &&
    components !== null &&
    typeof components === "object" &&
    Object.keys(components).length === 0
  ) {
    delete output.components;
  }
  return output;
}
