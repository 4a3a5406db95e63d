/**
 * A recording folder on disk: `DIR/<api>/<operation>.har` (one HAR 1.2 log per operation, entries
 * in the order they were recorded) and `DIR/<api>/manifest.json` (API, spec file and its sha256,
 * when, which redaction rules were applied, and every HAR file with its sha256 and size).
 *
 * Writes are atomic (a temporary file renamed over the target) and serialised per folder; the
 * per-exchange and per-folder caps are checked before anything is written. Reading verifies every
 * file against the manifest, so a truncated, edited or foreign file is an error naming it.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Har } from "har-format";
import { toPointer } from "../json-pointer.js";
import { isJsonObject } from "../json-value.js";
import type { RecordedEntry } from "./har-entry.js";
import { RecordingLimitError, RecordingReadError } from "./recording-errors.js";
import type { ResolvedRedactionRules } from "./redaction-rules.js";

/** Format tag of the manifest. */
export const MANIFEST_FORMAT = "api-contracts-recording/1";
/** File name of each API folder's manifest. */
export const MANIFEST_FILE = "manifest.json";
/** Default cap of one exchange's HAR entry, in bytes: 10 MiB. */
export const DEFAULT_MAX_EXCHANGE_BYTES = 10 * 1024 * 1024;
/** Default cap of one API folder, in bytes: 200 MiB. */
export const DEFAULT_MAX_FOLDER_BYTES = 200 * 1024 * 1024;

/** What the manifest says about one HAR file. */
export interface ManifestFile {
  readonly operation: string | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly entries: number;
}

/** `DIR/<api>/manifest.json`. */
export interface RecordingManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly api: string;
  /** The spec the client was generated from, when known. */
  readonly spec: { readonly file: string; readonly sha256: string } | null;
  readonly created: string;
  readonly updated: string;
  readonly redaction: ResolvedRedactionRules & {
    /** Always redacted, whatever the rules say. */
    readonly builtIn: readonly string[];
  };
  readonly files: Readonly<Record<string, ManifestFile>>;
}

/** Forms the built-in redaction covers; listed in every manifest. */
export const BUILT_IN_REDACTION = [
  "headers: authorization, proxy-authorization, cookie, set-cookie, x-api-key, api-key, x-auth-token, and each security scheme's header",
  "query parameters: each security scheme's",
  "every credential sent, in each form: as sent, URL-encoded, JSON-escaped, base64 alone or inside base64 (Basic user:key)",
];

/** sha256 of `data`, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A file name for an operation key (`GET /a/{id}` → `GET__a__id_`), kept readable. */
export function harFileName(operation: string | undefined): string {
  const base = (operation ?? "unmatched").replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120);
  return `${base}.har`;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** Folders open in this process, by absolute path. */
const openFolders = new Map<string, Promise<RecordingFolder>>();

/** Options of {@link RecordingFolder.open}. */
export interface FolderOptions {
  readonly dir: string;
  readonly api: string;
  readonly spec: { readonly file: string; readonly sha256: string } | null;
  readonly redaction: ResolvedRedactionRules;
  readonly maxExchangeBytes: number;
  readonly maxFolderBytes: number;
}

