import type { SecurityView } from "../collect-operations.js";
import { defineRule } from "../define-rule.js";
import { child, isObject } from "../resolve-ref.js";

type Requirement = Readonly<Record<string, readonly string[]>>;

/** An empty requirement list means no authentication: the one alternative that needs nothing. */
function alternatives(security: SecurityView): readonly Requirement[] {
  return security.requirements.length === 0 ? [{}] : security.requirements;
}

/** Whether a client that sends the credentials of `have` meets requirement `need`. */
function satisfies(have: Requirement, need: Requirement): boolean {
  return Object.entries(need).every(([scheme, scopes]) => {
    const held = have[scheme];
    return held !== undefined && scopes.every((scope) => held.includes(scope));
  });
}

function show(requirement: Requirement): string {
  const parts = Object.entries(requirement).map(([scheme, scopes]) =>
    scopes.length > 0 ? `${scheme} [${scopes.join(", ")}]` : scheme,
  );
  return parts.length > 0 ? parts.join(" + ") : "no authentication";
}

function canonical(security: SecurityView): string {
  return alternatives(security)
    .map((r) =>
      Object.entries(r)
        .map(([scheme, scopes]) => `${scheme}:${[...scopes].sort().join(",")}`)
        .sort()
        .join("&"),
    )
    .sort()
    .join("|");
}

/**
 * Security requirements in force for an operation (its own, else the document's). Breaking when a
 * client that met one of OLD's alternatives meets none of NEW's: a scheme or scope became required.
 */
export const operationSecurity = defineRule({
  name: "operation security",
  scope: "operation",
  levels: { "api-security-added": "breaking", "api-security-updated": "info" },
  check(pair, emit) {
    const before = alternatives(pair.old.security);
    const after = alternatives(pair.new.security);
    const stranded = before.filter((have) => !after.some((need) => satisfies(have, need)));
    if (stranded.length > 0) {
      emit(
        "api-security-added",
        pair.new.security.pointer,
        `security requirement added: clients using ${stranded.map(show).join(" or ")} now need ${after.map(show).join(" or ")}`,
      );
    } else if (canonical(pair.old.security) !== canonical(pair.new.security)) {
      emit(
        "api-security-updated",
        pair.new.security.pointer,
        `security changed from ${before.map(show).join(" or ")} to ${after.map(show).join(" or ")}; every old alternative still works`,
      );
    }
  },
});

/** Fields of a security scheme that decide what a client must send. */
const SCHEME_FIELDS = ["type", "in", "name", "scheme"] as const;

/** A security scheme whose type, header/query name or HTTP scheme changed: clients send the wrong credential. */
export const securitySchemeChanged = defineRule({
  name: "security scheme",
  scope: "document",
  levels: {
    "api-security-component-type-changed": "breaking",
    "api-security-component-changed": "breaking",
  },
  check(pair, emit) {
    const before = child(pair.old.root, "components", "securitySchemes");
    const after = child(pair.new.root, "components", "securitySchemes");
    if (!isObject(before.node) || !isObject(after.node)) return;
    for (const name of Object.keys(before.node)) {
      const oldScheme = pair.old.deref(child(before, name));
      const newScheme = pair.new.deref(child(after, name));
      if (!isObject(oldScheme.node) || !isObject(newScheme.node)) continue;
      for (const field of SCHEME_FIELDS) {
        const was = oldScheme.node[field];
        const is = newScheme.node[field];
        if (was === is) continue;
        emit(
          field === "type"
            ? "api-security-component-type-changed"
            : "api-security-component-changed",
          `${newScheme.pointer}/${field}`,
          `the security scheme '${name}' ${field} changed from ${JSON.stringify(was)} to ${JSON.stringify(is)}`,
        );
      }
    }
  },
});
