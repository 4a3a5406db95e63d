import { HTTP_METHOD_KEYS } from "../../document/walk-schemas.js";
import { isJsonObject } from "../../runtime/json-value.js";
import { globalSecurityOf, type SecurityView } from "../collect-operations.js";
import { defineRule, type Emit } from "../define-rule.js";
import { child, type DocumentSide } from "../document-side.js";

type Requirement = Readonly<Record<string, readonly string[]>>;

/** A requirement's key: its scheme names, sorted (`apiKey+oauth`); `{}` (anonymous) is "". */
function keyOf(requirement: Requirement): string {
  return Object.keys(requirement).sort().join("+");
}

function show(key: string): string {
  return key === "" ? "no authentication" : key;
}

type SecurityId = "removed" | "added" | "scope-added" | "scope-removed";

/** Whether a list of alternatives lets a client in without credentials: no list, `[]`, or a `{}` alternative. */
function allowsAnonymous(requirements: readonly Requirement[]): boolean {
  return requirements.length === 0 || requirements.some((r) => keyOf(r) === "");
}

/**
 * Compare two lists of security requirements as oasdiff does: each requirement is an alternative,
 * so removing one strands the clients that used it and adding one is harmless; a scope added to a
 * kept alternative asks more of its clients. The anonymous alternative (`{}`, or no list at all) is
 * left to the anonymous-access checks, and nothing is stranded when NEW lets everyone in.
 */
function compareRequirements(
  before: readonly Requirement[],
  after: readonly Requirement[],
  report: (id: SecurityId, message: string) => void,
): void {
  const oldByKey = new Map(before.map((r) => [keyOf(r), r]));
  const newByKey = new Map(after.map((r) => [keyOf(r), r]));
  oldByKey.delete("");
  newByKey.delete("");
  for (const [key] of oldByKey) {
    if (!newByKey.has(key)) report("removed", `the security requirement ${show(key)} was removed`);
  }
  for (const [key, requirement] of newByKey) {
    const previous = oldByKey.get(key);
    if (!previous) {
      report("added", `the security requirement ${show(key)} was added`);
      continue;
    }
    for (const [scheme, scopes] of Object.entries(requirement)) {
      const had = previous[scheme] ?? [];
      for (const scope of scopes) {
        if (!had.includes(scope))
          report("scope-added", `the scope '${scope}' was added to ${scheme}`);
      }
      for (const scope of had) {
        if (!scopes.includes(scope))
          report("scope-removed", `the scope '${scope}' was removed from ${scheme}`);
      }
    }
  }
}

/**
 * The security in force for an operation (its own `security`, else the document's), compared
 * wherever the operation declares its own on either side (inherited on both sides is the global
 * rule's). Losing anonymous access is breaking; gaining it is info, and then nothing is stranded.
 */
export const operationSecurity = defineRule({
  name: "operation security",
  scope: "operation",
  levels: {
    "api-security-removed": "breaking",
    "api-security-added": "info",
    "api-security-scope-added": "breaking",
    "api-security-scope-removed": "info",
    "api-security-anonymous-access-removed": "breaking",
    "api-security-anonymous-access-added": "info",
  },
  check(pair, emit) {
    if (!pair.old.ownSecurity && !pair.new.ownSecurity) return;
    const before = pair.old.security.requirements;
    const after = pair.new.security.requirements;
    const location = pair.new.security.pointer;
    const wasOpen = allowsAnonymous(before);
    const isOpen = allowsAnonymous(after);
    if (wasOpen && !isOpen) {
      emit(
        "api-security-anonymous-access-removed",
        location,
        "the operation no longer allows anonymous access",
      );
    }
    if (!wasOpen && isOpen) {
      emit(
        "api-security-anonymous-access-added",
        location,
        "the operation now allows anonymous access",
      );
    }
    compareRequirements(before, after, (id, message) => {
      if (isOpen && id === "removed") return;
      emit(`api-security-${id}`, location, message);
    });
  },
});

