// Bundles the compiled CLI (dist/src/cli/main.js, and the lint worker) into dist/cli/: a few files instead of
// some 140 modules, since Node 20 resolves, reads and compiles each ES module on its own at every start.
// Each subcommand, formatter and lazily loaded part stays a chunk of its own, loaded only when a run needs it.
// The library's exports stay tsc's output (dist/src); this is only what `bin/histlint.js` runs.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });

/**
 * commander requires node:child_process when it loads, for subcommands that are executables of their own:
 * histlint has none, so it gets child_process on first use instead, and a run does not load it (nor
 * net and dgram with it).
 */
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

await build({
  absWorkingDir: root,
  // The worker is an entry of its own, beside the chunk that starts it: `new URL("./lint-worker.js", import.meta.url)`.
  entryPoints: { main: "dist/src/cli/main.js", "lint-worker": "dist/src/engine/lint-worker.js" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "[name]-[hash]",
  // Not on the lint path, and loaded from the package's own dependencies: the user's single fast-check,
  // zod for configuration files, gpt-tokenizer's tables (read with createRequire).
  external: ["fast-check", "zod", "gpt-tokenizer", "gpt-tokenizer/*"],
  // commander is CommonJS: its require() of Node's modules needs a require in an ES module.
  banner: { js: 'import { createRequire as __histlintRequire } from "node:module";\nconst require = __histlintRequire(import.meta.url);' },
  // Comments and blanks cost parsing at every start; names stay as written (messages, stack traces).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  plugins: [lazyChildProcessForCommander],
  logLevel: "warning",
});
