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

  it("turns ajv's context object into positional arguments, string literals included", () => {
    const code = [
      'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      "return true;",
      "}",
      'function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      'validate1(data["a,b}"], {instancePath:instancePath+"/a,b}",parentData:data,parentDataProperty:"a,b}",rootData});',
      "}",
    ].join("\n");
    const { body } = rewriteStandalone(code, options);
    expect(body).toContain(
      'function validate0(data, instancePath="", parentData, parentDataProperty, rootData=data){',
    );
    expect(body).toContain(
      'validate1(data["a,b}"], instancePath+"/a,b}", data, "a,b}", rootData);',
    );
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
