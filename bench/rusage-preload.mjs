// Preloaded (`node --import`) into a measured process: at exit it writes the process's own peak RSS
// and CPU time to the file named by HISTLINT_BENCH_RUSAGE, so the bench reads them without `time`.
// A process the bench stops after a window (SIGTERM, SIGINT) writes them too before it exits.
import { readFileSync, writeFileSync } from "node:fs";

/**
 * The process's own peak RSS in KB: VmHWM, where Linux has it. maxRSS would also count the bench's own
 * memory at the fork, since Linux carries the high-water mark across exec.
 */
function peakKb(maxRss) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]) || maxRss;
  } catch {
    return maxRss;
  }
}

const target = process.env.HISTLINT_BENCH_RUSAGE;
if (target) {
  const write = () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: peakKb(usage.maxRSS), userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime }));
  };
  process.on("exit", write);
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(signal === "SIGTERM" ? 143 : 130));
}
