import { describe, expect, it } from "vitest";
import { rewriteStandalone } from "../../../src/codegen/validators/rewrite-standalone.js";

const options = { runtimeImport: "../../src/runtime", linearPatterns: new Set<string>() };

describe("rewriteStandalone", () => {
  it("keeps a function that uses vErrors in a shape it does not know as ajv wrote it, and names it", () => {
    const code =
      "function validate0(data){\nlet vErrors = null;\nlet errors = 0;\nconst err0 = vErrors[errors];\nvalidate0.errors = vErrors;\nreturn errors === 0;\n}";
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([
      {
        name: "validate0",
        reason: expect.stringMatching(
          /uses vErrors in an unknown way: 'const err0 = vErrors\[errors\];'/,
        ),
      },
    ]);
    // ajv's text, plus the error count callers read.
    expect(body).toBe(
      "function validate0(data){\nlet vErrors = null;\nlet errors = 0;\nconst err0 = vErrors[errors];\nvalidate0.errors = vErrors;\nvalidate0.errorCount = errors;\nreturn errors === 0;\n}",
    );
  });

  it.each([
    [
      "an error object spread over several lines (dependentRequired)",
      {
        given:
          'const err0 = {instancePath,schemaPath:"#/dependentRequired",keyword:"dependentRequired",params:{property: "foo",\n    missingProperty: "bar",\n    depsCount: 1,\n    deps: "bar"}};',
        want: 'vErrors = addError(vErrors, instancePath, "dependentRequired", {property: "foo", missingProperty: "bar", depsCount: 1, deps: "bar"});',
      },
    ],
    [
      "an empty error object (a subschema of not/if records errors only to count them)",
      { given: "const err0 = {};", want: 'vErrors = addError(vErrors, instancePath, "", {});' },
    ],
  ])("rewrites %s", (_name, { given, want }) => {
    const code = [
      'function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      "let vErrors = null;",
      "let errors = 0;",
      given,
      "if(vErrors === null){",
      "vErrors = [err0];",
      "}",
      "else {",
      "vErrors.push(err0);",
      "}",
      "errors++;",
      "validate0.errors = vErrors;",
      "return errors === 0;",
      "}",
    ].join("\n");
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([]);
    expect(body).toContain(want);
    expect(body).toContain("validate0.errorCount = errors;\nreturn errors === 0;");
  });

  it.each([
    ["true/{}", { returns: "validate0.errors = null;\nreturn true;", count: 0 }],
    [
      "false",
      {
        returns:
          'validate0.errors = [{instancePath,schemaPath:"#/false schema",keyword:"false schema",params:{}}];\nreturn false;',
        count: 1,
      },
    ],
  ])("gives a %s schema's function an error count", (_name, { returns, count }) => {
    const code = `function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){\n${returns}\n}`;
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([]);
    expect(body).toContain(`validate0.errorCount = ${count};`);
  });

  it("refuses an ajv runtime helper it does not re-export", () => {
    const code = 'const func0 = require("ajv/dist/runtime/timestamp").default;';
    expect(() => rewriteStandalone(code, options)).toThrow("needs runtime helper 'timestamp'");
  });

  it.each([
    [
      "a property path with string literals",
      {
        context:
          '{instancePath:instancePath+"/a,b}",parentData:data,parentDataProperty:"a,b}",rootData}',
        prefix: 'instancePath+"/a,b}"',
      },
    ],
    [
      "the same place (ajv's shorthand)",
      { context: "{instancePath,parentData,parentDataProperty,rootData}", prefix: "instancePath" },
    ],
  ])("drops ajv's call context and prefixes the callee's errors instead: %s", (_name, want) => {
    const code = [
      'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      "return true;",
      "}",
      'function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      "let vErrors = null;",
      "let errors = 0;",
      `if(!(validate1(data["a,b}"], ${want.context}))){`,
      "vErrors = vErrors === null ? validate1.errors : vErrors.concat(validate1.errors);",
      "errors = vErrors.length;",
      "}",
      "}",
    ].join("\n");
    const { body } = rewriteStandalone(code, options);
    expect(body).toContain('function validate0(data){\nconst instancePath = "";');
    expect(body).toContain(
      [
        'if(!(validate1(data["a,b}"]))){',
        `vErrors = appendErrors(vErrors, validate1.errors, ${want.prefix});`,
        "errors += validate1.errorCount;",
      ].join("\n"),
    );
  });

  it("keeps a function whose call errors are not merged the way ajv does as ajv wrote it", () => {
    const code =
      'function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){\nif(!(validate1(data, {instancePath:instancePath+"/a",parentData:data,parentDataProperty:"a",rootData}))){\nreturn false;\n}\n}';
    const { fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks.map((f) => [f.name, f.reason])).toEqual([
      ["validate0", expect.stringMatching(/unexpected ajv call context/)],
    ]);
  });

  it("calls format checks directly, and leaves a format used otherwise as ajv wrote it", () => {
    const code = [
      'const formats0 = require("../../src/runtime/formats.js").formats["date-time"];',
      "function validate0(data){",
      "return formats0.validate(data);",
      "}",
    ].join("\n");
    const { body } = rewriteStandalone(code, options);
    expect(body).toContain('const formats0 = __formats0.formats["date-time"].validate;');
    expect(body).toContain("return formats0(data);");
    const other = rewriteStandalone(
      code.replace("formats0.validate(data)", "formats0.async"),
      options,
    );
    expect(other.body).toContain('const formats0 = __formats0.formats["date-time"];');
    expect(other.body).toContain("return formats0.async;");
  });

  it("routes only the patterns classified linear to RE2", () => {
    const code =
      'const pattern0 = new RegExp("^(a+)+$", "u");\nconst pattern1 = new RegExp("^a$", "u");';
    const { body, imports } = rewriteStandalone(code, {
      ...options,
      linearPatterns: new Set(["^(a+)+$"]),
    });
    expect(body).toBe(
      'const pattern0 = linearRegExp("^(a+)+$", "u");\nconst pattern1 = new RegExp("^a$", "u");',
    );
    expect(imports).toContain(
      'import { linearRegExp } from "../../src/runtime/guarded-regexp.js";',
    );
  });

  const CONTEXT = '(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){';

  it.each([
    [
      "an unread valid snapshot and the error count only it read",
      {
        given: [
          "const _errs1 = errors;",
          'if(typeof data !== "string"){',
          "errors++;",
          "}",
          "var valid0 = _errs1 === errors;",
        ],
        want: ['if(typeof data !== "string"){', "errors++;", "}"],
      },
    ],
    [
      "a valid snapshot that is read stays, with its error count",
      {
        given: [
          "const _errs1 = errors;",
          "var valid0 = _errs1 === errors;",
          "if(valid0){",
          "data++;",
          "}",
        ],
        want: [
          "const _errs1 = errors;",
          "var valid0 = _errs1 === errors;",
          "if(valid0){",
          "data++;",
          "}",
        ],
      },
    ],
    [
      "a number check with no keyword left in it, and an empty else",
      {
        given: [
          'if((typeof data == "number") && (isFinite(data))){',
          "}",
          "if(data){",
          "errors++;",
          "}",
          "else {",
          "}",
        ],
        want: ["if(data){", "errors++;", "}"],
      },
    ],
    [
      "a number check that still checks something stays",
      {
        given: ['if((typeof data == "number") && (isFinite(data))){', "errors++;", "}"],
        want: ['if((typeof data == "number") && (isFinite(data))){', "errors++;", "}"],
      },
    ],
  ])("drops dead bookkeeping ajv's optimizer would: %s", (_name, { given, want }) => {
    const wrap = (lines: string[]) => ["let errors = 0;", ...lines, "return errors === 0;"];
    const code = [`function validate0${CONTEXT}`, ...wrap(given), "}"].join("\n");
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([]);
    expect(body).toBe(
      [
        'function validate0(data){\nconst instancePath = "";',
        ...wrap(want).slice(0, -1),
        "validate0.errorCount = errors;",
        "return errors === 0;",
        "}",
      ].join("\n"),
    );
  });

  it.each([
    [
      "a schema copy named only inside a string is dropped",
      {
        given: [
          'const schema0 = {"enum":["schema0"]};',
          'function validate0(data){\nreturn data === "schema0";\n}',
        ],
        want: 'function validate0(data){\nreturn data === "schema0";\n}',
      },
    ],
    [
      "a schema copy read as a value stays",
      {
        given: [
          'const schema0 = {"enum":["a"]};',
          "function validate0(data){\nreturn schema0.enum.includes(data);\n}",
        ],
        want: 'const schema0 = {"enum":["a"]};\n\nfunction validate0(data){\nreturn schema0.enum.includes(data);\n}',
      },
    ],
  ])("reads references from the syntax tree: %s", (_name, { given, want }) => {
    expect(rewriteStandalone(given.join("\n"), options).body).toBe(want);
  });

  it("braces a return that is not in a block when it adds the error count", () => {
    const code = `function validate0${CONTEXT}\nif(data === 1) return true;\nreturn false;\n}`;
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([]);
    expect(body).toContain("if(data === 1) {validate0.errorCount = 0;\nreturn true;}");
    expect(body).toContain("validate0.errorCount = 1;\nreturn false;");
  });

  it("drops error-object fields violations never show (schemaPath, propertyName)", () => {
    const code = [
      `function validate0${CONTEXT}`,
      "let vErrors = null;",
      "let errors = 0;",
      'const err0 = {instancePath,schemaPath:"#/propertyNames/pattern",keyword:"pattern",params:{pattern: "^a"},propertyName:key0};',
      "if(vErrors === null){\nvErrors = [err0];\n}\nelse {\nvErrors.push(err0);\n}",
      "errors++;",
      "validate0.errors = vErrors;",
      "return errors === 0;",
      "}",
    ].join("\n");
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks).toEqual([]);
    expect(body).toContain(
      'vErrors = addError(vErrors, instancePath, "pattern", {pattern: "^a"});\nerrors++;',
    );
  });

  it("keeps only the function of an unknown shape as ajv wrote it; the others are rewritten", () => {
    const known = `function validate1${CONTEXT}\nreturn true;\n}`;
    const unknown = `function validate0${CONTEXT}\nlet vErrors = null;\nvErrors.sort();\nreturn true;\n}`;
    const { body, fallbacks } = rewriteStandalone(`${known}\n${unknown}`, options);
    expect(fallbacks.map((f) => f.name)).toEqual(["validate0"]);
    expect(body).toContain('function validate1(data){\nconst instancePath = "";');
    expect(body).toContain(`function validate0${CONTEXT}\nlet vErrors = null;\nvErrors.sort();`);
  });

  it.each([
    ["a guarded pattern", { given: "^(a|a)*$", want: 'guardedRegExp("^(a|a)*$", {"budget":1})' }],
    ["a pattern the u flag cannot change", { given: "^b$", want: 'new RegExp("^b$")' }],
  ])("builds %s as classified", (_name, { given, want }) => {
    const code = `const pattern0 = new RegExp(${JSON.stringify(given)}, "u");`;
    const { body } = rewriteStandalone(code, {
      ...options,
      unicodeNeutralPatterns: new Set(["^b$"]),
      guardedPatterns: new Map([["^(a|a)*$", { budget: 1 } as never]]),
    });
    expect(body).toBe(`const pattern0 = ${want};`);
  });

  it("keeps a function whose edits would overlap as ajv wrote it, with a reason", () => {
    const code = [
      'const formats0 = require("../../src/runtime/formats.js").formats.date;',
      `function validate0${CONTEXT}`,
      "let vErrors = null;",
      "let errors = 0;",
      'const err0 = {instancePath,schemaPath:"#/format",keyword:"format",params:{ok: formats0.validate(data)}};',
      "if(vErrors === null){\nvErrors = [err0];\n}\nelse {\nvErrors.push(err0);\n}",
      "validate0.errors = vErrors;",
      "return errors === 0;",
      "}",
    ].join("\n");
    const { body, fallbacks } = rewriteStandalone(code, options);
    expect(fallbacks.map((f) => [f.name, f.reason])).toEqual([
      ["validate0", expect.stringMatching(/^its edits overlap/)],
    ]);
    expect(body).toContain("params:{ok: formats0(data)}};\nif(vErrors === null){");
  });
});
