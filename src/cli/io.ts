// What a command reads and writes: the process's streams, or a test's.
import { readFileSync } from "node:fs";

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Buffer;
  isTty: boolean;
  cwd: string;
  version: string;
}

export function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}
