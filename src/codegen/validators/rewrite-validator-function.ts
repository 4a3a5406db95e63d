/**
 * The rewrite of one ajv validator function, planned on its syntax tree (acorn) as a list of
 * source edits (applied with magic-string by rewrite-standalone.ts). Each rewrite recognises ajv's
 * exact node shapes; anything else that touches the error list throws {@link UnknownShapeError},
 * and the caller keeps the function as ajv wrote it. What it rewrites:
 * - ajv's error push (`const errN = {…}; if(vErrors === null){…}else{vErrors.push(errN);}`) →
 *   `vErrors = addError(vErrors, <path>, <keyword>, <params>);` (capped list, schemaPath dropped);
 * - `vErrors.length = _errsN;` → a truncation that never grows the array;
 * - every `return` publishes the function's full error count (`validateN.errorCount`);
 * - the context object of every `$ref` call and of the function's own parameters is dropped, and
 *   the merge after a failed call prefixes the callee's errors (`appendErrors`);
 * - dead bookkeeping ajv's optimizer (off) would drop: unread `var validN = _errsM === errors;`,
 *   unread `const _errsN = errors;`, empty number checks and empty `else {}` blocks.
 */
import type { AnyNode, Node } from "acorn";
import {
  CONTEXT_KEYS,
  contextOf,
  errorArguments,
  errorDeclaration,
  errorsSnapshot,
  isCountFromList,
  isErrorPush,
  isKnownErrorListStatement,
  isNumberCheck,
  mergedCallee,
  type ObjectExpr,
  resetTarget,
  returnCountEdit,
  text,
  validSnapshot,
} from "./ajv-code-shapes.js";
import {
  type CollectedNodes,
  type Edit,
  isIdentifier,
  isLiteral,
  keyName,
  statementLine,
  UnknownShapeError,
} from "./standalone-ast.js";

type FunctionNode = Extract<AnyNode, { type: "FunctionDeclaration" }>;
type Statement = Node;
type Block = Extract<AnyNode, { type: "BlockStatement" }>;
type If = Extract<AnyNode, { type: "IfStatement" }>;
type Call = Extract<AnyNode, { type: "CallExpression" }>;

/** The planned edits of one function, and identifiers its removed code referenced. */
export interface FunctionPlan {
  readonly edits: Edit[];
  /** Identifiers referenced only by code the edits drop (error-object fields never reported). */
  readonly dropped: string[];
  /** Runtime bindings the edits introduce (`addError`, `appendErrors`). */
  readonly inserted: ReadonlySet<string>;
}

/** The statements a function's rewrite walks, and what it found on the way. */
class FunctionPlanner {
  readonly edits: Edit[] = [];
  readonly dropped: string[] = [];
  readonly inserted = new Set<string>();
  /** Ranges whose `vErrors` uses are a known shape, in source order. */
  private readonly knownRanges: [start: number, end: number][] = [];
  private readonly handledCalls = new Set<Node>();
  private readonly validSnapshots: { node: Statement; valid: string; errs: string }[] = [];
  private readonly errsSnapshots: { node: Statement; name: string }[] = [];
  /** Blocks in post-order with the statement owning them, for the empty-block pass. */
  private readonly ifs: If[] = [];
  private readonly returnsInList = new Set<Node>();

  constructor(
    private readonly code: string,
    private readonly name: string,
    private readonly collected: CollectedNodes,
  ) {}

  plan(fn: FunctionNode): FunctionPlan {
    this.parameters(fn);
    this.list(fn.body.body);
    this.checkErrorListUses();
    for (const call of this.collected.calls) {
      if (contextOf(call) && !this.handledCalls.has(call)) {
        throw new UnknownShapeError(
          `unexpected ajv call context near '${text(this.code, call).slice(0, 80)}'`,
        );
      }
    }
    for (const node of this.collected.returns) {
      const edit = returnCountEdit(this.name, node, this.returnsInList.has(node), this.code);
      if (edit) this.edits.push(edit);
    }
    this.deadBookkeeping();
    return { edits: this.edits, dropped: this.dropped, inserted: this.inserted };
  }

  private known(node: Node): void {
    this.knownRanges.push([node.start, node.end]);
  }

  /** Every `vErrors` reference must lie in a shape the rewrite knows (it edits the list). */
  private checkErrorListUses(): void {
    const ranges = this.knownRanges.sort((a, b) => a[0] - b[0]);
    let r = 0;
    for (const at of this.collected.vErrorsAt) {
      while (r < ranges.length && (ranges[r] as [number, number])[1] <= at) r++;
      const range = ranges[r];
      if (range && range[0] <= at) continue;
      const from = this.code.lastIndexOf("\n", at) + 1;
      const to = this.code.indexOf("\n", at);
      const line = this.code.slice(from, to < 0 ? undefined : to).slice(0, 120);
      throw new UnknownShapeError(
        `ajv standalone code uses vErrors in an unknown way: '${line}'; update rewrite-validator-function.ts`,
      );
    }
  }

