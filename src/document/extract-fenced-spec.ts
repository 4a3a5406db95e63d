import { SpecError } from "../errors.js";
import { type OpenApiDocument, parseOpenApiText } from "./load-document.js";

/** One fenced code block of a Markdown page. */
export interface FencedBlock {
  /** First word of the info string, lower-cased (`yaml`, `json`, or `""` when there is none). */
  readonly language: string;
  /** The whole info string after the fence characters (Gcore puts a file name and route there). */
  readonly info: string;
  /** The block's content, without the fence lines. */
  readonly content: string;
  /** 1-based line number of the opening fence in the page. */
  readonly fenceLine: number;
}

/** Languages whose fenced blocks may hold an OpenAPI document. */
const SPEC_LANGUAGES = new Set(["yaml", "yml", "json"]);

// Marks a block as a spec: an `openapi` key at the start of a YAML line, or anywhere in JSON
// (the parse that follows checks that it is the top-level one).
const OPENAPI_KEY = { yaml: /^["']?openapi["']?\s*:/m, json: /"openapi"\s*:/ };

/**
 * Fenced code blocks of a Markdown page, as CommonMark reads them: an opening run of three or more
 * backticks or tildes, closed by a run of the same character at least as long; an unclosed block runs
 * to the end of the page. @see https://spec.commonmark.org/0.31.2/#fenced-code-blocks
 */
export function findFencedBlocks(page: string): FencedBlock[] {
  const lines = page.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let open:
    | { char: string; length: number; info: string; indent: number; line: number }
    | undefined;
  let body: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (open === undefined) {
      const start = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
      // A backtick fence's info string may not contain backticks (that is inline code instead).
      if (!start || (start[2]?.startsWith("`") && start[3]?.includes("`"))) continue;
      const fence = start[2] ?? "";
      open = {
        char: fence.charAt(0),
        length: fence.length,
        info: (start[3] ?? "").trim(),
        indent: start[1]?.length ?? 0,
        line: index + 1,
      };
      body = [];
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close?.[1]?.startsWith(open.char) && close[1].length >= open.length) {
      blocks.push(toBlock(open, body));
      open = undefined;
      continue;
    }
    // Content lines lose up to the opening fence's indentation.
    body.push(line.replace(new RegExp(`^ {0,${open.indent}}`), ""));
  }
  if (open !== undefined) blocks.push(toBlock(open, body));
  return blocks;
}

function toBlock(open: { info: string; line: number }, body: string[]): FencedBlock {
  return {
    language: (open.info.split(/\s+/)[0] ?? "").toLowerCase(),
    info: open.info,
    content: body.join("\n"),
    fenceLine: open.line,
  };
}

/**
 * The OpenAPI document embedded in a docs page: the one ```yaml / ````yaml / ```json fenced block
 * whose content has a top-level `openapi` key. Syntax errors name `pageFile` and the line in the
 * page (not in the block). A page with no such block, or with several, is a {@link SpecError}.
 */
export function extractFencedSpec(page: string, pageFile: string): OpenApiDocument {
  const candidates = findFencedBlocks(page).filter(
    (block) =>
      SPEC_LANGUAGES.has(block.language) &&
      OPENAPI_KEY[block.language === "json" ? "json" : "yaml"].test(block.content),
  );
  const [block, second] = candidates;
  if (block === undefined) {
    throw new SpecError(
      `${pageFile}: no OpenAPI spec block found; expected a fenced code block (\`\`\`yaml, \`\`\`\`yaml or \`\`\`json) whose content starts with a top-level 'openapi' key; is this the right page?`,
      pageFile,
    );
  }
  if (second !== undefined) {
    throw new SpecError(
      `${pageFile}: ${candidates.length} OpenAPI spec blocks found (lines ${candidates.map((c) => c.fenceLine).join(", ")}); expected exactly one per page`,
      pageFile,
      undefined,
      second.fenceLine,
    );
  }
  // Parse by the fence's language, not by the page's `.txt`/`.md` extension.
  const virtualFile = block.language === "json" ? `${pageFile}#.json` : `${pageFile}#.yaml`;
  try {
    return parseOpenApiText(block.content, virtualFile, block.fenceLine);
  } catch (error) {
    if (error instanceof SpecError) {
      throw new SpecError(
        error.message.replaceAll(virtualFile, pageFile),
        pageFile,
        error.pointer,
        error.line,
      );
    }
    throw error;
  }
}
