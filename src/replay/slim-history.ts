// A Codex rollout's history for replay, read without holding the file or its items: each unit is a
// row of numbers pointing at its record (read again when sent), and only what the client's repair
// looks at (a call's or output's type and call_id) is kept as a small item until the repair is done.
import { codexWireItem, readHistory, type ClientModel, type SelfRepair } from "../clients/index.js";
import { HeapCeiling, KEEPS_LITTLE_FLOOR_BYTES } from "../engine/index.js";
import { isObject } from "../formats/json-shape.js";
import { startsUserTurn, type HistoryEvent, type Item, type RequestContext } from "../history/index.js";
import { readRecords, type ByteSource, type RawRecord } from "../read/index.js";
import { nativeUnits, valueAtSource } from "./native-units.js";
import { RecordSpans } from "./record-spans.js";
import { elementText } from "./request-body.js";
import { TableUnits } from "./table-units.js";
import { INSERTED, MODEL_OUTPUT, STARTS_USER_TURN, stringHash, UnitTable } from "./unit-table.js";
import { isModelOutput, type WireUnit } from "./wire.js";

/** The pointers of an item that is its record's whole payload (a legacy line is the item itself). */
export const WHOLE_POINTERS: ReadonlySet<string> = new Set(["/payload", ""]);

export interface SlimHistory {
  request: RequestContext | undefined;
  records: RecordSpans;
  /** The client's repair of the history (run once), and the units it leaves; `undefined` sends the file as written. */
  units(client: ClientModel | undefined, asClient: boolean): { units: TableUnits; repair?: SelfRepair };
}

/** Reads the rollout once more, keeping each record's span and each unit's row. */
export function slimCodexHistory(source: ByteSource): SlimHistory {
  const records = new RecordSpans(source);
  const latest: Latest = { record: undefined };
  const stream = readHistory("codex", spansOf(source, records, latest), {});
  const read = new RowReader(records, latest);
  for (const event of stream.events) read.event(event);
  return {
    request: stream.request(),
    records,
    units: (client, asClient) => {
      if (!client) return { units: new TableUnits(read.table, read.held, records, asClient) };
      return repaired(read, client, records, asClient);
    },
  };
}

/** The record read last: its items' values are at hand, not read again. */
interface Latest {
  record: RawRecord | undefined;
}

function* spansOf(source: ByteSource, spans: RecordSpans, latest: Latest): Generator<RawRecord> {
  const heap = new HeapCeiling(undefined, KEEPS_LITTLE_FLOOR_BYTES);
  for (const event of readRecords(source)) {
    if (!event.record) continue;
    heap.read(event.record.span.length);
    spans.add(event.record);
    latest.record = event.record;
    yield event.record;
  }
  latest.record = undefined;
}

/** Follows the history's events into rows: a reset empties the table, a rollback cuts it before the turns it drops. */
class RowReader {
  readonly table = new UnitTable();
  /** Items whose value is not their record's payload (a compaction's summary, its replacement history): kept slim. */
  readonly held = new Map<number, Item>();
  /** What the repair reads of the calls and outputs, by row. */
  readonly repairView: (Item | undefined)[] = [];

  constructor(
    private readonly records: RecordSpans,
    private readonly latest: Latest,
  ) {}

  event(event: HistoryEvent): void {
    if (event.type === "reset") this.cut(0);
    else if (event.type === "rollback") this.cut(this.beforeLastTurns(event.turns));
    else this.add(event);
  }

  private add(item: Item): void {
    const whole = WHOLE_POINTERS.has(item.source.pointer);
    // Whether the model wrote it needs the value only where the item is not a whole record's payload.
    const modelOutput = whole ? isModelOutput(item) : (nativeUnits("codex", [item], this.records)[0] as WireUnit).modelOutput;
    const { bytes, rawBytes } = whole ? this.bytesOf(item) : UNKNOWN_BYTES;
    const row = this.table.push({
      record: item.source.record,
      line: item.source.line,
      column: item.source.column,
      pointer: item.source.pointer,
      flags: (modelOutput ? MODEL_OUTPUT : 0) | (startsUserTurn(item) ? STARTS_USER_TURN : 0),
      idHash: stringHash(item.id),
      callIdHash: stringHash("callId" in item ? item.callId : undefined),
      tool: item.type === "tool_call" && item.name !== undefined ? toolKey(item) : undefined,
      bytes,
      rawBytes,
    });
    if (whole) this.held.delete(row);
    else this.held.set(row, slim(item));
    this.repairView[row] = item.type === "tool_call" || item.type === "tool_output" ? repairView(item, row) : undefined;
  }

