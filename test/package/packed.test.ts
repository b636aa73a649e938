// The package as npm publishes it: `npm pack`, installed from the tarball into an empty project,
// used as a user uses it — the `histlint` command, `import "histlint"`, `import "histlint/testing"`,
// and the types of both under `tsc` beside the project's own fast-check.
//
// The tarball is packed with `--ignore-scripts`: `prepare` would run `tsc` into dist/ while other
// builds (`npm test`, an editor, another engineer) may be writing it, and would fail on anyone's
// half-finished edit. So this test packs the dist/ that is there (`npm test` builds it first; on
// its own, run `npm run build`), and stops with that advice if it is missing.
//
// Dependencies come from the npm registry (`--prefer-offline`: from the cache when it has them).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = process.cwd();
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
// Run from `npm test` or `npx`, npm passes its own settings down as npm_config_*: keep the user's
// (registry, cache, .npmrc), drop those that would point npm at /work/main or run a command instead.
const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" };
for (const key of ["npm_config_call", "npm_config_local_prefix", "npm_config_yes", "npm_config_package"]) delete ENV[key];
const INSTALL = ["install", "--no-audit", "--no-fund", "--prefer-offline"];
/** The user's own fast-check: the same major as histlint's (`^4.10.2` → `fast-check@^4`). */
const USER_FAST_CHECK = `fast-check@^${/\d+/.exec(MANIFEST.dependencies["fast-check"] ?? "")?.[0]}`;
/** histlint's declarations name `Buffer`: a TypeScript user has Node's types. */
const USER_NODE_TYPES = `@types/node@${MANIFEST.devDependencies["@types/node"]}`;
/** The README's fenced blocks of one section, by language (test/readme/usage.test.ts reads them the same way). */
function readmeBlocks(section: string, lang: string): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${section}\n`);
  const end = readme.indexOf("\n## ", start + 1);
  return [...readme.slice(start, end === -1 ? undefined : end).matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```$", "gm"))].map((m) => m[1]!);
}
const BUILT = ["dist/src/index.js", "dist/src/testing/index.js", "dist/cli/main.js", "dist/cli/lint-worker.js", "dist/rules/index.js"];

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: ENV, shell: process.platform === "win32" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npm(args: string[], cwd: string): string {
  return execFileSync(NPM, args, { cwd, encoding: "utf8", env: ENV, stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32" });
}

/** An empty ES-module project with histlint (as `spec`), the user's fast-check and Node's types. */
function scratchProject(dir: string, spec: string[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  npm([...INSTALL, ...spec, USER_FAST_CHECK, USER_NODE_TYPES], dir);
  return dir;
}

/** A user's TypeScript: both entry points, histlint's arbitrary in the user's `fc.property`. */
const CHECK_TS = `import fc from "fast-check";
import { lintSource, type LintResult } from "histlint";
import { lintHistory, validHistory, type GeneratedHistory } from "histlint/testing";

const histories: fc.Arbitrary<GeneratedHistory> = validHistory({ profile: "codex", format: "codex" });
fc.assert(
  fc.property(validHistory({ profile: "codex", format: "codex" }), (history) => {
    const result: LintResult = lintSource("rollout.jsonl", { buffer: Buffer.from(history.text) }, { profile: "codex", inputFormat: "codex" });
    return result.errorCount === 0 && lintHistory(history).errorCount === 0;
  }),
  { numRuns: 5 },
);
fc.sample(histories, 1);
`;

const TSCONFIG = {
  compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] },
  files: ["check.ts"],
};

function typeCheck(dir: string) {
  writeFileSync(join(dir, "check.ts"), CHECK_TS);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  return run(process.execPath, [TSC, "-p", "tsconfig.json"], dir);
}

/** One copy of fast-check: the one histlint's code resolves is the user's. */
function fastCheckSeenBy(dir: string, from: string): string {
  // fast-check's package.json is not exported, so walk up as Node would, from `from`.
  for (let at = realpathSync(from); ; at = dirname(at)) {
    const candidate = join(at, "node_modules", "fast-check");
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(at) === at) throw new Error(`no fast-check above ${from} (in ${dir})`);
  }
}

