/**
 * ajv standalone source cut into its top-level statements by their syntax-tree node (acorn), so
 * that each validator function can be rewritten, or left as ajv wrote it, on its own, and each
 * statement can go into a chunk of its own (split-validators.ts).
 */
import type { AnyNode, Node, Program } from "acorn";
import { isIdentifier, isMember } from "./standalone-ast.js";

/** What a top-level statement of ajv's standalone code is. */
export type TopLevelKind =
  /** `function validateN(…){…}` */
  | "function"
  /** `const name = …;` (a schema copy, a pattern, a format or helper alias, a wrapper) */
  | "constant"
  /** `validateN.evaluated = …;`, which belongs to its function */
  | "evaluated"
  /** `export const name = validateN;` */
  | "export"
  /** `"use strict";` */
  | "directive"
  /** anything else: kept as it is */
  | "other";

/** One top-level statement: its node, what it is, and the name it declares or concerns. */
export interface TopLevelStatement {
  readonly node: Node;
  readonly kind: TopLevelKind;
  /**
   * The function or constant declared; the function an `evaluated` statement belongs to; the
   * exported name of an export. Undefined otherwise.
   */
  readonly name: string | undefined;
  /** For an export, the function it exports. */
  readonly target?: string;
}

function classify(node: AnyNode): TopLevelStatement {
  if (node.type === "FunctionDeclaration" && node.id) {
    return { node, kind: "function", name: node.id.name };
  }
  if (node.type === "VariableDeclaration" && node.kind === "const") {
    const [declarator] = node.declarations;
    if (node.declarations.length === 1 && isIdentifier(declarator?.id) && declarator.init) {
      return { node, kind: "constant", name: declarator.id.name };
    }
  }
  if (node.type === "ExportNamedDeclaration" && node.declaration?.type === "VariableDeclaration") {
    const [declarator] = node.declaration.declarations;
    if (
      node.declaration.declarations.length === 1 &&
      isIdentifier(declarator?.id) &&
      isIdentifier(declarator.init)
    ) {
      return { node, kind: "export", name: declarator.id.name, target: declarator.init.name };
    }
  }
  if (node.type === "ExpressionStatement") {
    if (typeof node.directive === "string") return { node, kind: "directive", name: undefined };
    const expression = node.expression;
    if (
      expression.type === "AssignmentExpression" &&
      expression.operator === "=" &&
      isMember(expression.left, "evaluated") &&
      isIdentifier(expression.left.object)
    ) {
      return { node, kind: "evaluated", name: expression.left.object.name };
    }
  }
  return { node, kind: "other", name: undefined };
}

/** The top-level statements of a parsed module, in order. */
export function topLevelStatements(program: Program): TopLevelStatement[] {
  return program.body.map((node) => classify(node as AnyNode));
}
