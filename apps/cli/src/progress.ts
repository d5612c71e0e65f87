import type { EngineEvent } from "@colorize/runtime";

/**
 * Prints engine progress on stderr: a rewritten status line on a terminal, plain lines
 * otherwise (one per agent start and finish), nothing at all in quiet mode.
 */
export function progressPrinter(
  err: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
): (e: EngineEvent) => void {
  const tty = Boolean(err.isTTY) && !process.env.CI;
  let live = false;
  const clear = () => {
    if (live) err.write("\r\x1b[2K");
    live = false;
  };
  let lastDraw = 0;
  return (e) => {
    if (quiet) return;
    switch (e.type) {
      case "agent-start":
        clear();
        err.write(`colorize: ${e.agent} (${e.index + 1}/${e.total}) started\n`);
        break;
      case "progress":
      case "epoch": {
        if (!tty) return;
        const now = Date.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const text =
          e.type === "progress"
            ? `${e.agent}: ${e.stage} ${(e.fraction * 100).toFixed(0)}%`
            : `${e.agent}: epoch ${e.epoch}/${e.epochs} loss ${e.trainLoss.toFixed(4)}${e.validMetric !== undefined ? ` ${e.metric ?? "valid"} ${e.validMetric.toFixed(3)}` : ""}`;
        err.write(`\r\x1b[2K${text}`);
        live = true;
        break;
      }
      case "result":
        clear();
        err.write(
          `colorize: ${e.result.name} finished in ${e.result.seconds.toFixed(2)} s on ${e.result.backend}\n`,
        );
        break;
      case "error":
        clear();
        err.write(`colorize: ${e.agent} ${e.cancelled ? "cancelled" : `failed: ${e.message}`}\n`);
        break;
      case "done":
        clear();
        break;
      default:
        break;
    }
  };
}
