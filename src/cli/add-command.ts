import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { syncRepository } from "../codegen/sync-output.js";
import {
  API_CONFIG_FILE,
  defaultApiConfig,
  serializeApiConfig,
} from "../contract/semantics/api-config.js";
import { assertApiId } from "../document/api-id.js";
import { checkSelection } from "../document/check-selection.js";
import { type DocumentFile, readDocumentFiles } from "../document/document-files.js";
import { detectSyntax } from "../document/parse-document-text.js";
import type { Selection } from "../document/select-operations.js";
import { type SourceManifest, serializeSourceManifest } from "../document/source-manifest.js";
import { apiDir, buildApi, writeVendored } from "../document/vendor-api.js";
import { DEFAULT_FETCH_LIMITS, fetchUpstream } from "../drift/fetch-upstream.js";
import { ExitCode, UsageError } from "../errors.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts add <api> --from FILE|URL [--tag T]... [--operation ID]...

Adds a vendor API in one step: copies the upstream document (and, for a FILE, every local file its
$refs reach) into specs/<api>/upstream/, records its provenance in specs/<api>/source.json, writes
specs/<api>/contract.json (credential variables derived from the API id and the document's
security schemes: apiKey → <API>_API_KEY, bearer → <API>_TOKEN, basic → <API>_USERNAME and
<API>_PASSWORD; edit it to add semantic checks), vendors the document and generates
generated/<api>/. Then 'api-contracts test --target mock --api <api>' runs its contract suite.
On any error nothing is left in specs/<api>/ or generated/.

  <api>            the new API id, lowercase kebab-case (acme-billing)
  --from FILE|URL  the OpenAPI 3.0/3.1 or Swagger 2.0 document (YAML or JSON); a URL must be
                   https:// and is read within 30 s and 20 MiB
  --tag T          keep only operations with this tag (repeatable)
  --operation ID   keep only this operationId (repeatable; combines with --tag)
`;

/** Ids that would clash with the package's own entry points (`api-contracts/runtime`, …). */
const RESERVED_IDS = new Set(["index", "runtime", "vitest", "src", "dist", "generated", "specs"]);

/** The file name to keep a downloaded document under: the URL's last segment, if it is a name. */
function fileNameOfUrl(url: string, text: Buffer): string {
  const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:ya?ml|json)$/.test(last)) return last;
  return detectSyntax(last, text.toString("utf8")) === "json" ? "openapi.json" : "openapi.yaml";
}

/** How source.json records a local file: its path from the root, `/`-separated. */
function recordedPath(root: string, file: string): string {
  const path = relative(root, resolve(file));
  return (isAbsolute(path) ? resolve(file) : path).split(sep).join("/");
}

/** The upstream files and provenance of `--from`. */
async function readUpstream(
  root: string,
  from: string,
): Promise<{ files: readonly DocumentFile[]; file: string; url: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) {
    if (!from.toLowerCase().startsWith("https://")) {
      throw new UsageError(
        `--from ${from}: only https:// URLs are read; download the document and pass its path`,
      );
    }
    const limits = { ...DEFAULT_FETCH_LIMITS, redirects: "same-origin" as const };
    const bytes = Buffer.from(await fetchUpstream(from, limits));
    const file = fileNameOfUrl(from, bytes);
    return { files: [{ path: file, bytes }], file, url: from };
  }
  const document = await readDocumentFiles(from);
  return { files: document.files, file: document.root, url: recordedPath(root, from) };
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/**
 * Build `specs/<api>/` in `staging` (a scratch root): upstream copies, source.json, contract.json
 * and the vendored document, exactly as `vendor` writes them.
 */
