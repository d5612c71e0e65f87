import { describe, expect, it } from "vitest";
import { workerExecArgv } from "./worker-argv.js";

describe("workerExecArgv", () => {
  it("drops export conditions in every spelling and keeps other flags", () => {
    expect(
      workerExecArgv([
        "--conditions",
        "@colorize/source",
        "--max-old-space-size=4096",
        "-C",
        "x",
        "--conditions=y",
        "--enable-source-maps",
      ]),
    ).toEqual(["--max-old-space-size=4096", "--enable-source-maps"]);
  });
});
