import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "@colorize/image-io";
import { loadPluginFrom } from "@colorize/runtime";
import { syntheticImage, writeFixturePlugin } from "@colorize/runtime/testing";
import type { EvalAgent } from "../evaluate.js";

/**
 * A temp folder with two small synthetic PNG photographs, `a.png` (40x24) and `b.png` (36x20).
 * The caller removes `dir` (it is removed here if writing the pictures fails).
 */
export function writeImages(): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "colorize-eval-img-"));
  try {
    writeFileSync(join(dir, "a.png"), encodePng(syntheticImage(40, 24, 1)));
    writeFileSync(join(dir, "b.png"), encodePng(syntheticImage(36, 20, 2)));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, paths: [join(dir, "a.png"), join(dir, "b.png")] };
}

/**
 * The basic agent and the fixture agent (twice: plain and shifted, to tell them apart). The caller
 * removes `fixtureDir`, the fixture plugin's temp folder (it is removed here if loading fails).
 */
export async function testAgents(): Promise<{ agents: EvalAgent[]; fixtureDir: string }> {
  const fixture = writeFixturePlugin({ epochs: 4 });
  try {
    const fx = await loadPluginFrom(fixture.dir);
    // The basic agent from its package folder (its built entry), independent of other plugins' state.
    const knn = await loadPluginFrom(fileURLToPath(new URL("../../../plugin-knn", import.meta.url)));
    return {
      agents: [{ loaded: knn }, { loaded: fx }, { loaded: fx, label: "shifted", config: { shift: 20 } }],
      fixtureDir: fixture.dir,
    };
  } catch (err) {
    fixture.dispose();
    throw err;
  }
}
