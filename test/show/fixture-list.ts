// The bundled fixtures the show tests draw: every history file under fixtures/, not the expected outputs.
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function fixtureFiles(): string[] {
  return readdirSync("fixtures", { recursive: true, encoding: "utf8" })
    .filter((path) => /\.(jsonl|json)$/.test(path) && !path.startsWith("recording"))
    .map((path) => join("fixtures", path))
    .sort();
}
