// Preloaded (`node --import`) into a measured process: at exit it writes the process's own peak RSS
// and CPU time to the file named by HISTLINT_BENCH_RUSAGE, so the bench reads them without `time`.
import { writeFileSync } from "node:fs";

const target = process.env.HISTLINT_BENCH_RUSAGE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime }));
  });
}
