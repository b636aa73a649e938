#!/usr/bin/env node
// Entry point of the `histlint` command: the CLI bundled into dist/cli/ (built by `npm install`, scripts/bundle-cli.mjs).
import { main } from "../dist/cli/main.js";

// A reader that stops early (`histlint … | head`) closes the pipe: that ends the output, it is no error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
