// Which other processes hold a file open for writing. A rename cannot save what they write next:
// it lands in the old file, which the rename has unlinked. Linux tells through /proc; elsewhere the
// list is empty, and the README says so.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface OpenWriter {
  pid: number;
  /** The process's command name (`/proc/<pid>/comm`). */
  command: string;
}

/** The access mode bits of `open(2)` flags: O_WRONLY is 1, O_RDWR is 2. */
const ACCESS_MODE = 0o3;

function writesTo(pid: string, fd: string): boolean {
  try {
    const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8");
    const flags = /^flags:\s*([0-7]+)/m.exec(info);
    return flags !== null && (parseInt(flags[1] as string, 8) & ACCESS_MODE) !== 0;
  } catch {
    return false;
  }
}

/** Processes other than this one with `realPath` (a resolved path) open for writing. */
export function openWriters(realPath: string): OpenWriter[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const writers: OpenWriter[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    const holds = fds.some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === realPath && writesTo(pid, fd);
      } catch {
        return false;
      }
    });
    if (holds) writers.push({ pid: Number(pid), command: commandOf(pid) });
  }
  return writers;
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}