  /** `(data, {instancePath="", parentData, parentDataProperty, rootData=data}={})` → `(data)`. */
  private parameters(fn: FunctionNode): void {
    const [data, context] = fn.params;
    if (!isIdentifier(data, "data") || fn.params.length > 2 || !fn.id) {
      throw new UnknownShapeError(`unexpected parameters of ${this.name}`);
    }
    if (context === undefined) return;
    const pattern = context.type === "AssignmentPattern" ? context.left : undefined;
    const keys = pattern?.type === "ObjectPattern" ? pattern.properties.map(keyName) : [];
    if (keys.join() !== CONTEXT_KEYS.join()) {
      throw new UnknownShapeError(`ajv standalone code passes its context in an unknown way`);
    }
    // A second argument is ignored: a function left as ajv wrote it still passes its context
    // object, and the caller's merge makes paths absolute either way.
    this.edits.push({
      start: fn.id.end,
      end: fn.body.start + 1,
      text: '(data){\nconst instancePath = "";',
    });
  }

  private list(statements: readonly Statement[]): void {
    for (let i = 0; i < statements.length; i++) {
      const node = statements[i] as Statement;
      if (node.type === "ReturnStatement") this.returnsInList.add(node);
      const err = errorDeclaration(node);
      const next = statements[i + 1];
      if (err && isErrorPush(next, err.name) && next) {
        const args = errorArguments(this.code, err.object, this.dropped);
        this.known(node);
        this.known(next);
        this.inserted.add("addError");
        this.edits.push({
          start: node.start,
          end: next.end,
          text: `vErrors = addError(vErrors, ${args});`,
        });
        i++;
        continue;
      }
      this.statement(node);
    }
  }

  private nested(node: Statement | null | undefined): void {
    if (!node) return;
    if (node.type === "BlockStatement") this.list((node as Block).body);
    else this.statement(node);
  }

  private statement(node: Statement): void {
    const any = node as AnyNode;
    switch (any.type) {
      case "BlockStatement":
        this.list(any.body);
        return;
      case "IfStatement":
        this.ifStatement(any);
        return;
      case "ForStatement":
        this.nested(any.body);
        return;
      case "ForInStatement":
      case "ForOfStatement":
        this.nested(any.body);
        return;
      case "WhileStatement":
      case "DoWhileStatement":
        this.nested(any.body);
        return;
      case "LabeledStatement":
        this.nested(any.body);
        return;
      case "TryStatement":
        this.nested(any.block);
        this.nested(any.handler?.body);
        this.nested(any.finalizer);
        return;
    }
    const snapshot = validSnapshot(node);
    if (snapshot) this.validSnapshots.push({ node, ...snapshot });
    const errs = errorsSnapshot(node);
    if (errs) this.errsSnapshots.push({ node, name: errs });
    const reset = node.type === "ExpressionStatement" ? resetTarget(node) : undefined;
    if (reset !== undefined) {
      // Resetting to an earlier count never grows the array (it may hold fewer than `errors`).
      this.known(node);
      this.edits.push({
        start: node.start,
        end: node.end,
        text: `if(${reset} < vErrors.length){vErrors.length = ${reset};}`,
      });
      return;
    }
    if (isKnownErrorListStatement(node)) this.known(node);
  }

  private ifStatement(node: If): void {
    const { test, consequent, alternate } = node;
    const call =
      test.type === "UnaryExpression" &&
      test.operator === "!" &&
      test.argument.type === "CallExpression"
        ? test.argument
        : undefined;
    const context = call ? contextOf(call) : undefined;
    if (call && context) {
      this.refCall(call, context, consequent);
      if (alternate) this.nested(alternate);
      this.ifs.push(node);
      return;
    }
    // `if(vErrors !== null){`: the guard of ajv's reset.
    const guard =
      test.type === "BinaryExpression" &&
      test.operator === "!==" &&
      isIdentifier(test.left, "vErrors") &&
      isLiteral(test.right, null);
    if (guard) this.known(test);
    this.nested(consequent);
    this.nested(alternate);
    this.ifs.push(node);
  }

