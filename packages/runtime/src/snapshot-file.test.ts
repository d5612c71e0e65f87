import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeArray, type EncodedArray, encodeArray } from "@colorize/core";
import { describe, expect, it, onTestFinished } from "vitest";
import { discoverPlugins, type LoadedPlugin } from "./discovery.js";
import {
  parseSnapshot,
  readSnapshotFile,
  restoreSnapshot,
  SNAPSHOT_FORMAT,
  type SnapshotDocument,
  snapshotText,
} from "./snapshot-file.js";
import { syntheticImage } from "./testing/index.js";
import { snapshotDocument, trainAgent, trainingTask } from "./train-agent.js";

const plugins = await discoverPlugins({ onProblem: () => {} });
const byShort = (s: string) => plugins.find((p) => p.short === s)!;
const image = syntheticImage(30, 16, 2);

async function trainedDoc(
  loaded: LoadedPlugin,
  config: Record<string, unknown> = {},
): Promise<SnapshotDocument> {
  const task = trainingTask(image, { k: 4, seed: 1 });
  const t = await trainAgent(loaded, task, { seed: 1, config });
  return snapshotDocument(t.agent.toJSON(), {
    output: loaded.plugin.capabilities.output,
    image,
    imagePath: "/some/folder/street.png",
    task,
    seed: 1,
    fit: t.fit,
    metrics: { strip: t.strip },
  });
}

const knnDoc = await trainedDoc(byShort("knn"));
const logregDoc = await trainedDoc(byShort("logreg"), { epochs: 2 });

/** A copy of a document, changed by `edit`, written with a valid checksum (as a buggy writer would). */
function edited(doc: SnapshotDocument, edit: (d: any) => void): SnapshotDocument {
  const copy = JSON.parse(JSON.stringify(doc));
  edit(copy);
  return copy;
}

const reason = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "accepted";
};
const restoreReason = (doc: SnapshotDocument, list: readonly LoadedPlugin[] = plugins) =>
  reason(() => restoreSnapshot(parseSnapshot(snapshotText(doc), "a.json"), list, "a.json"));