  /**
   * The length of a whole payload's text as sent, while its record is at hand: a request's length is
   * then a sum, and its body is written once, not first written to be counted.
   */
  private bytesOf(item: Item): { bytes: number; rawBytes: number } {
    const record = this.latest.record;
    if (record?.index !== item.source.record) return UNKNOWN_BYTES; // a compaction's user messages, from records read before
    const value = valueAtSource({ value: () => record.value }, item.source);
    if (!isObject(value) || !("type" in value || "role" in value)) return UNKNOWN_BYTES;
    const sent = codexWireItem(value);
    const rawBytes = Buffer.byteLength(elementText(value));
    return { bytes: sent === value ? rawBytes : Buffer.byteLength(elementText(sent)), rawBytes };
  }

  private cut(length: number): void {
    this.table.truncate(length);
    this.repairView.length = this.table.length;
    for (const row of this.held.keys()) if (row >= length) this.held.delete(row);
  }

  /** Where the last `turns` user turns start (as `dropLastUserTurns` counts them), or the length for none. */
  private beforeLastTurns(turns: number): number {
    if (turns <= 0) return this.table.length;
    let seen = 0;
    let firstTurn = this.table.length;
    for (let row = this.table.length - 1; row >= 0; row -= 1) {
      if ((this.table.flags(row) & STARTS_USER_TURN) === 0) continue;
      firstTurn = row;
      if ((seen += 1) === turns) return row;
    }
    return firstTurn;
  }
}

const UNKNOWN_BYTES = { bytes: -1, rawBytes: -1 };

/** A call or output as the repair reads it; its source's record is the row it stands for. */
function repairView(item: Item & { type: "tool_call" | "tool_output" }, row: number): Item {
  const source = { record: row, pointer: item.source.pointer, line: item.source.line, column: item.source.column };
  if (item.type === "tool_call") return { type: "tool_call", kind: item.kind, wireType: item.wireType, ...(item.callId !== undefined ? { callId: item.callId } : {}), source };
  return { type: "tool_output", kind: item.kind, wireType: item.wireType, ...(item.callId !== undefined ? { callId: item.callId } : {}), output: "", source };
}

/**
 * The client's repair, run on the calls and outputs only (the rest it leaves where they are), and the
 * rows it leaves: each kept row in order, an item it adds right where it put it.
 */
function repaired(read: RowReader, client: ClientModel, records: RecordSpans, asClient: boolean): { units: TableUnits; repair: SelfRepair } {
  const views = read.repairView.filter((view): view is Item => view !== undefined);
  const repair = client.selfRepair(views, []);
  const table = new UnitTable(read.table.length + repair.inserted.size + 1);
  const held = new Map<number, Item>();
  let next = 0;
  const copy = (row: number) => {
    const at = table.push(read.table.row(row));
    const kept = read.held.get(row);
    if (kept) held.set(at, kept);
  };
  const addInserted = () => {
    for (let item = repair.items[next]; item !== undefined && repair.inserted.has(item); item = repair.items[(next += 1)]) {
      // The item points at its call's row: it goes to the unit pointing at the call's record.
      const record = read.table.record(item.source.record);
      const at = table.push({ record, line: item.source.line, column: item.source.column, pointer: item.source.pointer, flags: INSERTED, idHash: stringHash(item.id), callIdHash: stringHash("callId" in item ? item.callId : undefined), tool: undefined, ...UNKNOWN_BYTES });
      held.set(at, { ...item, source: { ...item.source, record } });
    }
  };
  for (let row = 0; row < read.table.length; row += 1) {
    const view = read.repairView[row];
    if (view === undefined) copy(row);
    else if (repair.items[next] === view) {
      copy(row);
      next += 1;
      addInserted();
    }
  }
  if (next !== repair.items.length) throw new Error("replay: the client's repair moved an item of the history; its requests cannot be rebuilt from the rows");
  return { units: new TableUnits(table, held, records, asClient, `${client.label}'s own repair`), repair };
}

/** What a call's tool definition is made from: its kind, wire type and name. */
export function toolKey(item: Item & { type: "tool_call" }): string {
  return JSON.stringify([item.kind, item.wireType, item.name]);
}

/**
 * An item without the text only its value carries: outputs, arguments, reasoning. Messages stay whole:
 * a compaction's summary is sent from it.
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
