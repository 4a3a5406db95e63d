/**
 * Parsing YAML or JSON text into plain data, with syntax errors that name the file, line and
 * column. The first step of reading any document (load-document.ts) or any file a document
 * references (bundle-document.ts).
 */
import { extname } from "node:path";
import jsYaml from "js-yaml";
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import { SpecError } from "../errors.js";

/** An OpenAPI document as parsed: plain JSON data, not yet validated. */
export type OpenApiDocument = Record<string, unknown>;

/** Which syntax a text is in, judged by file extension, then by its first character. */
export function detectSyntax(file: string, text: string): "json" | "yaml" {
  const ext = extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse YAML or JSON text. Syntax errors become a {@link SpecError} naming `file` and the line,
 * so that `codegen` and `vendor` can exit 2 with a message that points at the fault.
 * `lineOffset` shifts reported lines when the text was cut out of a larger file (a fenced block).
 */
export function parseDocumentText(text: string, file: string, lineOffset = 0): unknown {
  const syntax = detectSyntax(file, text);
  if (syntax === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      // V8 often omits the position ("Unexpected token '}' ... is not valid JSON"), so locate the
      // fault with jsonc-parser, which reports offsets; it runs only on this error path.
      const problems: ParseError[] = [];
      parseJsonc(text, problems, { allowTrailingComma: false, disallowComments: true });
      const first = problems[0];
      const where = first ? lineColumnAt(text, first.offset) : undefined;
      const line = where ? where.line + lineOffset : undefined;
      const reason = first ? printParseErrorCode(first.error) : (error as Error).message;
      throw new SpecError(
        `${file}${line ? `:${line}:${where?.column}` : ""}: invalid JSON (${reason}); fix the syntax and run again`,
        file,
        undefined,
        line,
      );
    }
  }
  try {
    // JSON_SCHEMA keeps timestamps and other YAML-only types as strings, as OpenAPI expects.
    return jsYaml.load(text, { filename: file, schema: jsYaml.JSON_SCHEMA });
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) {
      const line = error.mark ? error.mark.line + 1 + lineOffset : undefined;
      const column = error.mark ? error.mark.column + 1 : undefined;
      throw new SpecError(
        `${file}${line ? `:${line}:${column}` : ""}: invalid YAML: ${error.reason}; fix the syntax and run again`,
        file,
        undefined,
        line,
      );
    }
    throw error;
  }
}
