// A Codex rollout's history for replay, read without holding the file: each item keeps what the
// client's repair, the cuts and the tools look at, and points at its record, read again when sent.
import { readHistory } from "../clients/index.js";
import { collectItems, type HistoryEvent, type Item, type RequestContext } from "../history/index.js";
import { readRecords, type ByteSource, type RawRecord } from "../read/index.js";
import { RecordSpans } from "./record-spans.js";

export interface SlimHistory {
  items: Item[];
  request: RequestContext | undefined;
  records: RecordSpans;
}

/** Reads the rollout once more, keeping each record's span and each item without its large text. */
export function slimCodexHistory(source: ByteSource): SlimHistory {
  const records = new RecordSpans(source);
  const stream = readHistory("codex", spansOf(source, records), {});
  const items = collectItems(slimEvents(stream.events));
  return { items, request: stream.request(), records };
}

function* spansOf(source: ByteSource, spans: RecordSpans): Generator<RawRecord> {
  for (const event of readRecords(source)) {
    if (!event.record) continue;
    spans.add(event.record);
    yield event.record;
  }
}

function* slimEvents(events: Iterable<HistoryEvent>): Generator<HistoryEvent> {
  for (const event of events) yield event.type === "reset" || event.type === "rollback" ? event : slim(event);
}

/**
 * An item without the text only its value carries: outputs, arguments, reasoning. Messages stay whole:
 * a rollback counts user turns by their text, and a compaction's summary is sent from it.
 */
function slim(item: Item): Item {
  if (item.type === "tool_output") return { ...item, output: "" };
  if (item.type === "tool_call") {
    const { arguments: _arguments, ...rest } = item;
    return rest;
  }
  if (item.type === "reasoning") {
    const { text: _text, encrypted: _encrypted, ...rest } = item;
    return { ...rest, summary: [] };
  }
  if (item.type === "compaction") {
    const { summary: _summary, encrypted: _encrypted, ...rest } = item;
    return rest;
  }
  return item;
}
