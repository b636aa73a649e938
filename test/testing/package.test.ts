// histlint/testing as a user gets it: exported from the package, and shown in the README by an example that runs.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("histlint/testing", () => {
  it("is exported from the package (resolved by Node through package.json's exports)", () => {
    const script = "import('histlint/testing').then((m) => console.log(Object.keys(m).sort().join(' ')))";
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split(" ")).toEqual(expect.arrayContaining(["validHistory", "eventSchedule", "brokenHistory", "expectValidHistory", "histlintMatchers", "Sequencer"]));
  });

  it("the README's example is test/testing/readme-example.test.ts, word for word, in under 20 lines", () => {
    const example = readFileSync("test/testing/readme-example.test.ts", "utf8");
    expect(readFileSync("README.md", "utf8")).toContain("```ts\n" + example + "```");
    expect(example.trimEnd().split("\n").length).toBeLessThan(20);
  });
});
