// A large rollout's units as columns of numbers: where each is in the file and what the cuts, the
// tools and a refusal's place need of it. A hundred thousand units take a few MB, not the tens of MB
// their items would; a unit's value and item are read again from its record when asked for.

/** What a row's flags say. */
export const MODEL_OUTPUT = 1;
/** A user message that starts a turn (a rollback drops turns). */
export const STARTS_USER_TURN = 2;
/** Put there by the client's repair, not read from the file. */
export const INSERTED = 4;

/** Numbers kept a row; the row's strings are kept only as hashes (a refusal quotes ids, checked on the item). */
export interface UnitRow {
  record: number;
  line: number;
  column: number;
  flags: number;
  /** The JSON pointer of the item inside its record (kept once for all the rows that share it). */
  pointer: string;
  idHash: number;
  callIdHash: number;
  /** The tool a call calls (`kind`, wire type, name), or undefined. */
  tool: string | undefined;
  /** UTF-8 bytes of the value's JSON text as the client sends it, and as the file has it (`--raw`); -1 when not yet known. */
  bytes: number;
  rawBytes: number;
}

const COLUMNS = ["record", "line", "column", "pointer", "idHash", "callIdHash", "tool", "bytes", "rawBytes"] as const;

export class UnitTable {
  private columns: Record<(typeof COLUMNS)[number], Int32Array>;
  private flagColumn: Uint8Array;
  private count = 0;
  /** Pointers and tools by index: `/payload` and `` (a whole record's payload) are nearly all the pointers. */
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  constructor(capacity = 1024) {
    this.columns = Object.fromEntries(COLUMNS.map((name) => [name, new Int32Array(capacity)])) as UnitTable["columns"];
    this.flagColumn = new Uint8Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(row: UnitRow): number {
    if (this.count === this.flagColumn.length) this.grow();
    const at = this.count;
    for (const name of COLUMNS) this.columns[name][at] = name === "pointer" || name === "tool" ? this.stringId(row[name]) : row[name];
    this.flagColumn[at] = row.flags;
    this.count += 1;
    return at;
  }

  /** Keeps the first `length` rows (a reset keeps none, a rollback the rows before the turns it drops). */
  truncate(length: number): void {
    this.count = Math.min(this.count, Math.max(0, length));
  }

  record(row: number): number {
    return this.columns.record[row] as number;
  }
  line(row: number): number {
    return this.columns.line[row] as number;
  }
  column(row: number): number {
    return this.columns.column[row] as number;
  }
  flags(row: number): number {
    return this.flagColumn[row] as number;
  }
  pointer(row: number): string {
    return this.strings[this.columns.pointer[row] as number] as string;
  }
  tool(row: number): string | undefined {
    return this.strings[this.columns.tool[row] as number];
  }
  /** A row as pushed. */
  row(row: number): UnitRow {
    return { record: this.record(row), line: this.line(row), column: this.column(row), flags: this.flags(row), pointer: this.pointer(row), idHash: this.idHash(row), callIdHash: this.callIdHash(row), tool: this.tool(row), bytes: this.bytes(row, true), rawBytes: this.bytes(row, false) };
  }
  idHash(row: number): number {
    return this.columns.idHash[row] as number;
  }
  callIdHash(row: number): number {
    return this.columns.callIdHash[row] as number;
  }
  bytes(row: number, asClient: boolean): number {
    return this.columns[asClient ? "bytes" : "rawBytes"][row] as number;
  }

  private stringId(text: string | undefined): number {
    if (text === undefined) return -1;
    let id = this.stringIndex.get(text);
    if (id === undefined) {
      id = this.strings.push(text) - 1;
      this.stringIndex.set(text, id);
    }
    return id;
  }

  private grow(): void {
    const capacity = this.flagColumn.length * 2;
    for (const name of COLUMNS) {
      const wider = new Int32Array(capacity);
      wider.set(this.columns[name]);
      this.columns[name] = wider;
    }
    const flags = new Uint8Array(capacity);
    flags.set(this.flagColumn);
    this.flagColumn = flags;
  }
}

/** The FNV-1a hash of a string's UTF-16 code units (0 for none): equal strings, equal hashes. */
export function stringHash(text: string | undefined): number {
  if (text === undefined) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 1;
}