async function stageApi(
  staging: string,
  api: string,
  upstream: { files: readonly DocumentFile[]; file: string; url: string },
  selection: Selection | undefined,
): Promise<void> {
  const dir = apiDir(staging, api);
  for (const { path, bytes } of upstream.files) {
    await mkdir(dirname(join(dir, "upstream", path)), { recursive: true });
    await writeFile(join(dir, "upstream", path), bytes);
  }
  const root = upstream.files.find((f) => f.path === upstream.file);
  const text = root?.bytes.toString("utf8") ?? "";
  const manifest = (withSelection: boolean): SourceManifest => ({
    $comment: `How specs/${api}/openapi.* is built by 'api-contracts vendor' (see SourceManifest in src/document/source-manifest.ts). Written by 'api-contracts add'. Do not edit the vendored document by hand.`,
    api,
    output: detectSyntax(upstream.file, text) === "json" ? "openapi.json" : "openapi.yaml",
    sources: [
      {
        kind: "openapi-document",
        url: upstream.url,
        file: upstream.file,
        sha256: createHash("sha256")
          .update(root?.bytes ?? Buffer.alloc(0))
          .digest("hex"),
        // Replaced by the document's own info.version when vendored (writeVendored records it).
        infoVersion: "unknown",
        ...(withSelection && selection ? { selection } : {}),
      },
    ],
  });
  const manifestFile = join(dir, "source.json");
  await writeFile(manifestFile, serializeSourceManifest(manifest(true)));
  let built: Awaited<ReturnType<typeof buildApi>>;
  try {
    built = await buildApi(staging, api);
  } catch (error) {
    if (!selection) throw error;
    // Was it the selection? Read the whole document to name the unknown tags and operations and
    // their closest matches (checkSelection throws); otherwise the error stands.
    await writeFile(manifestFile, serializeSourceManifest(manifest(false)));
    checkSelection(
      (await buildApi(staging, api)).build.document,
      selection,
      `--from ${upstream.url}`,
    );
    throw error;
  }
  await writeVendored(staging, built);
  const config = defaultApiConfig(api, built.build.document);
  await writeFile(join(dir, API_CONFIG_FILE), serializeApiConfig(config));
}

/** `api-contracts add <api> --from FILE|URL`: see {@link HELP}. */
export async function run(args: string[], root = process.cwd()): Promise<number> {
  const { values, positionals } = parseOptions("add", {
    args,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      tag: { type: "string", multiple: true },
      operation: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError("add takes one API id; see 'api-contracts add --help'");
  }
  const api = positionals[0] as string;
  assertApiId(api, "API id");
  if (RESERVED_IDS.has(api)) {
    throw new UsageError(
      `'${api}' is reserved (a package entry point or folder); choose another id`,
    );
  }
  if (values.from === undefined) {
    throw new UsageError(
      "add needs --from FILE|URL, the upstream document; see 'api-contracts add --help'",
    );
  }
  const target = apiDir(root, api);
  if (await exists(target)) {
    throw new UsageError(
      `specs/${api}/ already exists; to take a new upstream version run 'api-contracts pull ${api}' (or replace specs/${api}/upstream/ and run 'api-contracts vendor ${api}' and 'api-contracts codegen'), or pick another id`,
    );
  }
  const selection: Selection | undefined =
    values.tag || values.operation
      ? {
          ...(values.tag ? { tags: values.tag } : {}),
          ...(values.operation ? { operationIds: values.operation } : {}),
        }
      : undefined;
  const upstream = await readUpstream(root, values.from);
  const staging = await mkdtemp(
    join(tmpdir(), `api-contracts-add-${randomBytes(3).toString("hex")}-`),
  );
  try {
    await stageApi(staging, api, upstream, selection);
    await mkdir(dirname(target), { recursive: true });
    await cp(apiDir(staging, api), target, { recursive: true, errorOnExist: true, force: false });
    // Writes generated/ in one rename (write-tree.ts): on failure it is as it was.
    const result = await syncRepository(root, { apis: [api] });
    for (const w of result.warnings) {
      process.stderr.write(`warning: ${w.api} ${w.pointer}: ${w.message}\n`);
    }
  } catch (error) {
    // The copy may have stopped half-way, or codegen refused the document: nothing of the API stays.
    await rm(target, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const written = upstream.files.map((f) => `specs/${api}/upstream/${f.path}`);
  process.stdout.write(
    `${api}: added from ${upstream.url}\n  wrote ${written.join(", ")}, specs/${api}/source.json, specs/${api}/${API_CONFIG_FILE}, the vendored document and generated/${api}/\n  next: api-contracts test --target mock --api ${api}; edit specs/${api}/${API_CONFIG_FILE} for credentials and semantic checks\n`,
  );
  return ExitCode.ok;
}
