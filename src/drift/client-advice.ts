/** One line per change for a report: what a client written against OLD must do about it. */
import type { Change } from "./change.js";

/** Advice by check id, most specific pattern first. */
const ADVICE: readonly (readonly [RegExp, string])[] = [
  [
    /-deprecated-invalid$/,
    "Plan to stop using it now: its sunset date cannot be read, so it may go at any time.",
  ],
  [
    /^api-(path-)?removed|^api-path-sunset/,
    "Stop calling this operation; move to its replacement before you upgrade.",
  ],
  [
    /^api-sunset|^api-deprecated-sunset|^endpoint-deprecated|-sunset-date-too-small$/,
    "Plan the move off this operation before its sunset date.",
  ],
  [
    /^new-required-request-parameter|^new-request-path-parameter/,
    "Send the new required parameter on every call.",
  ],
  [/^request-parameter-became-required/, "Always send this parameter."],
  [
    /^request-parameter-(removed|sunset)/,
    "Stop sending this parameter (the server may reject or ignore it).",
  ],
  [
    /^request-parameter-(style|explode|became-not-allow-reserved)/,
    "Serialise the parameter the new way (regenerate the client).",
  ],
  [
    /^request-body-added-required|^request-body-became-required/,
    "Send a request body on every call.",
  ],
  [/^request-body-removed/, "Stop sending a request body."],
  [
    /media-type-removed|media-type-schema-added/,
    "Send or accept one of the media types that remain.",
  ],
  [
    /^response-media-type-parameter-(removed|changed)/,
    "Decode by the response's actual Content-Type parameters (such as charset), not the old ones.",
  ],
  [
    /^response-media-type-name-(generalized|changed)/,
    "Check the Content-Type before parsing; other media types may arrive.",
  ],
  [
    /^new-required-request-property|^request-property-became-required/,
    "Send the property in every request body.",
  ],
  [
    /^new-required-request-header-property|^request-header-property-became-required/,
    "Send the property in the header's object on every call.",
  ],
  [/^request-property-removed/, "Stop sending the property."],
  [
    /^request-.*enum-value-removed|^request-.*became-enum|^request-.*const-(added|changed)/,
    "Send only the values still allowed.",
  ],
  [
    /^request-.*(max|min|pattern|multiple-of|unique-items|length|items|properties)/,
    "Send only values within the new limits.",
  ],
  [/^request-.*became-not-nullable/, "Stop sending null."],
  [
    /^request-.*(type-changed|type-specialized|list-of-types-narrowed)/,
    "Send the new type (regenerate the types and fix what no longer compiles).",
  ],
  [
    /^request-.*(one-of|any-of)-removed|^request-.*all-of-added/,
    "Send only shapes the new schema accepts.",
  ],
  [
    /^response-body-media-type-schema-removed/,
    "Check the body before parsing: its shape is no longer documented.",
  ],
  [
    /^response-success-status-removed/,
    "Handle the statuses that remain; this success status no longer comes back.",
  ],
  [
    /^response-.*became-nullable|^response-header-became-nullable/,
    "Handle null where a value used to be guaranteed.",
  ],
  [
    /^response-(required-property-removed|property-became-optional)/,
    "Stop relying on the property: treat it as optional.",
  ],
  [
    /^required-response-header-removed|^optional-response-header-removed|^response-header-became-optional/,
    "Stop relying on the header.",
  ],
  [/^response-header-type/, "Parse the header as its new type."],
  [
    /^response-.*enum-value-added|^response-.*enum-removed/,
    "Handle unknown values (a default branch in every switch over it).",
  ],
  [
    /^response-.*(type-changed|type-generalized|list-of-types-widened)/,
    "Parse the new type (regenerate the types and fix what no longer compiles).",
  ],
  [
    /^response-.*(one-of|any-of)-added|^response-.*all-of-removed/,
    "Handle the new shapes the response may take.",
  ],
  [/^response-.*const-(removed|changed)/, "Stop assuming the constant value."],
  [
    /^response-.*(max|min|pattern|multiple-of|unique-items|length|items|properties)/,
    "Accept values outside the old limits (check validations and storage sizes).",
  ],
  [/^response-required-property-became-not-write-only/, "Expect the property in responses now."],
  [
    /security|^api-global-security/,
    "Send the credentials (scheme and scopes) the operation now requires.",
  ],
];

/** The one-line advice for a change; info changes ask nothing. */
export function clientAdvice(change: Change): string {
  if (change.level === "info") return "Nothing to change.";
  for (const [pattern, advice] of ADVICE) if (pattern.test(change.id)) return advice;
  return "Review the change against the code that uses this operation.";
}
