// node:crypto loaded on first use: it brings some twenty of Node's own modules, and most lint runs hash nothing.
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let loaded: typeof Crypto | undefined;
const crypto = (): typeof Crypto => (loaded ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto);

export const createHash: typeof Crypto.createHash = (algorithm, options) => crypto().createHash(algorithm, options);
export const randomUUID: typeof Crypto.randomUUID = (options) => crypto().randomUUID(options);