// Slow: installs from the registry (cache), then `npx` and `tsc` on a machine that may be busy.
describe("the packed package", { timeout: 120_000 }, () => {
  let work: string;
  let files: string[];
  let project: string;
  let tarball: string;

  beforeAll(() => {
    const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
    if (missing.length > 0) throw new Error(`dist/ is not built (${missing.join(", ")}): run \`npm run build\` first`);
    work = mkdtempSync(join(tmpdir(), "histlint-packed-"));
    const [packed] = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((file) => file.path);
    tarball = join(work, packed!.filename);
    project = scratchProject(join(work, "project"), [tarball]);
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("holds the CLI (its bundle), both entry points and the rules, and no tests, benches or fixtures", () => {
    for (const file of ["package.json", "bin/histlint.js", ...BUILT, "dist/src/index.d.ts", "dist/src/testing/index.d.ts"]) expect(files).toContain(file);
    expect(files.filter((file) => !/^(bin|dist\/cli|dist\/src|dist\/rules)\//.test(file) && !/^(package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|bench|fixtures)\/|\.test\.[jt]s$/.test(file))).toEqual([]);
  });

  it("holds every module its modules import, and imports no package it does not depend on", () => {
    const packed = new Set(files);
    const allowed = new Set([...Object.keys(MANIFEST.dependencies), ...builtinModules]);
    const missing: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(project, "node_modules/histlint", file), "utf8");
      const specifiers = [
        ...[...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)].map((m) => m[1]!),
        ...[...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm)].map((m) => m[1]!),
        ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
        ...[...code.matchAll(/new URL\(\s*["'](\.[^"']+\.js)["']\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]!),
      ];
      for (const specifier of specifiers) {
        if (specifier.startsWith(".")) {
          const target = normalize(join(dirname(file), specifier)).split("\\").join("/");
          if (!packed.has(target)) missing.push(`${file} → ${specifier}`);
        } else {
          const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
          if (!allowed.has(name)) missing.push(`${file} → ${specifier} (not a dependency)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("`npx histlint --version` prints the package's version", () => {
    const result = run(NPX, ["--no", "--", "histlint", "--version"], project);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(MANIFEST.version);
  });

  it("`npx histlint lint` finds the problems of a broken history, one file:line:col line each, and exits 1", () => {
    writeFileSync(
      join(project, "broken.jsonl"),
      [
        JSON.stringify({ type: "message", role: "user", content: [{ type: "input_text", text: "list the files" }] }),
        JSON.stringify({ type: "function_call_output", call_id: "call_9", output: "a.txt" }),
        "{oops",
      ].join("\n") + "\n",
    );
    const result = run(NPX, ["--no", "--", "histlint", "lint", "broken.jsonl"], project);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken\.jsonl:2:\d+: .+\[tool-output-without-call\]$/m);
    expect(result.stdout).toMatch(/^broken\.jsonl:3:\d+: .+\[invalid-json\]$/m);
  });

  it("`npx histlint gen` (fast-check at run time) writes histories that lint clean", () => {
    const gen = run(NPX, ["--no", "--", "histlint", "gen", "--profile", "codex", "--count", "3", "--seed", "1", "-o", "gen"], project);
    expect(gen.code).toBe(0);
    const lint = run(NPX, ["--no", "--", "histlint", "lint", "--profile", "codex", "gen"], project);
    expect({ code: lint.code, stdout: lint.stdout }).toMatchObject({ code: 0 });
  });

  it("the README's install commands work with the tarball for `histlint`", () => {
    const [install] = readmeBlocks("## Install", "sh");
    const commands = install!.split("\n").filter((line) => line.trim() !== "").map((line) => line.replace(/\s+#.*$/, ""));
    expect(commands).toEqual(["npm install --global histlint", "npx histlint --version"]);
    const prefix = join(work, "global");
    npm(["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", "--prefer-offline", tarball], work);
    const global = run(join(prefix, "bin", "histlint"), ["--version"], work);
    expect(global.stdout.trim()).toBe(MANIFEST.version);
    expect(run(NPX, ["--no", "--", "histlint", "--version"], project).stdout.trim()).toBe(MANIFEST.version);
  }, 180_000);

  it("the README's library in ten lines runs against the package and prints what its comments say", () => {
    const [example] = readmeBlocks("### The library in ten lines", "js");
    writeFileSync(join(project, "example.mjs"), example!);
    const result = run(process.execPath, ["example.mjs"], project);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain('history.jsonl:2:1: error: function_call call_id "call_1" has no output;');
    expect(result.stdout).toContain("400 No tool output found for function call call_1.");
  });

  it("a program imports `lintSource` from histlint and `validHistory` from histlint/testing", () => {
    writeFileSync(
      join(project, "use.mjs"),
      `import { readFileSync } from "node:fs";
import fc from "fast-check";
import { lintSource } from "histlint";
import { validHistory } from "histlint/testing";

const [history] = fc.sample(validHistory({ profile: "codex", format: "codex" }), { numRuns: 1, seed: 1 });
const valid = lintSource("rollout.jsonl", { buffer: Buffer.from(history.text) }, { profile: "codex", inputFormat: "codex" });
const broken = lintSource("broken.jsonl", { buffer: readFileSync("broken.jsonl") });
console.log(JSON.stringify({ valid: valid.errorCount, broken: broken.errorCount }));
`,
    );
    const result = run(process.execPath, ["use.mjs"], project);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ valid: 0, broken: 2 });
  });

  it("the user's fast-check is histlint's too: one copy, and `tsc` type-checks both entry points with it", () => {
    expect(fastCheckSeenBy(project, join(project, "node_modules/histlint/dist/src/testing"))).toBe(realpathSync(join(project, "node_modules/fast-check")));
    const result = typeCheck(project);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 180_000);

  // A folder install (`npm install ../histlint`) is a symlink: Node and tsc follow it to the clone and
  // take the clone's own node_modules/fast-check, a second copy whose types do not match the user's
  // (no peerDependency changes that: the clone installs peers too). `--install-links` packs the
  // folder and installs it as the tarball above, with one fast-check: what the README recommends.
  it("a folder install with --install-links shares the user's fast-check too", () => {
    const linked = scratchProject(join(work, "linked"), ["--ignore-scripts", "--install-links", ROOT]);
    expect(fastCheckSeenBy(linked, join(linked, "node_modules/histlint/dist/src/testing"))).toBe(realpathSync(join(linked, "node_modules/fast-check")));
    const result = typeCheck(linked);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 180_000);
});
