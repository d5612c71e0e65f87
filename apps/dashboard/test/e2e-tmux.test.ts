import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "@colorize/image-io";
import { syntheticImage, writeFixturePlugin } from "@colorize/runtime/testing";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const bin = join(root, "apps", "cli", "dist", "bin.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
// CI installs tmux (.ci/run), so there a missing tmux is a failure, not a skip.
const skip = !hasTmux && !process.env.CI;
if (skip) console.warn("e2e-tmux: skipped because tmux is not installed (apt-get install tmux)");

const socket = `colorize-e2e-${process.pid}`;
const tmux = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", "dash").stdout ?? "";
const alive = () => tmux("has-session", "-t", "dash").status === 0;

/** Polls the screen every 50 ms until `text` appears; fails after `seconds` with the last screen. */
async function waitFor(text: string | RegExp, seconds = 30): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const s = screen();
    if (typeof text === "string" ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > deadline)
      throw new Error(`"${text}" did not appear within ${seconds} s; the screen was:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip)("colorize dashboard in a real terminal (tmux)", () => {
  const dir = mkdtempSync(join(tmpdir(), "colorize-dashboard-e2e-"));
  const slow = writeFixturePlugin({ name: "@colorize/plugin-slow", epochs: 2000, epochMs: 10 });
  const quick = writeFixturePlugin({ name: "@colorize/plugin-quick", epochs: 3 });
  afterAll(() => {
    tmux("kill-server");
    rmSync(dir, { recursive: true, force: true });
    for (const p of [slow, quick]) rmSync(p.dir, { recursive: true, force: true });
  });

  it("runs, cancels an agent on its worker, shows the scores by itself, saves and quits", async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (pnpm build)`);
    writeFileSync(join(dir, "small.png"), encodePng(syntheticImage(48, 24, 5)));
    const plugins = [slow, quick].map((p) => `--plugin ${JSON.stringify(p.dir)}`).join(" ");
    const command = `node ${JSON.stringify(bin)} ${plugins} dashboard small.png --agent slow,knn,quick --out-dir out`;
    const started = tmux("new-session", "-d", "-s", "dash", "-x", "100", "-y", "30", "-c", dir, command);
    expect(started.status, started.stderr).toBe(0);

    await waitFor("Start run (3 agents)");
    // The form can be drawn a moment before the terminal is in raw mode (on a loaded machine), and
    // a key sent then is lost: press Enter until the run screen shows; Enter does nothing there.
    for (let tries = 0; ; tries++) {
      tmux("send-keys", "-t", "dash", "Enter");
      try {
        await waitFor(/agent +progress/, 3);
        break;
      } catch (err) {
        if (tries >= 5) throw err;
      }
    }
    // Agents run in plugin order: knn, quick, then slow, which trains on a worker thread while the
    // screen keeps updating.
    await waitFor(/› slow .* \d+\/2000/);
    tmux("send-keys", "-t", "dash", "c");
    // No key is pressed after the run: the score table comes to the front with the verdict, the
    // best row marked, and the keys of the other panes on the help line.
    // Ink redraws by erasing and rewriting its lines, so a capture can catch a frame half drawn:
    // wait for the verdict and the help line below it together, then read that one whole frame.
    const scores = await waitFor(/ΔE2000 \d+\.\d\d, .*basic agent[\s\S]*q quit/);
    expect(scores).toMatch(/colorize · small\.png 48×24 · split at 24 · k 5 · seed 0 +done in/);
    expect(scores).toMatch(/slow .*cancelled/);
    expect(scores).toContain("[3 scores]");
    expect(scores).toContain("palette-ceiling");
    expect(scores).toMatch(/^(knn|quick) ✓ best /m);
    expect(scores).toMatch(/1 loss · 2 preview · .* q quit/);
    tmux("send-keys", "-t", "dash", "2");
    await waitFor("knn output");
    tmux("send-keys", "-t", "dash", "s");
    await waitFor("saved 2 images and results.json in");

    // The saved folder holds exactly what `colorize run --json` reports for the same image, and the agent.
    const [folder] = readdirSync(join(dir, "out"));
    expect(folder).toMatch(/^small-\d{8}-\d{6}$/);
    expect(readdirSync(join(dir, "out", folder)).sort()).toEqual([
      "knn.agent.json",
      "knn.png",
      "quick.agent.json",
      "quick.png",
      "results.json",
    ]);
    const saved = JSON.parse(readFileSync(join(dir, "out", folder, "results.json"), "utf8"));
    const cli = JSON.parse(
      execFileSync("node", [bin, "run", "small.png", "--agent", "knn", "--json", "--out", "cli.png"], {
        cwd: dir,
        encoding: "utf8",
      }),
    );
    expect(saved.agents.map((a: { name: string }) => a.name)).toEqual(["knn", "quick"]);
    expect(saved.agents[0].metrics).toEqual(cli.agents[0].metrics);
    expect(saved.baselines).toEqual(cli.baselines);
    expect(saved.palette).toEqual(cli.palette);
    expect(saved.errors).toEqual([{ agent: "slow", message: "cancelled", cancelled: true }]);
    expect(readFileSync(join(dir, "out", folder, "knn.png"))).toEqual(readFileSync(join(dir, "cli.png")));
    // The table on screen shows the same accuracy, to the CLI's three decimals.
    expect(scores).toMatch(new RegExp(`knn( ✓ best)? +${cli.agents[0].metrics.labelAccuracy.toFixed(3)}`));

    tmux("send-keys", "-t", "dash", "q");
    const deadline = Date.now() + 10_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });
});
