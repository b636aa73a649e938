// Claude Code records the resumed conversation will not contain, or reaches only by a bridge.
import { resumeChain, type ChainRecord } from "../src/clients/index.js";
import type { RawRecord } from "../src/read/index.js";
import { defineRule } from "../src/rule-kit/index.js";

/** Whether `entry`'s parents, followed by uuid, lead to `ancestor`. */
function descendsFrom(entry: ChainRecord, ancestor: ChainRecord, all: readonly ChainRecord[]): boolean {
  const byUuid = new Map(all.map((e) => [e.uuid, e]));
  const seen = new Set<ChainRecord>();
  for (let at: ChainRecord | undefined = entry; at && !seen.has(at); at = at.parentUuid ? byUuid.get(at.parentUuid) : undefined) {
    if (at === ancestor) return true;
    seen.add(at);
  }
  return false;
}

function isCompactBoundary(entry: ChainRecord): boolean {
  return entry.value.type === "system" && entry.value.subtype === "compact_boundary";
}

export default defineRule({
  meta: {
    id: "broken-parent-chain",
    description: "a Claude Code `parentUuid` that names no record, or conversation records the resumed chain leaves out",
    severity: "warning",
    fixable: "safe",
    formats: ["claude-code"],
    docs: "Claude Code rebuilds the conversation from the newest record back through `parentUuid`. A parent that names no record is silently bridged to the conversation record closest before it in time (by `timestamp`, not by line); when no record is earlier, the history is cut there; a `parentUuid: null` in the middle (other than at a compact boundary) cuts off everything before it. Either way the model gets a different history from the one the user sees, with no message. `histlint fix` re-links a dangling parent to the record Claude Code bridges it to, so the file says what the client does, and re-links a record cut off by a `null` parent to the record written before it.",
    examples: {
      valid: [{ format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n{"type":"assistant","uuid":"a1","parentUuid":"u1","message":{"role":"assistant","id":"m1","content":[{"type":"text","text":"hello"}]}}\n' }],
      invalid: [
        { format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"timestamp":"2026-11-21T18:00:00.000Z","message":{"role":"user","content":"hi"}}\n{"type":"assistant","uuid":"a1","parentUuid":"gone","timestamp":"2026-11-21T18:00:01.000Z","message":{"role":"assistant","id":"m1","content":[{"type":"text","text":"hello"}]}}\n', lines: [2], output: "{\"type\":\"user\",\"uuid\":\"u1\",\"parentUuid\":null,\"timestamp\":\"2026-11-21T18:00:00.000Z\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}\n{\"type\":\"assistant\",\"uuid\":\"a1\",\"parentUuid\":\"u1\",\"timestamp\":\"2026-11-21T18:00:01.000Z\",\"message\":{\"role\":\"assistant\",\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}}\n" },
        { format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"timestamp":"2026-11-21T18:00:05.000Z","message":{"role":"user","content":"hi"}}\n{"type":"assistant","uuid":"a1","parentUuid":"gone","timestamp":"2026-11-21T18:00:01.000Z","message":{"role":"assistant","id":"m1","content":[{"type":"text","text":"hello"}]}}\n', lines: [1, 2] },
        { format: "claude-code", text: '{"type":"user","uuid":"u1","parentUuid":null,"message":{"role":"user","content":"hi"}}\n{"type":"user","uuid":"u2","parentUuid":null,"message":{"role":"user","content":"again"}}\n', lines: [1] },
      ],
    },
  },
  create(context) {
    const records: RawRecord[] = [];
    return {
      record(record) {
        records.push(record);
      },
      end() {
        const chain = resumeChain(records);
        // Re-linking gives a record the conversation record written just before it as its parent.
        const previous = new Map(chain.all.map((entry, i) => [entry, chain.all[i - 1]]));
        const relink = (entry: ChainRecord) => {
          const parent = previous.get(entry);
          // Lines out of order can put a descendant just before it: a link to that would close a loop,
          // and the records cut off would stay cut off (the fix would repair nothing).
          return parent && !descendsFrom(parent, entry, chain.all) ? { safety: "safe" as const, edits: () => [{ op: "replace" as const, record: entry.record.index, value: { ...entry.value, parentUuid: parent.uuid } }] } : undefined;
        };
        for (const { entry, to } of chain.bridged) {
          // Re-linking to the record Claude Code bridges to keeps exactly the conversation it resumes.
          const fix = to ? { safety: "safe" as const, edits: () => [{ op: "replace" as const, record: entry.record.index, value: { ...entry.value, parentUuid: to.uuid } }] } : undefined;
          const what = to ? `Claude Code bridges it to ${JSON.stringify(to.uuid)} on line ${to.record.span.line}, the record closest before it in time: re-link it there` : "no record is earlier, so Claude Code cuts the history there: re-link it";
          // Bridged, nothing is lost: the file only says less than the client does. Cut, everything before is.
          context.report({ at: { ...entry.record.span, record: entry.record.index, pointer: "/parentUuid" }, message: `parentUuid ${JSON.stringify(entry.parentUuid)} names no record; ${what}`, ...(to ? {} : { consequence: "lost" as const }), ...(fix ? { fix } : {}) });
        }
        const kept = new Set(chain.records);
        const lastBoundary = chain.records.find(isCompactBoundary)?.record.index ?? -1;
        // A `parentUuid: null` mid-file (not a compact boundary) cuts the chain: re-linking that record
        // brings back what came before it. Records on an abandoned branch (a rewind) are left to a person.
        const start = chain.records[0];
        const cut = start && start.parentUuid === null && !isCompactBoundary(start) ? relink(start) : undefined;
        const newParent = start ? previous.get(start) : undefined;
        for (const entry of chain.all) {
          if (kept.has(entry) || entry.record.index < lastBoundary || entry.value.type === "system") continue;
          // The re-link brings back the new parent and its ancestors; a record on another branch stays out.
          const fix = cut && newParent && descendsFrom(newParent, entry, chain.all) ? cut : undefined;
          context.report({ at: { ...entry.record.span, record: entry.record.index }, message: `${String(entry.value.type)} record ${JSON.stringify(entry.uuid)} is not on the chain Claude Code resumes from, so the model never sees it, and no one is told: re-link it`, consequence: "lost", ...(fix ? { fix } : {}) });
        }
      },
    };
  },
});
