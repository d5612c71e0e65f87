import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { workerExecArgv } from "./worker-argv.js";

/** Starts a worker that posts one message, with the given execArgv; resolves with the message. */
function ping(execArgv: string[] | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker("require('node:worker_threads').parentPort.postMessage('ok')", {
      eval: true,
      execArgv,
    });
    w.once("message", (m) => {
      void w.terminate();
      resolve(m);
    });
    w.once("error", reject);
  });
}

describe("workerExecArgv", () => {
  it("drops export conditions in every spelling, and V8 options with them; keeps Node's flags", () => {
    expect(
      workerExecArgv([
        "--conditions",
        "@colorize/source",
        "--max-old-space-size=4096",
        "-C",
        "x",
        "--conditions=y",
        "--enable-source-maps",
        "--maglev",
        "--require",
        "./setup.cjs",
        "--stack-size",
        "900",
      ]),
    ).toEqual(["--enable-source-maps", "--require", "./setup.cjs"]);
  });

  it("lets the worker inherit when there is no condition to drop, so V8 flags never break a worker", async () => {
    expect(workerExecArgv(["--max-old-space-size=4096", "--maglev"])).toBeUndefined();
    expect(await ping(workerExecArgv(["--max-old-space-size=4096", "--maglev"]))).toBe("ok");
    expect(await ping(workerExecArgv(["--conditions=x", "--max-old-space-size=4096", "--maglev"]))).toBe(
      "ok",
    );
  });
});
