import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src/codegen/validators/standalone-ast.js";
import { topLevelStatements } from "../../../src/codegen/validators/top-level-statements.js";

describe("topLevelStatements", () => {
  it.each([
    ["a directive", { given: '"use strict";', want: [["directive", undefined]] }],
    [
      "an export of a validator",
      { given: "export const get_200 = validate0;", want: [["export", "get_200"]] },
    ],
    [
      "a function whose strings hold braces and semicolons",
      {
        given: 'function validate3(data){\nreturn data === "};{";\n}',
        want: [["function", "validate3"]],
      },
    ],
    [
      "a constant spanning lines",
      { given: 'const schema1 = {"a":\n"}"};', want: [["constant", "schema1"]] },
    ],
    [
      "a function's evaluated properties",
      { given: "validate2.evaluated = {props: true};", want: [["evaluated", "validate2"]] },
    ],
    ["anything else", { given: "let x = 1, y = 2;", want: [["other", undefined]] }],
  ])("classifies %s", (_name, { given, want }) => {
    const statements = topLevelStatements(parseModule(given));
    expect(statements.map((s) => [s.kind, s.name])).toEqual(want);
  });

  it("gives an export the function it exports", () => {
    const [statement] = topLevelStatements(parseModule("export const a = validate7;"));
    expect(statement?.target).toBe("validate7");
  });
});
