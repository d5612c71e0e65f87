import { describe, expect, it } from "vitest";
import { commandOf, registrarsFor } from "./program.js";
import { runCli } from "./testing/harness.js";

describe("lazy commands", () => {
  it("finds the subcommand past global options and the value of --plugin", () => {
    expect(commandOf(["--plugin", "run", "eval", "x"])).toBe("eval");
    expect(commandOf(["--debug", "run", "a.png"])).toBe("run");
    expect(commandOf(["--help"])).toBeUndefined();
  });

  it("loads no lazy command for run, only its own for one, and all for help", async () => {
    expect(await registrarsFor(["run", "a.png", "--agent", "knn"])).toHaveLength(0);
    expect(await registrarsFor(["plugins"])).toHaveLength(0);
    expect(await registrarsFor(["train", "a.png"])).toHaveLength(1);
    expect(await registrarsFor(["--help"])).toHaveLength(3);
    expect(await registrarsFor(["no-such-command"])).toHaveLength(3);
  });

  it("still lists every command in the help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const name of ["run", "plugins", "dashboard", "eval", "train", "apply"])
      expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });
});
