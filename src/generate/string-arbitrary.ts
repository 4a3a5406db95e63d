/**
 * Strings for one schema: `format` (the formats src/runtime/formats.ts checks), `pattern` (through
 * fast-check's `stringMatching`) and `minLength`/`maxLength`, each generated value checked against
 * every string keyword before it leaves, with a bounded number of retries.
 *
 * fast-check's `stringMatching` runs character classes, escapes, groups, alternation, quantifiers
 * and `^`/`$`; it throws on lookaround, `\b`/`\B` and backreferences. For those the pattern is
 * generated without its lookarounds and word boundaries (cut from src/runtime/parse-regexp.ts's tree)
 * and the full pattern filters the result; a backreference cannot be generated and says so.
 * fast-check is used because it is the property-testing library with shrinking and seeds that
 * contract cases need (fast-check#3730); it has no JSON Schema compiler of its own.
 */
import fc from "fast-check";
import { formats } from "../runtime/formats.js";
import { parseRegExp, type RegExpAlternation, type RegExpNode } from "../runtime/parse-regexp.js";
import { CannotGenerate } from "./cannot-generate.js";
import { retryUntil } from "./unsatisfied.js";

/** Strings longer than this are not generated unless `minLength` asks for them. */
const DEFAULT_MAX_LENGTH = 24;

/** The string keywords of one (merged) schema. */
export interface StringKeywords {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly patterns: readonly string[];
  readonly format?: string;
}

const lower = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

/** A generator per checked format; each value passes formats.ts's check (confirmed by a filter). */
const FORMAT_ARBITRARIES: Readonly<Record<string, () => fc.Arbitrary<string>>> = {
  date: () => isoDate().map((iso) => iso.slice(0, 10)),
  "date-time": () => isoDate(),
  time: () => isoDate().map((iso) => iso.slice(11)),
  uuid: () => fc.uuid(),
  email: () =>
    fc
      .tuple(lower, lower, fc.constantFrom("com", "org", "io"))
      .map(([a, b, c]) => `${a}@${b}.${c}`),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  "uri-reference": () =>
    fc.oneof(
      fc.webUrl(),
      lower.map((s) => `/${s}`),
    ),
  "uri-template": () => fc.webUrl(),
  hostname: () => fc.domain(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  byte: () => fc.base64String({ maxLength: 40 }),
  decimal: () =>
    fc
      .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.nat({ max: 999_999 }))
      .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(6, "0")}`),
  duration: () =>
    fc
      .tuple(fc.nat({ max: 99 }), fc.constantFrom("D", "W", "M", "Y"))
      .map(([n, unit]) => `P${n}${unit}`),
  "json-pointer": () =>
    fc.array(lower, { maxLength: 4 }).map((tokens) => tokens.map((t) => `/${t}`).join("")),
  "relative-json-pointer": () =>
    fc.tuple(fc.nat({ max: 9 }), lower).map(([n, token]) => `${n}/${token}`),
  regex: () => fc.constantFrom("^[a-z]+$", "[0-9]{2,4}", "a|b", ".*"),
};

/** An ISO 8601 UTC timestamp between 1970 and 2100 (RFC 3339 `date-time`). */
function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date(0), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
    .map((date) => date.toISOString());
}

/** Formats whose values are strings and that this module can generate. */
export function isGeneratedStringFormat(format: string): boolean {
  return Object.hasOwn(FORMAT_ARBITRARIES, format);
}

/** Code points in `s`, as JSON Schema counts length. */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Cut lookarounds and `\b`/`\B` out of `source` (from its parse tree), or undefined on a backreference. */
function withoutAssertions(source: string): string | undefined {
  const parsed = parseRegExp(source);
  if (parsed.hasBackreference) return undefined;
  const cuts: [number, number][] = [];
  const visitAlt = (alt: RegExpAlternation): void => {
    for (const branch of alt.branches) for (const node of branch) visitNode(node);
  };
  const visitNode = (node: RegExpNode): void => {
    if (node.kind === "look") cuts.push([node.start, node.end]);
    else if (node.kind === "assert" && (node.what === "b" || node.what === "B")) {
      cuts.push([node.start, node.end]);
    } else if (node.kind === "group") visitAlt(node.body);
    else if (node.kind === "repeat") visitNode(node.body);
  };
  visitAlt(parsed.body);
  let out = "";
  let at = 0;
  for (const [start, end] of cuts.sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += source.slice(at, start);
    at = end;
  }
  return out + source.slice(at);
}

/** `stringMatching` for `pattern` (compiled with `u`), or why it cannot be generated. */
function matching(pattern: string, maxLength: number | undefined): fc.Arbitrary<string> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "u");
  } catch {
    throw new CannotGenerate(
      "pattern",
      `pattern ${JSON.stringify(pattern)} is not a valid u-mode regular expression`,
    );
  }
  const constraints = maxLength === undefined ? {} : { maxLength };
  try {
    return fc.stringMatching(regex, constraints);
  } catch {
    let stripped: string | undefined;
    try {
      stripped = withoutAssertions(pattern);
    } catch {
      stripped = undefined;
    }
    if (stripped === undefined) {
      throw new CannotGenerate(
        "pattern",
        `pattern ${JSON.stringify(pattern)} uses a backreference, which fast-check's stringMatching cannot generate`,
      );
    }
    try {
      return fc.stringMatching(new RegExp(stripped, "u"), constraints);
    } catch (error) {
      throw new CannotGenerate(
        "pattern",
        `pattern ${JSON.stringify(pattern)} uses a construct fast-check's stringMatching cannot generate (${(error as Error).message})`,
      );
    }
  }
}

