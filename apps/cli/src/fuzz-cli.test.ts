import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CASE_NAME, checkCase, fuzzCase, fuzzMaterial } from "@colorize/image-io/fuzz";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./testing/harness.js";

/** Fuzz cases of the image-io fuzzer (seed 3) taken through `colorize run` itself. */
const DECODED = 6;
const REFUSED = 18;

describe("fuzzed PNG and JPEG files through colorize run", () => {
  it(`${DECODED} that decode are coloured (exit 0); ${REFUSED} that do not give one colorize: line and exit 2`, async () => {
    const material = fuzzMaterial();
    const picked: { name: string; message?: string }[] = [];
    let decoded = 0;
    let refused = 0;
    const dir = tempDir();
    for (let i = 0; decoded + refused < DECODED + REFUSED; i++) {
      const c = fuzzCase(3, i, material);
      const outcome = checkCase(c.bytes);
      if (outcome.kind === "failed") throw new Error(`case ${i}: ${outcome.message}`);
      if (outcome.kind === "decoded" ? decoded >= DECODED : refused >= REFUSED) continue;
      if (outcome.kind === "decoded") decoded++;
      else refused++;
      const name = `case-${i}-${c.seed}`;
      writeFileSync(join(dir, name), c.bytes);
      picked.push({ name, message: outcome.kind === "refused" ? outcome.message : undefined });
    }
    for (const { name, message } of picked) {
      const path = join(dir, name);
      const r = await runCli(["run", path, "--out", `${path}.out.png`, "--json"]);
      if (message === undefined) {
        expect(r.code, `${name}: ${r.stderr}`).toBe(0);
        expect(JSON.parse(r.stdout).output).toBe(`${path}.out.png`);
      } else {
        expect(r.code, name).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe(`colorize: ${path}${message.slice(CASE_NAME.length)}\n`);
      }
    }
    const outputs = readdirSync(dir).filter((f) => f.endsWith(".out.png"));
    expect(outputs).toHaveLength(DECODED);
    expect(readdirSync(dir)).toHaveLength(DECODED * 2 + REFUSED);
  });
});
