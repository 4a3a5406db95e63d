/**
 * The node shapes of ajv's standalone validator code that rewrite-validator-function.ts edits,
 * as predicates over acorn's syntax tree (ESTree). Each names the exact code it recognises.
 */
import type { AnyNode, Node } from "acorn";
import {
  assignedTo,
  type Edit,
  isIdentifier,
  isLiteral,
  isMember,
  keyName,
  UnknownShapeError,
} from "./standalone-ast.js";

type Statement = Node;
type Call = Extract<AnyNode, { type: "CallExpression" }>;
type If = Extract<AnyNode, { type: "IfStatement" }>;
/** An object literal node. */
export type ObjectExpr = Extract<AnyNode, { type: "ObjectExpression" }>;

/** ajv's context keys, in the order ajv writes them in a `$ref` call and a function's parameters. */
export const CONTEXT_KEYS = ["instancePath", "parentData", "parentDataProperty", "rootData"];

/** The source text of a node. */
export function text(code: string, node: Node): string {
  return code.slice(node.start, node.end);
}

/** The first line of a statement, for messages. */
export function excerpt(code: string, node: Node): string {
  const line = text(code, node).split("\n")[0] ?? "";
  return line.slice(0, 120);
}

/** The `validateN.errorCount = …;` line a return publishes, or undefined for another return. */
function returnCount(node: Extract<AnyNode, { type: "ReturnStatement" }>): string | undefined {
  const argument = node.argument;
  if (isLiteral(argument, true)) return "0";
  if (isLiteral(argument, false)) return "1";
  if (
    argument?.type === "BinaryExpression" &&
    argument.operator === "===" &&
    isIdentifier(argument.left, "errors") &&
    isLiteral(argument.right, 0)
  ) {
    return "errors";
  }
  return undefined;
}

/**
 * The edit publishing the error count before a return (`return true;` → count 0, `return false;`
 * → 1, `return errors === 0;` → errors). A return that is not in a statement list is braced.
 */
export function returnCountEdit(
  name: string,
  node: Extract<AnyNode, { type: "ReturnStatement" }>,
  inList: boolean,
  code: string,
): Edit | undefined {
  const count = returnCount(node);
  if (count === undefined) return undefined;
  const line = `${name}.errorCount = ${count};\n`;
  if (inList) return { start: node.start, end: node.start, text: line };
  return { start: node.start, end: node.end, text: `{${line}${text(code, node)}}` };
}

/** `{instancePath…, keyword: k, params: {…}}` → `<path>, <k>, <params>` (addError's arguments). */
export function errorArguments(code: string, object: ObjectExpr, dropped: string[]): string {
  // An error a subschema records only to count it (ajv's `createErrors: false`, under `not`/`if`):
  // it is always truncated away again, so its content does not matter.
  if (object.properties.length === 0) return 'instancePath, "", {}';
  const [first] = object.properties;
  if (first === undefined || keyName(first) !== "instancePath") {
    throw new UnknownShapeError(
      `unexpected ajv error object '${excerpt(code, object)}'; update rewrite-validator-function.ts`,
    );
  }
  let keyword: string | undefined;
  let params: string | undefined;
  let path = "instancePath";
  for (const property of object.properties) {
    const key = keyName(property);
    if (key === undefined || property.type !== "Property") {
      throw new UnknownShapeError(`unexpected ajv error object '${excerpt(code, object)}'`);
    }
    if (key === "instancePath") path = text(code, property.value);
    else if (key === "keyword") keyword = text(code, property.value);
    else if (key === "params") params = paramsText(code, property.value);
    // schemaPath (and anything else) is dropped: violations never show it.
    else if (isIdentifier(property.value)) dropped.push(property.value.name);
  }
  if (keyword === undefined || params === undefined) {
    throw new UnknownShapeError(
      `unexpected ajv error object '${excerpt(code, object)}'; update rewrite-validator-function.ts`,
    );
  }
  return `${path}, ${keyword}, ${params}`;
}

