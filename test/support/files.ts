// Helpers the tests share: temporary files, reading records, building histories from fixtures.
import { readHistory } from "../../src/clients/index.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectItems, detectFormat, readRecords, type FormatAdapter, type Item, type RawRecord, type ReadProblem } from "../../src/index.js";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "histlint-test-"));
}

export function tempFile(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

export function read(content: string | Buffer): { records: RawRecord[]; problems: ReadProblem[] } {
  const buffer = typeof content === "string" ? Buffer.from(content) : content;
  const records: RawRecord[] = [];
  const problems: ReadProblem[] = [];
  for (const event of readRecords({ buffer })) {
    if (event.record) records.push(event.record);
    else problems.push(event.problem);
  }
  return { records, problems };
}

export function historyOf(path: string, adapter?: FormatAdapter): { adapter: FormatAdapter; items: Item[] } {
  const buffer = readFileSync(path);
  const { records } = read(buffer);
  const chosen = adapter ?? detectFormat(records.slice(0, 8).map((record) => record.value));
  if (!chosen) throw new Error(`no format detected for ${path}`);
  const items = collectItems(readHistory(chosen.name, records, { bytes: buffer }).events);
  return { adapter: chosen, items };
}

/** Text of a message item, for short assertions. */
export function textOf(item: Item | undefined): string | undefined {
  return item?.type === "message" ? item.content.map((part) => part.text ?? "").join("") : undefined;
}
