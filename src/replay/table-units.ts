// A large rollout's units as rows: each value read again from its record when a request writes it,
// each item made again from it when a refusal or a whole body asks for it.
import { codexWireItem } from "../clients/index.js";
import { isObject } from "../formats/json-shape.js";
import { responsesItem } from "../formats/responses-items.js";
import type { Item, ToolCallItem } from "../history/index.js";
import type { QuotedIds } from "./locate.js";
import { nativeUnits, valueAtSource, type RecordValues } from "./native-units.js";
import { elementText, toolsByUnit, type ToolIntroduction } from "./request-body.js";
import type { UnitList } from "./unit-list.js";
import { INSERTED, MODEL_OUTPUT, stringHash, type UnitTable } from "./unit-table.js";
import type { WireApi, WireUnit } from "./wire.js";

export class TableUnits implements UnitList {
  /** Bytes of the first n values' texts, by n (a request's length is a sum, its body written once). */
  private readonly bytesBefore: Float64Array;

  constructor(
    private readonly table: UnitTable,
    /** The items of rows that are not their record's payload (a compaction's summary, what the repair added). */
    private readonly held: ReadonlyMap<number, Item>,
    private readonly records: RecordValues,
    private readonly asClient: boolean,
    /** What `synthetic` says of a row the client's repair added. */
    private readonly inserted = "the client's own repair",
  ) {
    this.bytesBefore = new Float64Array(table.length + 1);
    for (let row = 0; row < table.length; row += 1) {
      const known = table.bytes(row, asClient);
      (this.bytesBefore as Float64Array)[row + 1] = (this.bytesBefore[row] as number) + (known >= 0 ? known : Buffer.byteLength(elementText(this.value(row))));
    }
  }

  elementBytes(size: number): number {
    return this.bytesBefore[size] as number;
  }

  get length(): number {
    return this.table.length;
  }

  modelOutput(row: number): boolean {
    return (this.table.flags(row) & MODEL_OUTPUT) !== 0;
  }

  /** The value as Codex sends it: a whole payload is read and sent (stripped as Codex strips it) without making its item. */
  value(row: number): unknown {
    if (this.held.has(row)) return this.valueOf(this.item(row));
    const value = valueAtSource(this.records, { record: this.table.record(row), pointer: this.table.pointer(row) });
    if (!isObject(value) || !("type" in value || "role" in value)) return this.valueOf(this.item(row));
    return this.asClient ? codexWireItem(value) : value;
  }

  unit(row: number): WireUnit {
    const item = this.item(row);
    const synthetic = (this.table.flags(row) & INSERTED) !== 0 ? { synthetic: this.inserted } : {};
    return { value: this.valueOf(item), items: [item], line: this.table.line(row), column: this.table.column(row), modelOutput: this.modelOutput(row), ...synthetic };
  }

  /** Rows whose hashes hold a quoted word are made into units and asked; the others cannot quote one. */
  lastQuoting(quoted: QuotedIds, size: number): WireUnit | undefined {
    const hashes = new Set([...quoted.words].map(stringHash));
    for (let row = Math.min(size, this.table.length) - 1; row >= 0; row -= 1) {
      if (!hashes.has(this.table.idHash(row)) && !hashes.has(this.table.callIdHash(row))) continue;
      const unit = this.unit(row);
      if (unit.items.some(quoted.about)) return unit;
    }
    return undefined;
  }

  /** The tool definitions a history of `api` needs, by the first row calling each. */
  tools(api: WireApi): ToolIntroduction[] {
    // Only the first call of each kind, wire type and name can introduce a tool: the others are holes.
    const firsts: WireUnit[] = new Array<WireUnit>(this.table.length);
    const seen = new Set<string>();
    for (let row = 0; row < this.table.length; row += 1) {
      const tool = this.table.tool(row);
      if (tool === undefined || seen.has(tool)) continue;
      seen.add(tool);
      const [kind, wireType, name] = JSON.parse(tool) as [ToolCallItem["kind"], string, string];
      const source = { record: this.table.record(row), pointer: this.table.pointer(row), line: this.table.line(row), column: this.table.column(row) };
      firsts[row] = { value: undefined, items: [{ type: "tool_call", kind, wireType, name, source }], line: source.line, column: source.column, modelOutput: true };
    }
    return toolsByUnit(api, firsts);
  }

  private item(row: number): Item {
    const held = this.held.get(row);
    if (held) return held;
    const source = { record: this.table.record(row), pointer: this.table.pointer(row), line: this.table.line(row), column: this.table.column(row) };
    return responsesItem(valueAtSource(this.records, source), source);
  }

  private valueOf(item: Item): unknown {
    return (nativeUnits("codex", [item], this.records, this.asClient)[0] as WireUnit).value;
  }
}