/** ajv's params object on one line (`{property: "foo", missingProperty: "bar"}`). */
function paramsText(code: string, node: Node): string {
  if (node.type !== "ObjectExpression") return text(code, node);
  const parts = (node as ObjectExpr).properties.map((property) => {
    if (property.type !== "Property" || property.computed) return text(code, property);
    return property.shorthand
      ? text(code, property.key)
      : `${text(code, property.key)}: ${text(code, property.value)}`;
  });
  return `{${parts.join(", ")}}`;
}

/** The error object of `const errN = {…};`, or undefined. */
export function errorDeclaration(
  node: Statement,
): { name: string; object: ObjectExpr } | undefined {
  if (node.type !== "VariableDeclaration") return undefined;
  const declaration = node as Extract<AnyNode, { type: "VariableDeclaration" }>;
  const [declarator] = declaration.declarations;
  if (declaration.kind !== "const" || declaration.declarations.length !== 1 || !declarator)
    return undefined;
  if (!isIdentifier(declarator.id) || !declarator.id.name.startsWith("err")) return undefined;
  if (declarator.init?.type !== "ObjectExpression") return undefined;
  return { name: declarator.id.name, object: declarator.init };
}

/** `if(vErrors === null){vErrors = [errN];} else {vErrors.push(errN);}` for this `errN`. */
export function isErrorPush(node: Statement | undefined, err: string): boolean {
  if (node?.type !== "IfStatement") return false;
  const { test, consequent, alternate } = node as If;
  if (
    test.type !== "BinaryExpression" ||
    test.operator !== "===" ||
    !isIdentifier(test.left, "vErrors") ||
    !isLiteral(test.right, null)
  )
    return false;
  if (consequent.type !== "BlockStatement" || alternate?.type !== "BlockStatement") return false;
  const [assign] = consequent.body;
  const [push] = alternate.body;
  if (consequent.body.length !== 1 || alternate.body.length !== 1 || !assign || !push) return false;
  const array = assignedTo(assign, "vErrors");
  if (
    array?.type !== "ArrayExpression" ||
    array.elements.length !== 1 ||
    !isIdentifier(array.elements[0], err)
  )
    return false;
  if (push.type !== "ExpressionStatement") return false;
  const call = (push as Extract<AnyNode, { type: "ExpressionStatement" }>).expression;
  return (
    call.type === "CallExpression" &&
    isMember(call.callee, "push", "vErrors") &&
    call.arguments.length === 1 &&
    isIdentifier(call.arguments[0], err)
  );
}

/** The context object of a `$ref` call (`validateN(x, {instancePath…})`), or undefined. */
export function contextOf(call: Call): ObjectExpr | undefined {
  const context = call.arguments[1];
  if (call.arguments.length !== 2 || context?.type !== "ObjectExpression") return undefined;
  const first = context.properties[0];
  return first !== undefined && keyName(first) === "instancePath" ? context : undefined;
}

/** ajv's merge of a callee's errors: `vErrors = vErrors === null ? X.errors : vErrors.concat(X.errors);`. */
export function mergedCallee(code: string, node: Statement | undefined): string | undefined {
  const right = node === undefined ? undefined : assignedTo(node, "vErrors");
  if (right?.type !== "ConditionalExpression") return undefined;
  const { test, consequent, alternate } = right;
  if (
    test.type !== "BinaryExpression" ||
    test.operator !== "===" ||
    !isIdentifier(test.left, "vErrors") ||
    !isLiteral(test.right, null) ||
    !isMember(consequent, "errors") ||
    alternate.type !== "CallExpression" ||
    !isMember(alternate.callee, "concat", "vErrors") ||
    alternate.arguments.length !== 1
  )
    return undefined;
  const callee = text(code, consequent.object);
  const concatenated = alternate.arguments[0];
  if (!isMember(concatenated, "errors") || text(code, concatenated.object) !== callee)
    return undefined;
  return callee;
}

/** `errors = vErrors.length;`. */
export function isCountFromList(node: Statement | undefined): boolean {
  const right = node === undefined ? undefined : assignedTo(node, "errors");
  return isMember(right, "length", "vErrors");
}