/** One API's folder, open for appending. */
export class RecordingFolder {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private manifest: RecordingManifest,
    private readonly logs: Map<string, RecordedEntry[]>,
    private readonly options: FolderOptions,
  ) {}

  /**
   * Open (creating, or continuing an existing recording verified against its manifest) the folder
   * of `options.api` under `options.dir`.
   */
  static open(options: FolderOptions): Promise<RecordingFolder> {
    // One instance per folder in a process, so two clients recording the same API append to one
    // log instead of overwriting each other's files.
    const path = resolve(options.dir, options.api);
    let opening = openFolders.get(path);
    if (!opening) {
      opening = RecordingFolder.create(path, options);
      openFolders.set(path, opening);
      opening.catch(() => openFolders.delete(path));
    }
    return opening;
  }

  private static async create(path: string, options: FolderOptions): Promise<RecordingFolder> {
    await mkdir(path, { recursive: true });
    const now = new Date().toISOString();
    const logs = new Map<string, RecordedEntry[]>();
    let manifest: RecordingManifest = {
      format: MANIFEST_FORMAT,
      api: options.api,
      spec: options.spec,
      created: now,
      updated: now,
      redaction: { ...options.redaction, builtIn: BUILT_IN_REDACTION },
      files: {},
    };
    if (await exists(join(path, MANIFEST_FILE))) {
      const existing = await readApiRecording(path, options.maxFolderBytes);
      for (const [name, har] of existing.hars) logs.set(name, har.log.entries as RecordedEntry[]);
      manifest = {
        ...existing.manifest,
        spec: options.spec ?? existing.manifest.spec,
        redaction: manifest.redaction,
      };
    }
    return new RecordingFolder(path, manifest, logs, options);
  }

  /** Append one entry to its operation's HAR file, then update the manifest; both atomic. */
  append(entry: RecordedEntry): Promise<void> {
    const run = this.queue.then(() => this.write(entry));
    this.queue = run.catch(() => {});
    return run;
  }

  private async write(entry: RecordedEntry): Promise<void> {
    const name = harFileName(entry._operation ?? undefined);
    const file = join(this.path, name);
    const entryBytes = Buffer.byteLength(JSON.stringify(entry));
    if (entryBytes > this.options.maxExchangeBytes) {
      throw new RecordingLimitError(file, "exchange", this.options.maxExchangeBytes, entryBytes);
    }
    const entries = [...(this.logs.get(name) ?? []), entry];
    const text = `${JSON.stringify(harOf(entries), null, 1)}\n`;
    const bytes = Buffer.byteLength(text);
    const others = Object.entries(this.manifest.files)
      .filter(([n]) => n !== name)
      .reduce((sum, [, f]) => sum + f.bytes, 0);
    if (others + bytes > this.options.maxFolderBytes) {
      throw new RecordingLimitError(
        this.path,
        "folder",
        this.options.maxFolderBytes,
        others + bytes,
      );
    }
    await writeAtomic(file, text);
    this.logs.set(name, entries);
    this.manifest = {
      ...this.manifest,
      updated: new Date().toISOString(),
      files: {
        ...this.manifest.files,
        [name]: {
          operation: entry._operation,
          sha256: sha256(text),
          bytes,
          entries: entries.length,
        },
      },
    };
    await writeAtomic(
      join(this.path, MANIFEST_FILE),
      `${JSON.stringify(this.manifest, null, 2)}\n`,
    );
  }
}

