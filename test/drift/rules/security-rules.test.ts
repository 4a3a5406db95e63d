import { describe, expect, it } from "vitest";
import type { Json } from "../edit-specs.js";
import { diffIds, edited, type RuleCase, wanted } from "../tiny-spec.js";

const schemes = (doc: Json, extra: Json = {}) => {
  doc.components.securitySchemes = {
    key: { type: "apiKey", in: "header", name: "X-Key" },
    oauth: {
      type: "oauth2",
      flows: {
        clientCredentials: { tokenUrl: "https://a/token", scopes: { read: "r", write: "w" } },
      },
    },
    ...extra,
  };
};
const own =
  (security: Json, extra: Json = {}) =>
  (operation: Json, doc: Json) => {
    schemes(doc, extra);
    operation.security = security;
  };
const global =
  (security: Json | undefined, extra: Json = {}) =>
  (_operation: Json, doc: Json) => {
    schemes(doc, extra);
    if (security) doc.security = security;
  };

/** Security requirements as alternatives (oasdiff), scopes, schemes used and unused. */
const cases: [string, RuleCase][] = [
  [
    "an alternative removed",
    edited(own([{ key: [] }, { oauth: ["read"] }]), own([{ key: [] }]), [
      "api-security-removed",
      "breaking",
    ]),
  ],
  [
    "an alternative added",
    edited(own([{ key: [] }]), own([{ key: [] }, { oauth: ["read"] }]), [
      "api-security-added",
      "info",
    ]),
  ],
  [
    "a scope added",
    edited(own([{ oauth: ["read"] }]), own([{ oauth: ["read", "write"] }]), [
      "api-security-scope-added",
      "breaking",
    ]),
  ],
  [
    "a scope removed",
    edited(own([{ oauth: ["read", "write"] }]), own([{ oauth: ["read"] }]), [
      "api-security-scope-removed",
      "info",
    ]),
  ],
  [
    "security on an operation that needed none",
    edited(
      own([]),
      own([{ key: [] }]),
      ["api-security-added", "info"],
      ["api-security-anonymous-access-removed", "breaking"],
    ),
  ],
  [
    "an operation's security dropped: anyone may call it",
    edited(own([{ key: [] }]), own([]), ["api-security-anonymous-access-added", "info"]),
  ],
  [
    "the anonymous alternative removed",
    edited(own([{ key: [] }, {}]), own([{ key: [] }]), [
      "api-security-anonymous-access-removed",
      "breaking",
    ]),
  ],
  [
    "the anonymous alternative added",
    edited(own([{ key: [] }]), own([{ key: [] }, {}]), [
      "api-security-anonymous-access-added",
      "info",
    ]),
  ],
  [
    "an operation replaces the security it inherited with its own",
    edited(
      global([{ key: [] }]),
      (operation, doc) => {
        global([{ key: [] }])(operation, doc);
        operation.security = [{ oauth: ["read"] }];
      },
      ["api-security-added", "info"],
      ["api-security-removed", "breaking"],
    ),
  ],
  [
    "an operation opts out of the document's security with an empty list",
    edited(
      global([{ key: [] }]),
      (operation, doc) => {
        global([{ key: [] }])(operation, doc);
        operation.security = [];
      },
      ["api-security-anonymous-access-added", "info"],
    ),
  ],
  [
    "document security on a public API",
    edited(
      global(undefined),
      global([{ key: [] }]),
      ["api-global-security-added", "info"],
      ["api-global-security-anonymous-access-removed", "breaking"],
    ),
  ],
  [
    "document security removed: the API is open, so nothing is stranded",
    edited(
      global([{ key: [] }]),
      global(undefined),
      ["api-global-security-anonymous-access-added", "info"],
      ["api-global-security-removed", "info"],
    ),
  ],
  [
    "document security added where every operation has its own",
    edited(
      own([{ key: [] }]),
      (operation, doc) => {
        own([{ key: [] }])(operation, doc);
        doc.security = [{ key: [] }];
      },
      ["api-global-security-added", "info"],
    ),
  ],
  [
    "an HTTP scheme name changing case is no change (RFC 9110)",
    edited(
      global([{ key: [] }], { basic: { type: "http", scheme: "basic" } }),
      global([{ key: [] }], { basic: { type: "http", scheme: "Basic" } }),
    ),
  ],
  [
    "a global alternative removed",
    edited(global([{ key: [] }, { oauth: [] }]), global([{ key: [] }]), [
      "api-global-security-removed",
      "breaking",
    ]),
  ],
  [
    "a global alternative added",
    edited(global([{ key: [] }]), global([{ key: [] }, { oauth: [] }]), [
      "api-global-security-added",
      "info",
    ]),
  ],
  [
    "a global scope added",
    edited(global([{ oauth: ["read"] }]), global([{ oauth: ["read", "write"] }]), [
      "api-global-security-scope-added",
      "breaking",
    ]),
  ],
  [
    "a scheme no requirement uses changed: info",
    edited(
      global([{ key: [] }], { spare: { type: "apiKey", in: "header", name: "A" } }),
      global([{ key: [] }], { spare: { type: "apiKey", in: "query", name: "A" } }),
      ["api-security-component-changed", "info"],
    ),
  ],
  [
    "a scheme in use changed its header",
    edited(
      global([{ key: [] }]),
      global([{ key: [] }], { key: { type: "apiKey", in: "header", name: "X-Other" } }),
      ["api-security-component-changed", "info"],
      ["api-security-component-in-use-changed", "breaking"],
    ),
  ],
  [
    "a scheme in use changed its type",
    edited(
      global([{ key: [] }]),
      global([{ key: [] }], { key: { type: "http", scheme: "bearer" } }),
      ["api-security-component-changed", "info"],
      ["api-security-component-in-use-changed", "breaking"],
      ["api-security-component-type-changed", "info"],
    ),
  ],
  [
    "a scheme added",
    edited(global(undefined), global(undefined, { extra: { type: "http", scheme: "basic" } }), [
      "api-security-component-added",
      "info",
    ]),
  ],
  [
    "an oauth token URL changed",
    edited(
      global(undefined),
      global(undefined, {
        oauth: {
          type: "oauth2",
          flows: {
            clientCredentials: { tokenUrl: "https://b/token", scopes: { read: "r", write: "w" } },
          },
        },
      }),
      ["api-security-component-oauth-token-url-changed", "info"],
    ),
  ],
];

describe("security rules", () => {
  it.each(cases)("%s", (_name, given) => {
    expect(diffIds(given.base, given.revision)).toEqual(wanted(given));
  });
});
