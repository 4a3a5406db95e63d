/**
 * ajv standalone source cut into its top-level statements (scope constants, validator functions,
 * `validateN.evaluated = …` lines), so that each function can be rewritten, or left as ajv wrote
 * it, on its own. A lexical scan, not a regex: string literals (ajv writes only double-quoted
 * ones, but single quotes and template literals are skipped too) and brackets are tracked, so a
 * `}` or `;` inside a pattern or property name never ends a statement.
 */

/** One top-level statement: its text and, for a function declaration, the function's name. */
export interface TopLevelStatement {
  readonly text: string;
  /** `validate12` for `function validate12(…){…}`; undefined for anything else. */
  readonly functionName: string | undefined;
}

/** Index just past the string literal that starts at `from` (its quote character). */
function skipString(code: string, from: number): number {
  const quote = code[from];
  let i = from + 1;
  while (i < code.length && code[i] !== quote) i += code[i] === "\\" ? 2 : 1;
  if (i >= code.length) throw new Error("unterminated string literal in ajv standalone code");
  return i + 1;
}

/**
 * The top-level statements of `code`, in order. A function declaration ends at its closing brace;
 * any other statement at the `;` that closes it at bracket depth 0.
 * @throws Error when brackets or strings do not balance (not code ajv wrote).
 */
export function topLevelStatements(code: string): TopLevelStatement[] {
  const statements: TopLevelStatement[] = [];
  let start = 0;
  let depth = 0;
  let isFunction: boolean | undefined;
  for (let i = 0; i < code.length; ) {
    const c = code[i] as string;
    if (isFunction === undefined) {
      if (/\s/.test(c)) {
        i++;
        start = i;
        continue;
      }
      isFunction = /^function\s/.test(code.slice(i, i + 9));
      start = i;
    }
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(code, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth < 0) throw new Error("unbalanced brackets in ajv standalone code");
    }
    i++;
    const ends = depth === 0 && (isFunction ? c === "}" : c === ";");
    if (ends) {
      const text = code.slice(start, i);
      const name = isFunction ? /^function\s+([\w$]+)\s*\(/.exec(text)?.[1] : undefined;
      statements.push({ text, functionName: name });
      isFunction = undefined;
      start = i;
    }
  }
  if (isFunction !== undefined || depth !== 0) {
    throw new Error("ajv standalone code ends inside a statement");
  }
  return statements;
}