function harOf(entries: readonly RecordedEntry[]): Har {
  return {
    log: {
      version: "1.2",
      creator: { name: "api-contracts", version: "1" },
      entries: entries as RecordedEntry[],
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** One API's recording, read and verified. */
export interface ApiRecording {
  readonly path: string;
  readonly manifest: RecordingManifest;
  /** HAR logs by file name. */
  readonly hars: ReadonlyMap<string, Har>;
}

/**
 * Read `DIR/<api>` (a folder holding manifest.json) and verify it: the manifest's shape, every
 * listed file's sha256, every HAR file listed, each a HAR 1.2 log of entries with a request and a
 * response. At most `maxBytes` are read. Throws RecordingReadError naming the file.
 */
export async function readApiRecording(
  path: string,
  maxBytes: number = DEFAULT_MAX_FOLDER_BYTES,
): Promise<ApiRecording> {
  const manifestFile = join(path, MANIFEST_FILE);
  const manifest = checkManifest(await readJson(manifestFile, 1024 * 1024), manifestFile);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    throw new RecordingReadError(
      path,
      `cannot be listed (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  for (const name of names) {
    if (name.endsWith(".har") && !Object.hasOwn(manifest.files, name)) {
      throw new RecordingReadError(
        join(path, name),
        "is not listed in manifest.json (added by hand?)",
      );
    }
  }
  const hars = new Map<string, Har>();
  let total = 0;
  for (const [name, listed] of Object.entries(manifest.files)) {
    const file = join(path, name);
    if (basename(name) !== name || !name.endsWith(".har")) {
      throw new RecordingReadError(
        manifestFile,
        `lists '${name}', which is not a .har file in this folder`,
        "/files",
      );
    }
    total += listed.bytes;
    if (total > maxBytes) {
      throw new RecordingReadError(
        file,
        `the folder holds more than ${maxBytes} bytes of recordings`,
      );
    }
    const raw = await readBytes(file, listed.bytes);
    if (sha256(raw) !== listed.sha256) {
      throw new RecordingReadError(
        file,
        "does not match the sha256 in manifest.json (edited or truncated)",
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch (error) {
      throw new RecordingReadError(file, `is not JSON (${(error as Error).message})`);
    }
    hars.set(name, checkHar(parsed, file));
  }
  return { path, manifest, hars };
}

/** Read `DIR`: every subfolder with a manifest.json (optionally only `api`'s). */
export async function readRecordings(
  dir: string,
  options: { readonly api?: string; readonly maxBytes?: number } = {},
): Promise<ApiRecording[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (error) {
    throw new RecordingReadError(
      dir,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass the folder given to --record`,
    );
  }
  const out: ApiRecording[] = [];
  for (const name of names) {
    if (options.api !== undefined && name !== options.api) continue;
    if (!(await exists(join(dir, name, MANIFEST_FILE)))) continue;
    const recording = await readApiRecording(join(dir, name), options.maxBytes);
    if (recording.manifest.api !== name) {
      throw new RecordingReadError(
        join(dir, name, MANIFEST_FILE),
        `names API '${recording.manifest.api}' but sits in folder '${name}'`,
        "/api",
      );
    }
    out.push(recording);
  }
  if (out.length === 0) {
    throw new RecordingReadError(
      dir,
      `holds no recording${options.api ? ` of ${options.api}` : ""} (no <api>/manifest.json)`,
    );
  }
  return out;
}

async function readBytes(file: string, expected: number): Promise<Buffer> {
  try {
    const info = await stat(file);
    // Bounded: a file larger than the manifest says is tampered; never read it whole.
    if (info.size !== expected) {
      throw new RecordingReadError(
        file,
        `holds ${info.size} bytes but manifest.json says ${expected} (edited or truncated)`,
      );
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof RecordingReadError) throw error;
    throw new RecordingReadError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

async function readJson(file: string, maxBytes: number): Promise<unknown> {
  let raw: Buffer;
  try {
    const info = await stat(file);
    if (info.size > maxBytes)
      throw new RecordingReadError(file, `is larger than ${maxBytes} bytes`);
    raw = await readFile(file);
  } catch (error) {
    if (error instanceof RecordingReadError) throw error;
    throw new RecordingReadError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new RecordingReadError(file, `is not JSON (${(error as Error).message})`);
  }
}

function checkManifest(value: unknown, file: string): RecordingManifest {
  const fail = (problem: string, pointer = "") => new RecordingReadError(file, problem, pointer);
  if (!isJsonObject(value)) throw fail("is not a JSON object");
  if (value.format !== MANIFEST_FORMAT)
    throw fail(
      `format is ${JSON.stringify(value.format)}, expected "${MANIFEST_FORMAT}"`,
      "/format",
    );
  if (typeof value.api !== "string") throw fail("has no api", "/api");
  if (!isJsonObject(value.files)) throw fail("has no files object", "/files");
  for (const [name, entry] of Object.entries(value.files)) {
    const at = toPointer(["files", name]);
    if (
      !isJsonObject(entry) ||
      typeof entry.sha256 !== "string" ||
      typeof entry.bytes !== "number"
    ) {
      throw fail("each file needs sha256 and bytes", at);
    }
  }
  if (!isJsonObject(value.redaction)) throw fail("has no redaction rules", "/redaction");
  return value as unknown as RecordingManifest;
}

function checkHar(value: unknown, file: string): Har {
  const fail = (problem: string, pointer: string) => new RecordingReadError(file, problem, pointer);
  if (!isJsonObject(value) || !isJsonObject(value.log))
    throw fail("is not a HAR document (no log)", "/log");
  if (value.log.version !== "1.2")
    throw fail(`HAR version ${JSON.stringify(value.log.version)}, expected "1.2"`, "/log/version");
  const entries = value.log.entries;
  if (!Array.isArray(entries)) throw fail("log.entries is not a list", "/log/entries");
  entries.forEach((entry: unknown, i) => {
    const at = `/log/entries/${i}`;
    if (!isJsonObject(entry) || !isJsonObject(entry.request) || !isJsonObject(entry.response)) {
      throw fail("entry needs request and response", at);
    }
    if (typeof entry.request.method !== "string" || typeof entry.request.url !== "string") {
      throw fail("request needs method and url", `${at}/request`);
    }
    if (typeof entry.response.status !== "number" || !isJsonObject(entry.response.content)) {
      throw fail("response needs status and content", `${at}/response`);
    }
    if (!Array.isArray(entry.response.headers) || !Array.isArray(entry.request.headers)) {
      throw fail("headers must be lists", at);
    }
  });
  return value as unknown as Har;
}
