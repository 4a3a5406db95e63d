/**
 * Every string reachable from a value — own properties enumerable or not (message, stack, cause),
 * array items, nested objects — joined, so a test can assert a secret appears nowhere in an error.
 */
export function deepText(value: unknown): string {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (current: unknown, depth: number): void => {
    if (depth > 20) return;
    if (typeof current === "string") {
      out.push(current);
      return;
    }
    if (typeof current !== "object" || current === null) {
      if (current !== undefined) out.push(String(current));
      return;
    }
    if (seen.has(current)) return;
    seen.add(current);
    for (const key of Reflect.ownKeys(current)) {
      out.push(String(key));
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      visit(descriptor && "value" in descriptor ? descriptor.value : undefined, depth + 1);
    }
    // Non-own but meaningful: Error#message/stack are own; Headers/URL keep state in getters.
    if (current instanceof Error) visit(current.cause, depth + 1);
    out.push(String(current));
  };
  visit(value, 0);
  return out.join("\n");
}
