import { removeTemporaryFiles } from "@colorize/image-io";
import type { Streams } from "./io.js";

/** The signals a command stops on, with the exit code each gives (128 + the signal's number). */
export const INTERRUPT_EXIT: Readonly<Record<InterruptSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export type InterruptSignal = "SIGINT" | "SIGTERM";

/** How long a command may take to unwind after the first signal before the process exits anyway. */
export const UNWIND_MS = 10_000;

/** A command's view of Ctrl-C and SIGTERM while {@link trapInterrupts} is in force. */
export interface InterruptTrap {
  /**
   * Aborted on the first SIGINT or SIGTERM: workers end, nothing more is written. Reading it tells
   * the trap that the command unwinds on it; until then a signal ends the process at once.
   */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  received(): InterruptSignal | undefined;
  /** Stops listening (the command is over). */
  dispose(): void;
}

let current: InterruptTrap | undefined;

/**
 * The abort signal of the trap in force, for a command to hand to its work (undefined outside one).
 * A command that takes it must stop when it aborts, and write nothing after that.
 */
export function interruptSignal(): AbortSignal | undefined {
  return current?.signal;
}

/**
 * Listens for SIGINT and SIGTERM while a command runs. When the command has taken the trap's signal
 * (see {@link interruptSignal}), the first one aborts it so the command unwinds: agents and worker
 * threads stop, atomic writes under way finish or remove their temporary files, nothing new is
 * written, and the caller exits with {@link INTERRUPT_EXIT}. A command that has not taken it, one
 * that has not unwound within `unwindMs`, and any second signal end the process at once, after
 * removing the temporary files of writes under way: 130 for SIGINT, 143 for SIGTERM.
 */
export function trapInterrupts(io: Streams, unwindMs = UNWIND_MS): InterruptTrap {
  const controller = new AbortController();
  let taken = false;
  let received: InterruptSignal | undefined;
  let timer: NodeJS.Timeout | undefined;
  const exitNow = (signal: InterruptSignal, why: string) => {
    const removed = removeTemporaryFiles();
    const note = removed.length > 0 ? `; removed ${removed.length} temporary file(s)` : "";
    io.err.write(`colorize: ${why}${note}\n`);
    process.exit(INTERRUPT_EXIT[signal]);
  };
  const on = (signal: InterruptSignal) => () => {
    if (received !== undefined) {
      exitNow(received, `${signal} again: stopping at once`);
      return;
    }
    if (!taken) exitNow(signal, `interrupted by ${signal}`);
    received = signal;
    controller.abort();
    timer = setTimeout(() => exitNow(signal, `still stopping after ${unwindMs / 1000} s: exiting`), unwindMs);
    timer.unref();
  };
  const handlers = { SIGINT: on("SIGINT"), SIGTERM: on("SIGTERM") };
  process.on("SIGINT", handlers.SIGINT);
  process.on("SIGTERM", handlers.SIGTERM);
  const trap: InterruptTrap = {
    get signal() {
      taken = true;
      return controller.signal;
    },
    received: () => received,
    dispose() {
      process.off("SIGINT", handlers.SIGINT);
      process.off("SIGTERM", handlers.SIGTERM);
      if (current === trap) current = undefined;
    },
  };
  current = trap;
  return trap;
}

/** The line and exit code of a command that stopped on a signal. */
export function interrupted(trap: InterruptTrap, io: Streams): number {
  const signal = trap.received() ?? "SIGINT";
  io.err.write(`colorize: interrupted by ${signal}\n`);
  return INTERRUPT_EXIT[signal];
}
