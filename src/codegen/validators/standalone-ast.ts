/**
 * Syntax-tree access to ajv's standalone code: parsing with acorn, node-shape predicates, and
 * one-pass collection of identifier counts and the call/`new` nodes the rewrite edits. acorn is
 * the parser ajv's own ecosystem and most bundlers use (ESTree nodes with source offsets), and its
 * offsets are what magic-string edits: together they change code without ever matching its text.
 * @see https://github.com/acornjs/acorn
 */
import { type AnyNode, type Expression, type Node, type Program, parse } from "acorn";
import { full } from "acorn-walk";

/** Defined apart so that src/index.ts can export it without loading acorn. */
export { UnknownShapeError } from "./unknown-shape-error.js";

/** An ES module parsed with acorn (latest syntax, module goal). */
export function parseModule(code: string): Program {
  return parse(code, { ecmaVersion: "latest", sourceType: "module" });
}

/** `node` is the identifier `name` (any identifier when `name` is undefined). */
export function isIdentifier(
  node: Node | null | undefined,
  name?: string,
): node is Extract<AnyNode, { type: "Identifier" }> {
  return (
    node?.type === "Identifier" &&
    (name === undefined || (node as unknown as { name: string }).name === name)
  );
}

/** `node` is a literal whose value is `value`. */
export function isLiteral(node: Node | null | undefined, value: unknown): boolean {
  return node?.type === "Literal" && (node as unknown as { value: unknown }).value === value;
}

/** `node` is a string literal. */
export function isStringLiteral(
  node: Node | null | undefined,
): node is Extract<AnyNode, { type: "Literal" }> & { value: string; raw: string } {
  return node?.type === "Literal" && typeof (node as { value?: unknown }).value === "string";
}

/** `node` is `<object>.<property>` (not computed), optionally with the object named. */
export function isMember(
  node: Node | null | undefined,
  property: string,
  objectName?: string,
): node is Extract<AnyNode, { type: "MemberExpression" }> {
  if (node?.type !== "MemberExpression") return false;
  const member = node as Extract<AnyNode, { type: "MemberExpression" }>;
  return (
    !member.computed &&
    isIdentifier(member.property, property) &&
    (objectName === undefined || isIdentifier(member.object, objectName))
  );
}

/** The name of a non-computed property key (identifier or string literal), else undefined. */
export function keyName(property: Node): string | undefined {
  if (property.type !== "Property") return undefined;
  const p = property as Extract<AnyNode, { type: "Property" }>;
  if (p.computed || p.kind !== "init" || p.method) return undefined;
  if (isIdentifier(p.key)) return p.key.name;
  return isStringLiteral(p.key) ? p.key.value : undefined;
}

/** `node` is `<name> = <right>` as an expression statement; returns the right side. */
export function assignedTo(node: Node, name: string): Expression | undefined {
  if (node.type !== "ExpressionStatement") return undefined;
  const expression = (node as Extract<AnyNode, { type: "ExpressionStatement" }>).expression;
  if (expression.type !== "AssignmentExpression" || expression.operator !== "=") return undefined;
  return isIdentifier(expression.left, name) ? expression.right : undefined;
}

/** What one pass over a subtree collects. */
export interface CollectedNodes {
  /** Identifier occurrences by name (declarations and references; property names excluded). */
  readonly identifiers: Map<string, number>;
  /** Every call expression, in source order. */
  readonly calls: Extract<AnyNode, { type: "CallExpression" }>[];
  /** Every `new` expression, in source order. */
  readonly news: Extract<AnyNode, { type: "NewExpression" }>[];
  /** Start offsets of the references to `vErrors`, in source order. */
  readonly vErrorsAt: number[];
  /** Every return statement, in source order. */
  readonly returns: Extract<AnyNode, { type: "ReturnStatement" }>[];
}

/** Collect identifier counts, calls, `new`s and returns of `node` in one walk. */
export function collectNodes(node: Node): CollectedNodes {
  const out: CollectedNodes = {
    identifiers: new Map(),
    calls: [],
    news: [],
    vErrorsAt: [],
    returns: [],
  };
  full(node, (n) => {
    const any = n as AnyNode;
    switch (any.type) {
      case "Identifier":
        out.identifiers.set(any.name, (out.identifiers.get(any.name) ?? 0) + 1);
        if (any.name === "vErrors") out.vErrorsAt.push(any.start);
        break;
      case "CallExpression":
        out.calls.push(any);
        break;
      case "NewExpression":
        out.news.push(any);
        break;
      case "ReturnStatement":
        out.returns.push(any);
        break;
    }
  });
  // full() visits in post-order; edits are planned in source order.
  out.calls.sort((a, b) => a.start - b.start);
  out.news.sort((a, b) => a.start - b.start);
  out.returns.sort((a, b) => a.start - b.start);
  out.vErrorsAt.sort((a, b) => a - b);
  return out;
}

/** One replacement of the source range [start, end) (an insertion when start === end). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The range of a statement and the line break after it, for removing its whole line. */
export function statementLine(code: string, node: Node): Edit {
  return { start: node.start, end: code[node.end] === "\n" ? node.end + 1 : node.end, text: "" };
}

/** Whether `code` parses as an ES module. */
export function parses(code: string): boolean {
  try {
    parseModule(code);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parse emitted validator code once more before it is written: output that does not parse is a
 * bug in the rewrite (each function is rewritten or kept whole, so it should never happen), and
 * is refused here rather than written.
 * @throws Error naming the file, line and column.
 */
export function assertParses(code: string, file: string): void {
  try {
    parseModule(code);
  } catch (error) {
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    const at = loc ? `:${loc.line}:${loc.column + 1}` : "";
    throw new Error(
      `internal error: generated ${file}${at} does not parse (${message}); nothing was written. Please report this with the OpenAPI document.`,
    );
  }
}