/** Whether some operation of the document declares no `security` of its own, so inherits the document's. */
function someOperationInherits(side: DocumentSide): boolean {
  const paths = child(side.root, "paths");
  if (!isJsonObject(paths.node)) return false;
  for (const item of Object.values(paths.node)) {
    if (!isJsonObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (HTTP_METHODS.has(method) && isJsonObject(op) && !Array.isArray(op.security)) return true;
    }
  }
  return false;
}

const HTTP_METHODS: ReadonlySet<string> = new Set(HTTP_METHOD_KEYS);

/**
 * The document's top-level `security`: alternatives and scopes added or removed, and anonymous
 * access lost (breaking) or gained (info) for the operations that inherit it. Removing the last
 * requirement lets everyone in, so it is info.
 */
export const globalSecurity = defineRule({
  name: "global security",
  scope: "document",
  levels: {
    "api-global-security-removed": "breaking",
    "api-global-security-added": "info",
    "api-global-security-scope-added": "breaking",
    "api-global-security-scope-removed": "info",
    "api-global-security-anonymous-access-removed": "breaking",
    "api-global-security-anonymous-access-added": "info",
  },
  check(pair, emit) {
    const before = globalSecurityOf(pair.old)?.requirements ?? [];
    const after = globalSecurityOf(pair.new)?.requirements ?? [];
    const location =
      globalSecurityOf(pair.new)?.pointer ?? globalSecurityOf(pair.old)?.pointer ?? "/security";
    const wasOpen = allowsAnonymous(before);
    const isOpen = allowsAnonymous(after);
    if (wasOpen && !isOpen && someOperationInherits(pair.new)) {
      emit(
        "api-global-security-anonymous-access-removed",
        location,
        "the API no longer allows anonymous access to operations without their own security",
      );
    }
    if (!wasOpen && isOpen && someOperationInherits(pair.new)) {
      emit(
        "api-global-security-anonymous-access-added",
        location,
        "the API now allows anonymous access to operations without their own security",
      );
    }
    compareRequirements(before, after, (id, message) =>
      emit(
        `api-global-security-${id}`,
        location,
        message,
        isOpen && id === "removed" ? "info" : undefined,
      ),
    );
  },
});

/** Names of the security schemes that the document's or any operation's requirements use. */
export function usedSchemes(side: DocumentSide): Set<string> {
  const used = new Set<string>();
  const add = (view: SecurityView | undefined) => {
    for (const requirement of view?.requirements ?? []) {
      for (const scheme of Object.keys(requirement)) used.add(scheme);
    }
  };
  add(globalSecurityOf(side));
  const paths = child(side.root, "paths");
  if (isJsonObject(paths.node)) {
    for (const item of Object.values(paths.node)) {
      if (!isJsonObject(item)) continue;
      for (const op of Object.values(item)) {
        if (!isJsonObject(op) || !Array.isArray(op.security)) continue;
        for (const requirement of op.security) {
          if (isJsonObject(requirement))
            for (const scheme of Object.keys(requirement)) used.add(scheme);
        }
      }
    }
  }
  return used;
}

/** Fields of a security scheme that decide what a client must send. */
const SCHEME_FIELDS = ["type", "in", "name", "scheme"] as const;

type SchemeId =
  | "api-security-component-added"
  | "api-security-component-removed"
  | "api-security-component-type-changed"
  | "api-security-component-changed"
  | "api-security-component-in-use-changed"
  | "api-security-component-oauth-url-changed"
  | "api-security-component-oauth-token-url-changed"
  | "api-security-component-oauth-scope-added"
  | "api-security-component-oauth-scope-removed";

