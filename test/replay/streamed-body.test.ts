// The bodies replay streams are the bodies it built whole before it streamed them: for every fixture
// and option (hashes recorded from the builder before the change), and for generated rollouts, where
// the rollout read slim from its file must send what the rollout read whole sends.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codexClient } from "../../src/clients/index.js";
import { analyse } from "../../src/engine/index.js";
import { planReplay, type ReplayPlan } from "../../src/index.js";
import { stringifyJson } from "../../src/read/index.js";
import { heldRecords, nativeUnits } from "../../src/replay/native-units.js";
import { tempFile } from "../support/files.js";
import { conversation, serialize } from "../support/generate.js";

const RUNS = Number(process.env.HISTLINT_PROPERTY_RUNS ?? 25);
const ROOT = "fixtures";
const OPTION_SETS = [{}, { raw: true }, { convertTo: "chat" }, { convertTo: "responses" }, { convertTo: "messages" }, { convertTo: "gemini" }, { model: "m-1" }] as const;
const golden = JSON.parse(readFileSync("test/replay/fixture-bodies.golden.json", "utf8")) as Record<string, string[]>;

function fixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtures(path);
    return /\.(jsonl|json)$/.test(name) && !/expected|fixed/.test(name) ? [path] : [];
  });
}

/** Each request's body as sent, streamed; or the message of a plan that has none. */
function sent(plan: ReplayPlan): string[] {
  if (!plan.ok) return [plan.message];
  const bodies = plan.requests.map((request) => [...request.wire().pieces()].join(""));
  plan.close();
  return bodies;
}

/** Each request's body built whole, as the sender stringified it before. */
function built(plan: ReplayPlan): string[] {
  if (!plan.ok) return [plan.message];
  return plan.requests.map((request) => {
    const { model: _model, ...rest } = request.body();
    return stringifyJson(plan.api === "gemini" ? rest : request.body());
  });
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

describe("streamed request bodies", () => {
  it("are, for every fixture and option, the bytes replay sent before it streamed them", () => {
    const files = fixtures(ROOT);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      for (const options of OPTION_SETS) {
        const key = `${file.slice(ROOT.length + 1)} ${JSON.stringify(options)}`;
        const fromFile = sent(planReplay(file, { path: file }, options));
        const fromBytes = sent(planReplay(file, { buffer: readFileSync(file) }, options));
        expect({ key, bodies: fromFile.map(hash) }).toEqual({ key, bodies: golden[key] });
        expect(fromBytes).toEqual(fromFile);
        expect(built(planReplay(file, { path: file }, options))).toEqual(fromFile);
      }
    }
  });

  it("of a rollout read slim from its file are those of the rollout read whole", () => {
    fc.assert(
      fc.property(conversation, (c) => {
        const text = serialize(c, "codex");
        const path = tempFile("slim.jsonl", text);
        const plan = planReplay(path, { path });
        if (!plan.ok) throw new Error(plan.message);
        const last = plan.requests.at(-1);
        // The oracle: the whole analysis, the client's repair and the units built from records held in memory.
        const whole = analyse(path, { buffer: Buffer.from(text) }, {}, { records: true, items: true, positions: true });
        const repaired = codexClient.selfRepair(whole.items ?? [], whole.records).items;
        const units = nativeUnits("codex", repaired, heldRecords(whole.records));
        expect(last?.units.map((unit) => unit.value).slice(0, units.length)).toEqual(units.map((unit) => unit.value));
        expect(last?.units.map((unit) => [unit.line, unit.column, unit.modelOutput])).toEqual([...units.map((unit) => [unit.line, unit.column, unit.modelOutput]), ...(last && last.size > units.length ? [[expect.any(Number), expect.any(Number), false]] : [])]);
        expect(sent(plan)).toEqual(built(planReplay(path, { buffer: Buffer.from(text) })));
      }),
      { numRuns: RUNS },
    );
  });
});
