import { describe, it } from "vitest";
import type { Plugin } from "../plugin.js";
import {
  checkAbort,
  checkDefaults,
  checkDeterminism,
  checkNoLeak,
  checkOutput,
  checkProgress,
  checkRoundTrip,
  type KitOptions,
} from "./checks.js";

/**
 * The plugin conformance suite. Call it at the top level of a test file:
 *
 * ```ts
 * import { describePlugin } from "@colorize/core/testing";
 * import plugin from "./index.js";
 * describePlugin(plugin);
 * ```
 *
 * It runs the whole pipeline on small synthetic scenes and checks that the defaults parse, the
 * same seed gives identical output, output shapes and ranges, a JSON save and restore round
 * trip, progress events, that an AbortSignal is honoured, and that no right-half colour reaches
 * the prediction. `options.config` sets parameters for every check (e.g. fewer epochs).
 */
export function describePlugin(plugin: Plugin, options: KitOptions = {}): void {
  describe(`${plugin.meta.name} conformance`, () => {
    it("parses its defaults and refuses unknown parameters", () => checkDefaults(plugin));
    it("gives identical output for the same seed", () => checkDeterminism(plugin, options));
    it("predicts 8-bit colours (and palette labels) for every test pixel", () =>
      checkOutput(plugin, options));
    it("restores from a JSON snapshot and predicts identically", () => checkRoundTrip(plugin, options));
    it("reports progress", () => checkProgress(plugin, options));
    it("honours an AbortSignal", () => checkAbort(plugin, options));
    it("never sees the right half's colours", () => checkNoLeak(plugin, options));
  });
}
