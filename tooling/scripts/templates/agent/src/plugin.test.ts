import { describePlugin } from "@colorize/core/testing";
import plugin from "./index.js";

describePlugin(plugin);
