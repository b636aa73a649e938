// A Gemini CLI session file the CLI cannot load: its session retention deletes it at the next start.
import { loadSession } from "../src/clients/gemini-cli-session.js";
import type { RawRecord } from "../src/read/index.js";
import { FILE_START } from "../src/read/index.js";
import { defineRule } from "../src/rule-kit/index.js";

const HEADER = '{"sessionId":"a1b2c3d4-0000-4000-8000-000000000001","projectHash":"p","startTime":"2026-12-01T00:00:00.000Z","lastUpdated":"2026-12-01T00:00:00.000Z","kind":"main"}';

export default defineRule({
  meta: {
    id: "gemini-cli-session-unloadable",
    description: "a Gemini CLI session file the CLI cannot load as a session (and will delete)",
    severity: "error",
    fixable: false,
    formats: ["gemini-cli"],
    docs: [
      "Gemini CLI 0.61 loads a session file by replaying its records; one that gives no `sessionId` and `projectHash` (the header line missing, cut, or unreadable behind a byte order mark) is not a session to it (a file left with no message, by an empty `$set.messages` or a `$rewindTo` naming none, still resumes, empty).",
      "It does not say so: at the next start its session retention deletes the file, together with every file sharing its 8-character id (gemini-cli #27368).",
      "Copy the file out of `~/.gemini/tmp/<project>/chats/` before you start the CLI again, then restore the header or the messages from the copy (`histlint fix` does not guess them).",
    ].join(" "),
    examples: {
      valid: [{ format: "gemini-cli", text: `${HEADER}\n{"id":"u1","timestamp":"2026-12-01T00:00:01.000Z","type":"user","content":[{"text":"hi"}]}\n` }],
      invalid: [
        { format: "gemini-cli", text: '{"id":"u1","timestamp":"2026-12-01T00:00:01.000Z","type":"user","content":[{"text":"hi"}]}\n{"$set":{"lastUpdated":"2026-12-01T00:00:02.000Z"}}\n', lines: [1] },
      ],
    },
  },
  create(context) {
    // Sessions are small, and whether one loads is only known once every record has been replayed.
    const records: RawRecord[] = [];
    return {
      record(record) {
        if (typeof record.value === "object" && record.value !== null && !record.spansLines && !record.sharesLine) records.push(record);
      },
      end() {
        const session = loadSession(records);
        if (!session.unloadable) return;
        const rewind = session.unknownRewinds[0];
        const why = rewind && session.messages.length === 0 ? `a $rewindTo on line ${rewind.span.line} names no message, so the CLI clears every message, and then ${session.unloadable}` : session.unloadable;
        context.report({
          at: FILE_START,
          message: `Gemini CLI cannot load this file as a session (${why}), and its session retention will delete it, with every file sharing its 8-character id, at the next start: copy it out of the chats folder now`,
          consequence: "wont-open",
        });
      },
    };
  },
});
