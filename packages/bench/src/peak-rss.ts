/**
 * Preloaded (`node --import`) into a process the bench measures from outside, such as
 * `colorize run`: at exit it writes the process's peak resident set size, in KiB (worker threads
 * included: they share the process), to the file named by COLORIZE_BENCH_RSS_FILE. Linux's
 * VmHWM is read first: getrusage's maxRSS carries the spawning process's RSS across fork and
 * exec, so alone it would report the bench's own size as a floor.
 */
import { readFileSync, writeFileSync } from "node:fs";

function peakKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}

const file = process.env.COLORIZE_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(peakKiB())));
