#!/usr/bin/env node
// Entry point of the `histlint` command: the compiled CLI lives in dist/ (built by `npm install`).
import { main } from "../dist/src/cli/main.js";

// A reader that stops early (`histlint … | head`) closes the pipe: that ends the output, it is no error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
