#!/usr/bin/env node
// Entry point of the `histlint` command: the compiled CLI lives in dist/ (built by `npm install`).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv);
