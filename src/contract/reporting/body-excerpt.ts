/**
 * A short, redacted excerpt of a response body, for reports a person reads: enough to recognise
 * the failing value, never a whole page (bodies can be megabytes) and never a credential.
 */
import { redactSecrets } from "../../runtime/redact.js";
import type { CaseRun, Exchange, ObservedBody } from "../types.js";

/** Characters of body text kept in an excerpt. */
export const EXCERPT_CHARS = 1200;

/** `body` as at most {@link EXCERPT_CHARS} characters of text, or undefined when there is none. */
export function bodyExcerpt(body: ObservedBody, secrets: readonly string[]): string | undefined {
  let text: string;
  if (body.kind === "none") return undefined;
  if (body.kind === "binary") return `(${body.bytes} bytes of binary content)`;
  if (body.kind === "text") text = body.text;
  else text = JSON.stringify(body.value, null, 2) ?? "";
  const cut = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}\n…` : text;
  return redactSecrets(cut, secrets);
}

/** The exchange with its body reduced to its kind and an excerpt (what crosses processes and files). */
export function withExcerpt(exchange: Exchange, secrets: readonly string[]): Exchange {
  const excerpt = bodyExcerpt(exchange.body, secrets);
  const body: ObservedBody =
    exchange.body.kind === "json"
      ? { kind: "json", value: null }
      : exchange.body.kind === "text"
        ? { kind: "text", text: "" }
        : exchange.body;
  return { ...exchange, body, ...(excerpt === undefined ? {} : { excerpt }) };
}

/** The run with every exchange's body reduced to an excerpt. */
export function runWithExcerpts(run: CaseRun, secrets: readonly string[]): CaseRun {
  return { ...run, exchanges: run.exchanges.map((e) => withExcerpt(e, secrets)) };
}