/** `(typeof x == "number") && (isFinite(x))`: the type check ajv leaves when no keyword follows. */
export function isNumberCheck(node: Node): boolean {
  if (node.type !== "LogicalExpression") return false;
  const { operator, left, right } = node as Extract<AnyNode, { type: "LogicalExpression" }>;
  return (
    operator === "&&" &&
    left.type === "BinaryExpression" &&
    left.operator === "==" &&
    left.left.type === "UnaryExpression" &&
    left.left.operator === "typeof" &&
    isIdentifier(left.left.argument) &&
    isLiteral(left.right, "number") &&
    right.type === "CallExpression" &&
    isIdentifier(right.callee, "isFinite") &&
    right.arguments.length === 1 &&
    isIdentifier(right.arguments[0], left.left.argument.name)
  );
}

/** `var validN = _errsM === errors;`: the `validN` and `_errsM` names, or undefined. */
export function validSnapshot(node: Statement): { valid: string; errs: string } | undefined {
  if (node.type !== "VariableDeclaration") return undefined;
  const declaration = node as Extract<AnyNode, { type: "VariableDeclaration" }>;
  const declarator = declaration.declarations[0];
  if (declaration.kind !== "var" || declaration.declarations.length !== 1 || !declarator)
    return undefined;
  const init = declarator.init;
  if (!isIdentifier(declarator.id) || !/^valid\d+$/.test(declarator.id.name)) return undefined;
  if (init?.type !== "BinaryExpression" || init.operator !== "===") return undefined;
  if (!isIdentifier(init.left) || !/^_errs\d+$/.test(init.left.name)) return undefined;
  if (!isIdentifier(init.right, "errors")) return undefined;
  return { valid: declarator.id.name, errs: init.left.name };
}

/** `const _errsN = errors;`: the `_errsN` name, or undefined. */
export function errorsSnapshot(node: Statement): string | undefined {
  if (node.type !== "VariableDeclaration") return undefined;
  const declaration = node as Extract<AnyNode, { type: "VariableDeclaration" }>;
  const declarator = declaration.declarations[0];
  if (declaration.kind !== "const" || declaration.declarations.length !== 1 || !declarator)
    return undefined;
  if (!isIdentifier(declarator.id) || !/^_errs\d+$/.test(declarator.id.name)) return undefined;
  return isIdentifier(declarator.init, "errors") ? declarator.id.name : undefined;
}

/** `vErrors.length = _errsN;`: the `_errsN`, or undefined. */
export function resetTarget(node: Statement): string | undefined {
  const expression = (node as Extract<AnyNode, { type: "ExpressionStatement" }>).expression;
  if (expression.type !== "AssignmentExpression" || expression.operator !== "=") return undefined;
  if (!isMember(expression.left, "length", "vErrors") || !isIdentifier(expression.right))
    return undefined;
  return /^_errs\d+$/.test(expression.right.name) ? expression.right.name : undefined;
}

/** `let vErrors = null;`, `vErrors = null;` or `validateN.errors = vErrors;`. */
export function isKnownErrorListStatement(node: Statement): boolean {
  if (node.type === "VariableDeclaration") {
    const declaration = node as Extract<AnyNode, { type: "VariableDeclaration" }>;
    const [declarator] = declaration.declarations;
    return (
      declaration.kind === "let" &&
      declaration.declarations.length === 1 &&
      isIdentifier(declarator?.id, "vErrors") &&
      isLiteral(declarator?.init, null)
    );
  }
  if (isLiteral(assignedTo(node, "vErrors"), null)) return true;
  if (node.type !== "ExpressionStatement") return false;
  const expression = (node as Extract<AnyNode, { type: "ExpressionStatement" }>).expression;
  return (
    expression.type === "AssignmentExpression" &&
    expression.operator === "=" &&
    isMember(expression.left, "errors") &&
    isIdentifier(expression.left.object) &&
    /^validate\d+$/.test(expression.left.object.name) &&
    isIdentifier(expression.right, "vErrors")
  );
}
