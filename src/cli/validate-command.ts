import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import {
  findContent,
  findOperation,
  findResponse,
  parseStatus,
} from "../runtime/validate/match-response.js";
import { UndocumentedStatusError } from "../runtime/validate/operation-lookup-errors.js";
import type { Violation } from "../runtime/validate/types.js";
import { validateResponseWith } from "../runtime/validate/validate-with-module.js";
import { loadGeneratedApi } from "../validate/validate-response.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts validate --api ID --operation OP [--status CODE] [--content-type TYPE] FILE|-

Checks one response body (a JSON file, or - for stdin) against the vendored spec of API ID.

  --api ID             a generated API (gcore-billing, softwareone-marketplace, …)
  --operation OP       an operationId, or "METHOD /path/template" (e.g. "GET /public/v1/billing/invoices/{id}")
  --status CODE        the response status (default: 200); must be documented by the operation
  --content-type TYPE  the response media type (default: the first JSON type documented)

Prints "ok" and exits 0 when the body conforms; otherwise one line per violation (JSON Pointer,
rule, value cut at 80 characters, explanation) and exit 1. A body that is not JSON is exit 1,
unless the content type is a documented non-JSON type (a PDF: checked by type only) or one the
response does not document (a violation).
An empty file means "no body". Usage errors (unknown API, operation or status, unreadable file)
are exit 2.
`;

const VALUE_WIDTH = 80;
const RESPONSE_KEYWORDS = new Set(["status", "contentType", "body", "depth"]);

/** The value as JSON, cut to {@link VALUE_WIDTH} characters. */
function showValue(violation: Violation): string {
  if (!("value" in violation) || violation.value === undefined) return "(missing)";
  let text: string;
  try {
    text = JSON.stringify(violation.value) ?? String(violation.value);
  } catch {
    // JSON.stringify recurses: a value nested thousands of levels deep exhausts the stack.
    text = Array.isArray(violation.value) ? "[…]" : "{…}";
  }
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}

/** One output line: pointer, rule, value, then the explanation. */
export function formatViolation(violation: Violation): string {
  const pointer =
    violation.pointer || (RESPONSE_KEYWORDS.has(violation.keyword) ? "(response)" : "(root)");
  return `${pointer}  ${violation.keyword}  ${showValue(violation)}  ${violation.message}`;
}

async function readBody(file: string): Promise<string> {
  try {
    if (file !== "-") return await readFile(file, "utf8");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(
      `cannot read the body from '${file}' (${reason}); give a readable JSON file or - for stdin`,
    );
  }
}

/** `api-contracts validate`: see {@link HELP}. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("validate", {
    args,
    allowPositionals: true,
    options: {
      api: { type: "string" },
      operation: { type: "string" },
      status: { type: "string", default: "200" },
      "content-type": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.api) throw new UsageError("--api is required (e.g. --api gcore-billing); see --help");
  if (!values.operation)
    throw new UsageError('--operation is required (an operationId or "METHOD /path"); see --help');
  if (positionals.length !== 1) {
    throw new UsageError(
      `give exactly one body file, or - for stdin (got ${positionals.length}); see --help`,
    );
  }
  const { index, validators } = await loadGeneratedApi(values.api);
  const operation = findOperation(index, values.operation);
  const status = parseStatus(values.status);
  const response = findResponse(operation, status);
  if (!response) {
    throw new UndocumentedStatusError(operation.key, status, Object.keys(operation.responses));
  }
  const contentType = values["content-type"];
  const text = await readBody(positionals[0] as string);
  // Only a body documented as JSON is parsed; a PDF, or a content type the response does not
  // document, goes to the engine as text, which checks its content type.
  const content = findContent(response, contentType);
  const json = content !== undefined && content.validator !== null;
  let body: unknown = !json && text !== "" ? text : undefined;
  if (json && text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch (error) {
      process.stdout.write(`not JSON: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const result = validateResponseWith(index, validators, {
    operation: operation.key,
    status,
    body,
    ...(contentType === undefined ? {} : { contentType }),
  });
  if (result.valid) {
    process.stdout.write("ok\n");
    return 0;
  }
  const lines = result.errors.map(formatViolation);
  if (result.omitted > 0) lines.push(`… and ${result.omitted} more violations`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 1;
}