/** Strings satisfying every keyword of `keywords` (retried a bounded number of times). */
export function stringArbitrary(keywords: StringKeywords): fc.Arbitrary<unknown> {
  const min = keywords.minLength ?? 0;
  const max = keywords.maxLength;
  if (max !== undefined && max < min) {
    throw new CannotGenerate("maxLength", `maxLength ${max} is below minLength ${min}`);
  }
  const regexes = keywords.patterns.map((p) => new RegExp(p, "u"));
  const format = keywords.format;
  const check = format === undefined ? undefined : formats[format];
  const formatOk =
    check?.type === "string" ? (check.validate as (value: string) => boolean) : undefined;
  let base: fc.Arbitrary<string>;
  const [first] = keywords.patterns;
  if (first !== undefined) base = matching(first, max);
  else if (format !== undefined && isGeneratedStringFormat(format)) {
    base = (FORMAT_ARBITRARIES[format] as () => fc.Arbitrary<string>)();
  } else {
    base = fc.string({ minLength: min, maxLength: max ?? Math.max(min, DEFAULT_MAX_LENGTH) });
    // fast-check keeps strings short; a declared maxLength is also drawn across its whole range
    // (a length first, so a failing long string shrinks to the shortest length that still fails).
    if (max !== undefined && max > DEFAULT_MAX_LENGTH) {
      const anyLength = fc
        .integer({ min, max })
        .chain((n) => fc.string({ minLength: n, maxLength: n }));
      base = fc.oneof({ weight: 3, arbitrary: base }, { weight: 1, arbitrary: anyLength });
    }
  }
  const accept = (s: string): boolean => {
    const n = length(s);
    if (n < min || (max !== undefined && n > max)) return false;
    for (const regex of regexes) if (!regex.test(s)) return false;
    return formatOk === undefined || formatOk(s);
  };
  // A pattern with a minLength above what it usually yields: pad inside the pattern's own alphabet
  // is not possible in general, so the retries decide, and an exhausted retry is a named failure.
  return retryUntil(base, accept, `no string of ${describe(keywords)} found`);
}

function describe(keywords: StringKeywords): string {
  const parts: string[] = [];
  if (keywords.patterns.length > 0)
    parts.push(`pattern ${keywords.patterns.map((p) => JSON.stringify(p)).join(" and ")}`);
  if (keywords.format !== undefined) parts.push(`format ${keywords.format}`);
  if (keywords.minLength !== undefined) parts.push(`minLength ${keywords.minLength}`);
  if (keywords.maxLength !== undefined) parts.push(`maxLength ${keywords.maxLength}`);
  return parts.join(", ") || "any length";
}
