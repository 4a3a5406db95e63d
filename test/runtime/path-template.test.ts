import { describe, expect, it } from "vitest";
import { pathTemplatePattern } from "../../src/runtime/path-template.js";

describe("pathTemplatePattern", () => {
  it.each([
    [
      "a parameter captures one segment",
      { given: "/invoices/{id}", path: "/invoices/INV-1", want: { id: "INV-1" } },
    ],
    ["a trailing slash", { given: "/invoices/{id}", path: "/invoices/7/", want: { id: "7" } }],
    [
      "a base URL's prefix",
      { given: "/invoices/{id}", path: "/api/v2/invoices/7", want: { id: "7" } },
    ],
    [
      "two parameters, in order",
      {
        given: "/accounts/{accountId}/payments/{paymentId}",
        path: "/accounts/a1/payments/p2",
        want: { accountId: "a1", paymentId: "p2" },
      },
    ],
    ["literal dots", { given: "/v1.2/items", path: "/v1.2/items", want: {} }],
    ["a dot is not any character", { given: "/v1.2/items", path: "/v132/items", want: null }],
    [
      "a parameter is not two segments",
      { given: "/invoices/{id}", path: "/invoices/a/b", want: null },
    ],
    ["a parameter is not empty", { given: "/invoices/{id}", path: "/invoices/", want: null }],
    ["the template must end the path", { given: "/invoices", path: "/invoices/7", want: null }],
  ])("%s", (_name, { given, path, want }) => {
    const { pattern, names } = pathTemplatePattern(given);
    const match = pattern.exec(path);
    expect(match && Object.fromEntries(names.map((name, i) => [name, match[i + 1]]))).toEqual(want);
  });
});
