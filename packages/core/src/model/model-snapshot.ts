import { type Kernels, referenceKernels } from "../kernels.js";
import type { Palette } from "../palette.js";
import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import type { Member } from "./ensemble.js";
import { type FeatureStateJson, featureStateFromJson, featureStateToJson } from "./features.js";
import type { NetworkFactory } from "./network.js";
import type { Objective, ObjectiveFactory } from "./objective.js";

/** One fitted network of an ensemble: its feature transform and parameters. */
export interface MemberState {
  readonly features: FeatureStateJson;
  readonly params: EncodedArray;
}

/**
 * The saved state of a fitted model agent: the first member's features and parameters at the top
 * level (so a one-network snapshot reads as before), the other members in `members`, the palette
 * and the objective's decoding state.
 */
export interface ModelAgentState {
  readonly features: FeatureStateJson;
  readonly params: EncodedArray;
  readonly palette: EncodedArray;
  readonly objective?: unknown;
  readonly members?: readonly MemberState[];
  /** The members' mean disagreement over the validation strip (the novelty rule's yardstick). */
  readonly stripSpread?: number;
}

/** A fitted model: what prediction needs and a snapshot holds. */
export interface FittedModel {
  readonly palette: Palette;
  readonly objective: Objective;
  readonly members: readonly Member[];
  /** The kernels its networks run on. */
  readonly kernels: Kernels;
  /** The members' mean disagreement over the validation strip; 0 when unknown. */
  readonly stripSpread: number;
}

/** The state of a fitted model, as JSON-friendly values. */
export function saveModel(model: FittedModel): ModelAgentState {
  const [first, ...rest] = model.members.map((m) => ({
    features: featureStateToJson(m.features),
    params: encodeArray(m.net.params),
  }));
  return {
    ...first,
    palette: encodeArray(model.palette.colors),
    objective: model.objective.state?.(),
    ...(rest.length > 0 ? { members: rest } : {}),
    ...(model.stripSpread > 0 ? { stripSpread: model.stripSpread } : {}),
  };
}

/**
 * Restores {@link saveModel}'s state with the configured networks on `kernels` (default: core's
 * float64 loops), refusing (with a one-line RangeError) a state of another number of networks or
 * of networks of another size.
 */
export function loadModel(
  saved: ModelAgentState,
  count: number,
  network: NetworkFactory,
  objectiveOf: ObjectiveFactory,
  kernels: Kernels = referenceKernels(),
): FittedModel {
  const colors = decodeArray(saved.palette) as Uint8Array;
  const palette = { size: colors.length / 3, colors };
  const objective = objectiveOf(palette, saved.objective);
  const states: MemberState[] = [
    { features: saved.features, params: saved.params },
    ...(saved.members ?? []),
  ];
  if (states.length !== count) {
    throw new RangeError(`snapshot holds ${states.length} networks; the configuration asks for ${count}`);
  }
  const members = states.map((st) => {
    const features = featureStateFromJson(st.features);
    const net = network(features.dim, objective, kernels);
    const params = decodeArray(st.params) as Float64Array;
    if (params.length !== net.params.length) {
      throw new RangeError(
        `snapshot holds ${params.length} parameters; the configured network has ${net.params.length}`,
      );
    }
    net.params.set(params);
    return { features, net };
  });
  const spread = saved.stripSpread ?? 0;
  if (!(Number.isFinite(spread) && spread >= 0))
    throw new RangeError(`snapshot's stripSpread must be a number >= 0, got ${String(saved.stripSpread)}`);
  return { palette, objective, members, kernels, stripSpread: spread };
}

/** The same fitted model with its networks rebuilt on `kernels` (the parameters copied). */
export function onKernels(model: FittedModel, network: NetworkFactory, kernels: Kernels): FittedModel {
  const members = model.members.map(({ features, net }) => {
    const moved = network(features.dim, model.objective, kernels);
    moved.params.set(net.params);
    return { features, net: moved };
  });
  return { ...model, members, kernels };
}
