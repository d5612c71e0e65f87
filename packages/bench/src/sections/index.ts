import { backendsSection } from "../backends.js";
import type { Section } from "../harness.js";
import { computeSection } from "./compute.js";
import { knnSection } from "./knn.js";
import { trainingSection } from "./training.js";

/** Every section, in the order `pnpm bench` runs them. Add a section here to run it. */
export const sections: readonly Section[] = [knnSection, computeSection, backendsSection, trainingSection];
