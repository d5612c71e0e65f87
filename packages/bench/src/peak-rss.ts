/**
 * Preloaded (`node --import`) into a process the bench measures from outside, such as
 * `colorize run`: at exit it writes the process's peak resident set size, in KiB (worker threads
 * included: they share the process), to the file named by COLORIZE_BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env.COLORIZE_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
