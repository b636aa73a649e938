// The bare loop the lint is measured against: read the file in chunks, split on newlines, JSON.parse each line.
import { closeSync, openSync, readSync } from "node:fs";

export function bareParse(path: string): number {
  const fd = openSync(path, "r");
  const scratch = Buffer.allocUnsafe(1 << 20);
  let carry = "";
  let records = 0;
  try {
    for (let read = readSync(fd, scratch); read > 0; read = readSync(fd, scratch)) {
      const lines = (carry + scratch.toString("utf8", 0, read)).split("\n");
      carry = lines.pop() ?? "";
      for (const line of lines) if (line.length > 0 && JSON.parse(line) !== undefined) records += 1;
    }
    if (carry.length > 0 && JSON.parse(carry) !== undefined) records += 1;
  } finally {
    closeSync(fd);
  }
  return records;
}
