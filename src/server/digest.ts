// The SHA-1 the caches find bodies by, in one call where node has one (`crypto.hash`, node 20.12): building a
// Hash object cost more than hashing the kilobyte or two it is given.
import * as crypto from "node:crypto";

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: "base64") => string;

/** Absent before node 20.12 (the engines field allows 20.11). */
const oneShot = (crypto as { hash?: OneShotHash }).hash;

/** The SHA-1 of `parts` one after the other, as their concatenation's would be, in base64. */
export function sha1(...parts: Uint8Array[]): string {
  if (oneShot && parts.length === 1) return oneShot("sha1", parts[0] as Uint8Array, "base64");
  const hash = crypto.createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("base64");
}