describe("snapshot files", () => {
  it("record the plugin, configuration, palette, training photograph, seed and strip scores", () => {
    expect(Object.keys(knnDoc)).toEqual([
      "format",
      "plugin",
      "config",
      "palette",
      "seed",
      "training",
      "metrics",
      "fit",
      "agent",
    ]);
    expect(knnDoc.format).toBe(SNAPSHOT_FORMAT);
    expect(knnDoc.plugin).toEqual({ name: "@colorize/plugin-knn", version: "0.1.0", output: "label" });
    expect(knnDoc.palette).toHaveLength(4);
    expect(knnDoc.training).toMatchObject({
      image: "street.png",
      width: 30,
      height: 16,
      region: "all",
      columns: [0, 30],
      validationColumns: 3,
      palette: { source: "kmeans", k: 4 },
    });
    expect(knnDoc.training.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(knnDoc.metrics.strip ?? {})).toContain("deltaE2000");
  });

  it("read back as written, and the same training writes the same bytes", async () => {
    const text = snapshotText(logregDoc);
    expect(JSON.stringify(parseSnapshot(text, "a.json"))).toBe(
      JSON.stringify(logregDoc, (_k, v) => (v === Infinity ? null : v)),
    );
    expect(snapshotText(await trainedDoc(byShort("logreg"), { epochs: 2 }))).toBe(text);
  });

  it("refuse a truncated file, whatever byte it ends at", () => {
    const text = snapshotText(knnDoc);
    for (const end of [1, 40, Math.floor(text.length / 2), text.length - 3]) {
      expect(reason(() => parseSnapshot(text.slice(0, end), "a.json"))).toBe(
        "SnapshotError: a.json: truncated agent snapshot (the file ends before its JSON does)",
      );
    }
  });

  it("refuse what is not a snapshot, and a snapshot of another format", () => {
    expect(reason(() => parseSnapshot("hello", "a.json"))).toMatch(
      /a\.json: not an agent snapshot \(not JSON\)/,
    );
    expect(reason(() => parseSnapshot('{"schema":"colorize-eval/1"}', "a.json"))).toMatch(
      /not an agent snapshot/,
    );
    const next = snapshotText(edited(knnDoc, (d) => (d.format = "colorize-agent/2")));
    expect(reason(() => parseSnapshot(next, "a.json"))).toMatch(
      /format colorize-agent\/2 is not the colorize-agent\/1/,
    );
  });

  it("refuse a corrupt file: one changed character of the state, or of the scores", () => {
    const text = snapshotText(knnDoc);
    const at = text.indexOf('"base64":"') + 20;
    const flipped = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    expect(reason(() => parseSnapshot(flipped, "a.json"))).toBe(
      "SnapshotError: a.json: corrupt agent snapshot (its checksum does not match its contents)",
    );
    const noSum = text.replace(/,"checksum":"[^"]*"/, "");
    expect(reason(() => parseSnapshot(noSum, "a.json"))).toMatch(/checksum is missing/);
  });

  it("refuse a snapshot of another plugin version, and restore one of another patch version", () => {
    const older = edited(knnDoc, (d) => {
      d.plugin.version = "0.0.9";
      d.agent.version = "0.0.9";
    });
    expect(restoreReason(older)).toBe(
      "SnapshotError: a.json: the agent was saved by @colorize/plugin-knn 0.0.9; the installed 0.1.0 cannot restore it; train it again",
    );
    const patch = edited(knnDoc, (d) => {
      d.plugin.version = "0.1.7";
      d.agent.version = "0.1.7";
    });
    expect(restoreReason(patch)).toBe("accepted");
    const mixed = edited(knnDoc, (d) => (d.agent.version = "0.0.9"));
    expect(reason(() => parseSnapshot(snapshotText(mixed), "a.json"))).toMatch(
      /invalid agent snapshot \(agent is of/,
    );
  });

  it("refuse a plugin that is not installed, and one without restore, in one line", () => {
    const other = edited(knnDoc, (d) => {
      d.plugin.name = "@colorize/plugin-nope";
      d.agent.plugin = "@colorize/plugin-nope";
    });
    expect(restoreReason(other)).toMatch(
      /the agent is of @colorize\/plugin-nope, which is not installed \(found: .*knn/,
    );
    const knn = byShort("knn");
    const noRestore = { ...knn, plugin: { ...knn.plugin, restore: undefined } } as unknown as LoadedPlugin;
    expect(restoreReason(knnDoc, [noRestore])).toBe(
      "SnapshotError: a.json: plugin @colorize/plugin-knn cannot restore agents (it has no restore)",
    );
  });

  it("refuse a palette whose size or colours differ from the agent's", () => {
    expect(restoreReason(edited(knnDoc, (d) => d.palette.pop()))).toBe(
      "SnapshotError: a.json: the palette has 3 colours but the agent was trained with 4",
    );
    expect(restoreReason(edited(logregDoc, (d) => d.palette.push([1, 2, 3])))).toBe(
      "SnapshotError: a.json: the palette has 5 colours but the agent was trained with 4",
    );
    expect(restoreReason(edited(knnDoc, (d) => (d.palette[0] = [1, 2, 3])))).toMatch(
      /the palette's colours are not those the agent was trained with/,
    );
  });

  it("refuse a palette that fits the file but not the model's outputs, and a configuration its schema rejects", () => {
    // Both palettes lose a colour: the logistic regression still has four outputs.
    const smaller = edited(logregDoc, (d) => {
      d.palette.pop();
      const colors = decodeArray(d.agent.state.palette as EncodedArray) as Uint8Array;
      d.agent.state.palette = encodeArray(colors.slice(0, 9));
    });
    expect(restoreReason(smaller)).toMatch(
      /a\.json: the agent cannot be restored \(snapshot holds \d+ parameters/,
    );
    const badConfig = edited(knnDoc, (d) => {
      d.config.neighbours = 0;
      d.agent.config.neighbours = 0;
    });
    expect(restoreReason(badConfig)).toMatch(/a\.json: the agent cannot be restored \(parameter neighbours/);
    const split = edited(knnDoc, (d) => (d.config.neighbours = 5));
    expect(reason(() => parseSnapshot(snapshotText(split), "a.json"))).toMatch(
      /config differs from the agent's own/,
    );
  });

  it("refuse a missing, empty or folder path when reading a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "colorize-snap-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await expect(readSnapshotFile(join(dir, "none.json"))).rejects.toThrow(/none\.json: no such file/);
    writeFileSync(join(dir, "empty.json"), "");
    await expect(readSnapshotFile(join(dir, "empty.json"))).rejects.toThrow(/empty\.json: file is empty/);
    await expect(readSnapshotFile(dir)).rejects.toThrow(/not a file/);
    writeFileSync(join(dir, "ok.json"), snapshotText(knnDoc));
    expect((await readSnapshotFile(join(dir, "ok.json"))).plugin.name).toBe("@colorize/plugin-knn");
  });
});
