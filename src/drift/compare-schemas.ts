import type { Change } from "./change.js";
import type { Direction, Rule, SchemaPair, Subject } from "./define-rule.js";
import type { Located } from "./document-side.js";
import { matchAlternatives } from "./match-alternatives.js";
import type { NormalSchema, SchemaNormaliser } from "./normalise-schema.js";

/** Where a schema walk starts: a parameter's schema, or a request or response body of one media type. */
export interface SchemaRoot {
  readonly operation: string;
  readonly direction: Direction;
  /** A parameter's sub-schemas keep the `request-parameter` id prefix; a body's become `*-property`. */
  readonly kind: "parameter" | "body";
  /** For messages: `query request parameter 'limit'`, `200 application/json`. */
  readonly where: string;
  /** A parameter's location (`header`, `query` ...): oasdiff names header-parameter properties apart. */
  readonly parameterIn?: string;
  readonly old: Located;
  readonly new: Located;
}

/** Two corresponding schemas in one direction: a node of the graph the comparer explores once. */
interface PairNode {
  readonly old: NormalSchema;
  readonly new: NormalSchema;
  readonly direction: Direction;
  readonly children: { readonly token: string; readonly node: PairNode }[];
  readonly parents: PairNode[];
  expanded: boolean;
  /** The rules report something on this pair itself. */
  local: boolean;
  /** This pair or a pair below it has a change. */
  dirty: boolean;
}

/** Whether a property is left out in this direction (`readOnly` in requests, `writeOnly` in responses). */
function excluded(schema: NormalSchema, direction: Direction): boolean {
  return direction === "request" ? schema.readOnly : schema.writeOnly;
}

/**
 * Walks two schemas side by side (properties, items, additionalProperties, oneOf/anyOf alternatives)
 * and runs the schema rules on every pair. Schemas are compared by resolved shape, never by component
 * name.
 *
 * Real documents share components between hundreds of operations and contain cycles, so pairs form a
 * graph that is explored once for the whole diff: each pair records whether anything below it changed,
 * and each operation then walks only the changed branches (to name its own property paths).
 */
export class SchemaComparer {
  private readonly nodes = new Map<string, PairNode>();

  constructor(
    private readonly oldSchemas: SchemaNormaliser,
    private readonly newSchemas: SchemaNormaliser,
    private readonly rules: readonly Rule<"schema">[],
  ) {}

  /** Every change the schema rules find between the two schemas of `root`. */
  compare(root: SchemaRoot): Change[] {
    const start = this.node(
      this.oldSchemas.normalise(root.old),
      this.newSchemas.normalise(root.new),
      root.direction,
    );
    this.explore(start);
    const changes: Change[] = [];
    if (!start.dirty) return changes;
    const visited = new Set<PairNode>();
    const stack: { node: PairNode; path: string[] }[] = [{ node: start, path: [] }];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const { node, path } = next;
      if (visited.has(node)) continue;
      visited.add(node);
      if (node.local) changes.push(...this.runRules(node, root, path));
      for (const item of node.children) {
        if (item.node.dirty) stack.push({ node: item.node, path: [...path, item.token] });
      }
    }
    return changes;
  }

  private runRules(
    node: PairNode,
    root: SchemaRoot,
    path: readonly string[],
    probe = false,
  ): Change[] {
    const subject: Subject =
      root.kind === "parameter"
        ? path.every((token) => token === "items")
          ? "request-parameter"
          : "request-parameter-property"
        : `${root.direction}-${path.length === 0 ? "body" : "property"}`;
    const pair: SchemaPair = {
      operation: root.operation,
      direction: root.direction,
      subject,
      path: path.join("/"),
      where: root.where,
      ...(root.parameterIn ? { parameterIn: root.parameterIn } : {}),
      old: node.old,
      new: node.new,
      oldSchemas: this.oldSchemas,
      newSchemas: this.newSchemas,
      ...(probe ? { probe } : {}),
    };
    return this.rules.flatMap((rule) => rule.run(pair));
  }

  private node(before: NormalSchema, after: NormalSchema, direction: Direction): PairNode {
    const key = `${direction}\u0000${before.identity}\u0000${after.identity}`;
    let node = this.nodes.get(key);
    if (!node) {
      node = {
        old: before,
        new: after,
        direction,
        children: [],
        parents: [],
        expanded: false,
        local: false,
        dirty: false,
      };
      this.nodes.set(key, node);
    }
    return node;
  }

  /** Expand every pair reachable from `start` not expanded before, and propagate `dirty` upwards. */
  private explore(start: PairNode): void {
    const stack = [start];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.expanded) continue;
      node.expanded = true;
      // Whether the rules fire does not depend on where the pair sits, so a neutral context decides it.
      const probe: SchemaRoot = {
        operation: "",
        direction: node.direction,
        kind: "body",
        where: "",
        old: { node: undefined, pointer: "" },
        new: { node: undefined, pointer: "" },
      };
      if (this.runRules(node, probe, ["probe"], true).length > 0) {
        node.local = true;
        markDirty(node);
      }
      for (const { token, old, new: next } of this.childLocations(node)) {
        const childNode = this.node(
          this.oldSchemas.normalise(old),
          this.newSchemas.normalise(next),
          node.direction,
        );
        node.children.push({ token, node: childNode });
        childNode.parents.push(node);
        if (childNode.dirty) markDirty(node);
        if (!childNode.expanded) stack.push(childNode);
      }
    }
  }

  private *childLocations(
    node: PairNode,
  ): Generator<{ token: string; old: Located; new: Located }> {
    const { old: before, new: after, direction } = node;
    for (const [name, oldLoc] of before.properties) {
      const newLoc = after.properties.get(name);
      if (!newLoc) continue;
      if (excluded(this.oldSchemas.normalise(oldLoc), direction)) continue;
      if (excluded(this.newSchemas.normalise(newLoc), direction)) continue;
      yield { token: name, old: oldLoc, new: newLoc };
    }
    if (before.items && after.items) yield { token: "items", old: before.items, new: after.items };
    if (before.additionalProperties && after.additionalProperties) {
      yield {
        token: "additionalProperties",
        old: before.additionalProperties,
        new: after.additionalProperties,
      };
    }
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const olds = before[keyword];
      const news = after[keyword];
      if (!olds || !news) continue;
      // Alternatives have no names: pair them by content (match-alternatives.ts).
      const match = matchAlternatives(olds, news, this.oldSchemas, this.newSchemas);
      for (const [i, j] of match.pairs) {
        const old = olds[i];
        const next = news[j];
        if (old && next) yield { token: `${keyword}[${j}]`, old, new: next };
      }
    }
  }
}

/** Mark a pair and every pair above it as containing a change. */
function markDirty(start: PairNode): void {
  const stack = [start];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.dirty) continue;
    node.dirty = true;
    stack.push(...node.parents);
  }
}
