/**
 * The user's redaction rules for recordings: extra header and query-parameter names whose values
 * are credentials, and JSON Pointers of body fields to blank (`*` matches every item or member).
 * Loaded and checked before anything is recorded: rules that cannot be read stop the recording.
 * Credential headers, cookies and the API's own security-scheme names are always redacted; these
 * rules add to them, they never remove any.
 */
import { readFile } from "node:fs/promises";
import { load as parseYaml } from "js-yaml";
import { pointerTokens } from "../redact.js";
import { RedactionRulesError } from "./recording-errors.js";

/** What the user adds to the built-in redaction. */
export interface RedactionRules {
  /** Header names (any case) whose values are secrets. */
  readonly headers?: readonly string[];
  /** Query (and form) parameter names whose values are secrets. */
  readonly queryParameters?: readonly string[];
  /** JSON Pointers into request and response bodies whose values are blanked (`*`: any). */
  readonly jsonPointers?: readonly string[];
}

/** Rules with every list present. */
export type ResolvedRedactionRules = Required<{ [K in keyof RedactionRules]: readonly string[] }>;

const KEYS = ["headers", "queryParameters", "jsonPointers"] as const;

/** Check rules given in code or read from a file; `source` names them in errors. */
export function checkRedactionRules(value: unknown, source: string): ResolvedRedactionRules {
  if (value === undefined || value === null)
    return { headers: [], queryParameters: [], jsonPointers: [] };
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new RedactionRulesError(
      source,
      `expected an object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new RedactionRulesError(source, `unknown key '${key}' (known: ${KEYS.join(", ")})`);
    }
  }
  const list = (key: (typeof KEYS)[number]): string[] => {
    const items = record[key] ?? [];
    if (!Array.isArray(items) || items.some((item) => typeof item !== "string" || item === "")) {
      throw new RedactionRulesError(source, `'${key}' must be a list of non-empty strings`);
    }
    return items as string[];
  };
  const jsonPointers = list("jsonPointers");
  for (const [i, pointer] of jsonPointers.entries()) {
    try {
      pointerTokens(pointer);
    } catch {
      throw new RedactionRulesError(
        source,
        `jsonPointers[${i}] '${pointer}' is not a JSON Pointer (write /field/0/name, /items/*/email)`,
      );
    }
  }
  return { headers: list("headers"), queryParameters: list("queryParameters"), jsonPointers };
}

/** Read and check a rules file (JSON or YAML). Any problem is a RedactionRulesError naming the file. */
export async function loadRedactionRules(file: string): Promise<ResolvedRedactionRules> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RedactionRulesError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { filename: file, json: true });
  } catch (error) {
    throw new RedactionRulesError(
      file,
      `is not valid JSON or YAML (${(error as Error).message.split("\n")[0]})`,
    );
  }
  if (parsed === undefined) throw new RedactionRulesError(file, "is empty");
  return checkRedactionRules(parsed, file);
}