function compareFlows(
  name: string,
  before: unknown,
  after: unknown,
  location: string,
  emit: Emit<SchemeId>,
): void {
  if (!isJsonObject(before) || !isJsonObject(after)) return;
  for (const flow of Object.keys(after)) {
    const was = before[flow];
    const is = after[flow];
    if (!isJsonObject(was) || !isJsonObject(is)) continue;
    if (was.authorizationUrl !== is.authorizationUrl) {
      emit(
        "api-security-component-oauth-url-changed",
        location,
        `the security scheme '${name}' ${flow} authorizationUrl changed`,
      );
    }
    if (was.tokenUrl !== is.tokenUrl) {
      emit(
        "api-security-component-oauth-token-url-changed",
        location,
        `the security scheme '${name}' ${flow} tokenUrl changed`,
      );
    }
    const oldScopes = isJsonObject(was.scopes) ? Object.keys(was.scopes) : [];
    const newScopes = isJsonObject(is.scopes) ? Object.keys(is.scopes) : [];
    for (const scope of newScopes) {
      if (!oldScopes.includes(scope))
        emit(
          "api-security-component-oauth-scope-added",
          location,
          `the security scheme '${name}' scope '${scope}' was added`,
        );
    }
    for (const scope of oldScopes) {
      if (!newScopes.includes(scope))
        emit(
          "api-security-component-oauth-scope-removed",
          location,
          `the security scheme '${name}' scope '${scope}' was removed`,
        );
    }
  }
}

/**
 * Security schemes (components) added, removed or changed. oasdiff reports these as info; a change
 * to what a client must send (type, `in`, header/query name, HTTP scheme) of a scheme that some
 * requirement uses is also reported as `api-security-component-in-use-changed` (breaking; see the
 * README's policy). A scheme no requirement uses breaks no one.
 */
export const securitySchemeChanged = defineRule({
  name: "security scheme",
  scope: "document",
  levels: {
    "api-security-component-added": "info",
    "api-security-component-removed": "info",
    "api-security-component-type-changed": "info",
    "api-security-component-changed": "info",
    "api-security-component-in-use-changed": "breaking",
    "api-security-component-oauth-url-changed": "info",
    "api-security-component-oauth-token-url-changed": "info",
    "api-security-component-oauth-scope-added": "info",
    "api-security-component-oauth-scope-removed": "info",
  },
  check(pair, emit) {
    const before = child(pair.old.root, "components", "securitySchemes");
    const after = child(pair.new.root, "components", "securitySchemes");
    const oldNames = isJsonObject(before.node) ? Object.keys(before.node) : [];
    const newNames = isJsonObject(after.node) ? Object.keys(after.node) : [];
    const used = usedSchemes(pair.new);
    for (const name of oldNames) {
      if (!newNames.includes(name)) {
        emit(
          "api-security-component-removed",
          child(before, name).pointer,
          `the security scheme '${name}' was removed`,
        );
        continue;
      }
      const oldScheme = pair.old.deref(child(before, name));
      const newScheme = pair.new.deref(child(after, name));
      if (!isJsonObject(oldScheme.node) || !isJsonObject(newScheme.node)) continue;
      for (const field of SCHEME_FIELDS) {
        const was = oldScheme.node[field];
        const is = newScheme.node[field];
        if (was === is) continue;
        // HTTP authentication scheme names are case-insensitive (RFC 9110 §11.1): `Basic` is `basic`.
        if (field === "scheme" && String(was).toLowerCase() === String(is).toLowerCase()) continue;
        const location = `${newScheme.pointer}/${field}`;
        const message = `the security scheme '${name}' ${field} changed from ${JSON.stringify(was)} to ${JSON.stringify(is)}`;
        emit(
          field === "type"
            ? "api-security-component-type-changed"
            : "api-security-component-changed",
          location,
          message,
        );
        if (used.has(name)) {
          emit(
            "api-security-component-in-use-changed",
            location,
            `${message}; requirements use it, so clients must send the new credential`,
          );
        }
      }
      compareFlows(name, oldScheme.node.flows, newScheme.node.flows, newScheme.pointer, emit);
    }
    for (const name of newNames) {
      if (!oldNames.includes(name))
        emit(
          "api-security-component-added",
          child(after, name).pointer,
          `the security scheme '${name}' was added`,
        );
    }
  },
});