  /**
   * `if(!(validateN(x, {instancePath: p, …}))){` + ajv's merge → the call without its context,
   * and `vErrors = appendErrors(vErrors, validateN.errors, p); errors += validateN.errorCount;`.
   */
  private refCall(call: Call, context: ObjectExpr, consequent: Statement): void {
    const keys = context.properties.map(keyName);
    const [data] = call.arguments;
    if (keys.join() !== CONTEXT_KEYS.join() || !data) {
      throw new UnknownShapeError(
        `unexpected ajv call context near '${text(this.code, call).slice(0, 80)}'`,
      );
    }
    const body = consequent.type === "BlockStatement" ? (consequent as Block).body : [];
    const [merge, count, ...rest] = body;
    const callee = mergedCallee(this.code, merge);
    if (!merge || !count || callee === undefined || !isCountFromList(count)) {
      throw new UnknownShapeError(
        `unexpected ajv call context near '${text(this.code, call).slice(0, 80)}'`,
      );
    }
    const path = context.properties[0];
    const prefix = path?.type === "Property" ? text(this.code, path.value) : "instancePath";
    this.handledCalls.add(call);
    this.edits.push({ start: data.end, end: context.end, text: "" });
    this.edits.push({
      start: merge.start,
      end: count.end,
      text: `vErrors = appendErrors(vErrors, ${callee}.errors, ${prefix});\nerrors += ${callee}.errorCount;`,
    });
    this.known(merge);
    this.known(count);
    this.inserted.add("appendErrors");
    this.list(rest);
  }

  /**
   * Remove what ajv's optimizer (off for codegen speed) would: `var validN = _errsM === errors;`
   * whose `validN` nothing else reads, then `const _errsN = errors;` nothing reads, then number
   * checks and `else` blocks left empty. Dead to TurboFan anyway, they still cost parsing and
   * interpreted runs: a tenth of the code a first validation compiles.
   */
  private deadBookkeeping(): void {
    const counts = this.collected.identifiers;
    const removed = new Set<Node>();
    const stores = new Map<string, number>();
    for (const { valid } of this.validSnapshots) stores.set(valid, (stores.get(valid) ?? 0) + 1);
    const errsUses = new Map(counts);
    for (const snapshot of this.validSnapshots) {
      if (counts.get(snapshot.valid) !== stores.get(snapshot.valid)) continue;
      removed.add(snapshot.node);
      errsUses.set(snapshot.errs, (errsUses.get(snapshot.errs) ?? 0) - 1);
    }
    for (const snapshot of this.errsSnapshots) {
      if (errsUses.get(snapshot.name) === 1) removed.add(snapshot.node);
    }
    const empty = (block: Node | null | undefined): boolean =>
      block?.type === "BlockStatement" && (block as Block).body.every((s) => removed.has(s));
    const inElse = new Set<Node>();
    for (const node of this.ifs) {
      if (!node.alternate && isNumberCheck(node.test) && empty(node.consequent)) removed.add(node);
      else if (node.alternate && empty(node.alternate)) {
        inElse.add(node.alternate);
        this.edits.push({ start: node.consequent.end, end: node.alternate.end, text: "" });
      }
    }
    // Only the outermost removals get an edit: an empty number check or `else` holds the others.
    const ranges = [
      ...[...inElse].map((block) => ({ node: block, edited: true })),
      ...[...removed].map((node) => ({ node, edited: false })),
    ].sort((a, b) => a.node.start - b.node.start || b.node.end - a.node.end);
    let coveredTo = -1;
    for (const { node, edited } of ranges) {
      if (node.start < coveredTo) continue;
      coveredTo = node.end;
      if (!edited) this.edits.push(statementLine(this.code, node));
    }
  }
}

/**
 * The edits rewriting one validator function (see the module doc).
 * @throws UnknownShapeError when the function has a shape the rewrite does not know.
 */
export function planFunction(
  code: string,
  fn: FunctionNode,
  collected: CollectedNodes,
): FunctionPlan {
  const name = fn.id?.name ?? "";
  return new FunctionPlanner(code, name, collected).plan(fn);
}

/** The edits keeping a function as ajv wrote it, publishing its error count at each return. */
export function planFallback(code: string, fn: FunctionNode, collected: CollectedNodes): Edit[] {
  const name = fn.id?.name ?? "";
  const inList = new Set<Node>();
  const mark = (node: Node): void => {
    const any = node as AnyNode;
    const lists: Node[][] = [];
    if (any.type === "BlockStatement") lists.push(any.body);
    else if (any.type === "SwitchCase") lists.push(any.consequent);
    for (const list of lists) for (const statement of list) inList.add(statement);
  };
  // A return is in a statement list when its parent block holds it.
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== "object") return;
    if (Array.isArray(n)) {
      for (const item of n) visit(item);
      return;
    }
    const node = n as Node;
    if (typeof node.type !== "string") return;
    mark(node);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "loc" && key !== "range" && typeof value === "object") visit(value);
    }
  };
  visit(fn.body);
  const edits: Edit[] = [];
  for (const node of collected.returns) {
    const edit = returnCountEdit(name, node, inList.has(node), code);
    if (edit) edits.push(edit);
  }
  return edits;
}
