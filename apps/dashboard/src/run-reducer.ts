import type { EngineEvent } from "@colorize/runtime";
import type { AgentRow, RunState } from "./state.js";

/** A run about to start: one queued row per agent. */
export function newRun(options: {
  imagePath: string;
  agents: readonly string[];
  k: number;
  seed: number;
  basic?: string;
  at: number;
}): RunState {
  return {
    imagePath: options.imagePath,
    k: options.k,
    seed: options.seed,
    basic: options.basic,
    baselines: {},
    agents: options.agents.map((name) => ({
      name,
      status: "queued",
      fraction: 0,
      trainLosses: [],
      validLosses: [],
    })),
    startedAt: options.at,
    status: "running",
    outputs: {},
  };
}

function updateRow(run: RunState, name: string, change: (row: AgentRow) => AgentRow): RunState {
  let found = false;
  const agents = run.agents.map((row) => {
    if (row.name !== name) return row;
    found = true;
    return change(row);
  });
  // An agent the plan did not announce still gets a row: the view never drops an event.
  if (!found) agents.push(change({ name, status: "queued", fraction: 0, trainLosses: [], validLosses: [] }));
  return { ...run, agents };
}

/**
 * Folds one engine event, received at `at` (ms), into the run. Pure: the same events at the same
 * times give the same state, which is what the frame tests rely on.
 */
export function foldEvent(run: RunState, event: EngineEvent, at: number): RunState {
  switch (event.type) {
    case "start":
      return { ...run, image: event.image };
    case "split":
      return {
        ...run,
        split: {
          column: event.column,
          trainWidth: event.trainWidth,
          testWidth: event.testWidth,
          validationColumns: event.validationColumns,
        },
      };
    case "palette":
      return { ...run, palette: event.palette };
    case "baseline":
      return { ...run, baselines: { ...run.baselines, [event.name]: event.metrics } };
    case "agent-start":
      return updateRow(run, event.agent, (r) => ({ ...r, status: "running", startedAt: at, fraction: 0 }));
    case "progress":
      return updateRow(run, event.agent, (r) =>
        // Once epochs are reported they measure progress; later stages (predict) only name the stage.
        r.epochs !== undefined
          ? { ...r, stage: event.stage }
          : { ...r, stage: event.stage, fraction: event.fraction },
      );
    case "epoch":
      return updateRow(run, event.agent, (r) => ({
        ...r,
        stage: "train",
        epoch: event.epoch,
        epochs: event.epochs,
        fraction: event.epochs > 0 ? event.epoch / event.epochs : r.fraction,
        trainLoss: event.trainLoss,
        validMetric: event.validMetric ?? r.validMetric,
        metric: event.metric ?? r.metric,
        trainLosses: [...r.trainLosses, event.trainLoss],
        validLosses: event.validLoss === undefined ? r.validLosses : [...r.validLosses, event.validLoss],
      }));
    case "log":
      return updateRow(run, event.agent, (r) => ({ ...r, message: event.message }));
    case "result":
      return updateRow(run, event.result.name, (r) => ({
        ...r,
        status: "done",
        fraction: 1,
        stage: undefined,
        endedAt: at,
        result: event.result,
      }));
    case "error":
      return updateRow(run, event.agent, (r) => ({
        ...r,
        status: event.cancelled ? "cancelled" : "failed",
        stage: undefined,
        endedAt: at,
        message: event.message,
      }));
    case "done":
      return { ...run, status: "done", endedAt: at };
    default:
      return run;
  }
}

/** The row that is running now, if any. */
export function runningRow(run: RunState | undefined): AgentRow | undefined {
  return run?.agents.find((r) => r.status === "running");
}
