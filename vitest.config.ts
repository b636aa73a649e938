// Vitest runs the TypeScript tests only, never their compiled copies under dist/.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The README's example imports histlint/testing as a user would; in the tests it is the source.
  resolve: { alias: { "histlint/testing": fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
