import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../testing/harness.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const SECTION = README.slice(README.indexOf("## Colouring any gray photograph"));

/** The contents of the first fenced block of `kind` in the section. */
function block(kind: string): string[] {
  const start = SECTION.indexOf(`\`\`\`${kind}\n`) + kind.length + 4;
  return SECTION.slice(start, SECTION.indexOf("```", start)).trim().split("\n");
}

/** The cells of a score table's rows, without the timing column (agent, seven metrics). */
const rows = (lines: readonly string[]) => lines.slice(2).map((l) => l.trim().split(/\s+/).slice(0, 8));

describe("the README's example of colorize train and apply", () => {
  it("gives docs/images/apply-result.png byte for byte, and the scores the README shows", async () => {
    const dir = tempDir();
    const commands = block("sh");
    expect(commands).toHaveLength(2);
    let printed = "";
    for (const line of commands) {
      expect(line).toMatch(/^pnpm colorize (train|apply) /);
      const args = line
        .split(/\s+/)
        .slice(2)
        .map((a) => (a.startsWith("docs/") ? resolve(ROOT, a) : a.startsWith("sailing.") ? join(dir, a) : a));
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(0);
      printed = r.stdout;
    }
    const made = readFileSync(join(dir, "sailing.png"));
    expect(made.equals(readFileSync(join(ROOT, "docs/images/apply-result.png")))).toBe(true);
    expect(rows(printed.trim().split("\n"))).toEqual(rows(block("text")));
  }, 300_000);
});
