import { labelObjective } from "../model/label-objective.js";
import { type ModelAgentState, modelAgent } from "../model/model-agent.js";
import { modelSpec } from "../model/model-params.js";
import type { ParamSchema } from "../params.js";
import { agentFactory, definePlugin, type Plugin } from "../plugin.js";

/**
 * The smallest complete model plugin: core's model agent with the softmax label objective over
 * the palette, for the parameter schema given (build it with `modelParamSchema`). Tests use it
 * to run the conformance kit on a configuration of the shared model machinery.
 */
export function labelModelPlugin(name: string, params: ParamSchema, summary: string): Plugin {
  const version = "0.0.0";
  return definePlugin({
    meta: { name, version, kind: "model", description: { summary } },
    capabilities: { output: "label", backends: ["js"], gradients: true, iterative: true },
    params,
    ...agentFactory<ModelAgentState>(
      name,
      params,
      (config, state) =>
        modelAgent(
          {
            plugin: name,
            version,
            config,
            ...modelSpec(config),
            objective: (p, s) => labelObjective(p, {}, s),
          },
          state,
        ),
      version,
    ),
  });
}
