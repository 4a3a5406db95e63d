import { describe, expect, it } from "vitest";
import { rewriteStandalone } from "../../src/codegen/validators/rewrite-standalone.js";

const options = { runtimeImport: "../../src/runtime", linearPatterns: new Set<string>() };

describe("rewriteStandalone", () => {
  it("refuses code that uses vErrors in a shape it does not know (an ajv upgrade)", () => {
    const code =
      "function validate0(data){\nlet vErrors = null;\nlet errors = 0;\nconst err0 = vErrors[errors];\nvalidate0.errors = vErrors;\nreturn errors === 0;\n}";
    expect(() => rewriteStandalone(code, options)).toThrow(
      /uses vErrors in an unknown way: 'const err0 = vErrors\[errors\];'/,
    );
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
    expect(body).toContain('function validate0(data, instancePath=""){');
    expect(body).toContain(
      [
        'if(!(validate1(data["a,b}"]))){',
        `vErrors = appendErrors(vErrors, validate1.errors, ${want.prefix});`,
        "errors += validate1.errorCount;",
      ].join("\n"),
    );
  });

  it("refuses a call whose errors are not merged the way ajv does", () => {
    const code =
      'if(!(validate1(data, {instancePath:instancePath+"/a",parentData:data,parentDataProperty:"a",rootData}))){\nreturn false;\n}';
    expect(() => rewriteStandalone(code, options)).toThrow(/unexpected ajv call context/);
  });

  it("calls format checks directly and refuses other uses", () => {
    const code = [
      'const formats0 = require("../../src/runtime/formats.js").formats["date-time"];',
      "function validate0(data){",
      "return formats0.validate(data);",
      "}",
    ].join("\n");
    const { body } = rewriteStandalone(code, options);
    expect(body).toContain('const formats0 = __formats0.formats["date-time"].validate;');
    expect(body).toContain("return formats0(data);");
    expect(() =>
      rewriteStandalone(code.replace("formats0.validate(data)", "formats0.async"), options),
    ).toThrow("unexpected use of format 'formats0'");
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
});
