#!/usr/bin/env node
// Scaffolds packages/plugin-NAME: a complete, working plugin that passes core's conformance kit.
// usage: pnpm new:plugin NAME [--packages DIR]
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const USAGE =
  "usage: pnpm new:plugin NAME [--packages DIR]  (NAME: lower-case letters, digits and dashes, e.g. gray-lookup)";
const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function fail(message, code = 2) {
  process.stderr.write(`new-plugin: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  let name;
  let packages = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--packages") {
      if (!argv[i + 1]) fail("--packages needs a folder");
      packages = resolve(argv[++i]);
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith("-")) fail(`unknown option ${a}; ${USAGE}`);
    else if (name === undefined) name = a;
    else fail(`one name only; ${USAGE}`);
  }
  if (name === undefined) fail(USAGE);
  const short = name.replace(/^plugin-/, "");
  if (!NAME_RE.test(short) || short.length > 40) {
    fail(
      `"${name}" is not a plugin name: use lower-case letters, digits and single dashes, starting with a letter`,
    );
  }
  return { short, packages };
}

function files(short) {
  const pkg = `@colorize/plugin-${short}`;
  const camel = short.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  return {
    "package.json": `${JSON.stringify(
      {
        name: pkg,
        version: "0.1.0",
        private: true,
        type: "module",
        exports: {
          ".": {
            "@colorize/source": "./src/index.ts",
            types: "./dist/index.d.ts",
            default: "./dist/index.js",
          },
        },
        files: ["dist"],
        scripts: {
          build: "tsc -p tsconfig.build.json",
          typecheck: "tsc -p tsconfig.json --noEmit",
          test: "vitest run",
          lint: "biome check --diagnostic-level=error .",
        },
        dependencies: { "@colorize/core": "workspace:*" },
        devDependencies: {
          "@colorize/tsconfig": "workspace:*",
          "@colorize/vitest-config": "workspace:*",
          "@types/node": "catalog:",
          typescript: "catalog:",
          vitest: "catalog:",
        },
        colorize: { plugin: true },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `{ "extends": "@colorize/tsconfig/library.json", "compilerOptions": { "noEmit": true, "types": ["node"] }, "include": ["src"] }\n`,
    "tsconfig.build.json": `{
  "extends": "@colorize/tsconfig/library.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts", "src/**/*.test.tsx"]
}
`,
    "vitest.config.ts": `import { colorizeVitest } from "@colorize/vitest-config";

export default colorizeVitest();
`,
    "src/index.ts": `import { ${camel}Plugin } from "./plugin.js";

export { ${camel}Plugin };
export default ${camel}Plugin;
`,
    "src/plugin.ts": `import {
  type AgentSnapshot,
  agentFactory,
  type Config,
  definePlugin,
  type FitReport,
  type Palette,
  type Plugin,
  type Prediction,
  paintLabels,
  paletteFromArray,
  paletteToArray,
  type RunContext,
  type TestSet,
  type TrainSet,
  throwIfAborted,
} from "@colorize/core";

const NAME = "${pkg}";
const VERSION = "0.1.0";

const params = {
  bins: {
    type: "integer",
    default: 32,
    min: 2,
    max: 256,
    description: "gray levels are cut into this many equal bins",
  },
} as const;

/** What the agent learns: the palette and, per gray bin, the palette label it paints. */
interface State {
  palette: number[][];
  table: number[];
}

/** The most common palette label of the training pixels in each gray bin; empty bins copy the nearest filled one. */
function learnTable(train: TrainSet, bins: number): number[] {
  const k = train.palette.size;
  const counts = new Int32Array(bins * k);
  for (let i = 0; i < train.gray.length; i++) counts[binOf(train.gray[i], bins) * k + train.labels[i]]++;
  const table = new Array<number>(bins).fill(-1);
  for (let b = 0; b < bins; b++) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      const n = counts[b * k + c];
      if (n > 0 && (best < 0 || n > counts[b * k + best])) best = c;
    }
    table[b] = best;
  }
  const filled = table.slice();
  for (let b = 0; b < bins; b++) {
    for (let d = 1; table[b] < 0 && d < bins; d++) {
      if (b - d >= 0 && filled[b - d] >= 0) table[b] = filled[b - d];
      else if (b + d < bins && filled[b + d] >= 0) table[b] = filled[b + d];
    }
  }
  return table;
}

function binOf(gray: number, bins: number): number {
  return Math.min(bins - 1, Math.floor((gray / 256) * bins));
}

function makeAgent(config: Config, saved?: State) {
  const bins = config.bins as number;
  let state = saved;
  return {
    async fit(train: TrainSet, ctx: RunContext): Promise<FitReport> {
      throwIfAborted(ctx.signal);
      state = { palette: paletteToArray(train.palette), table: learnTable(train, bins) };
      ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 });
      return { facts: { bins }, backend: "js" };
    },
    async predict(test: TestSet, ctx: RunContext): Promise<Prediction> {
      if (!state) throw new Error(\`\${NAME} must be fitted before it predicts\`);
      throwIfAborted(ctx.signal);
      const palette: Palette = paletteFromArray(state.palette);
      const labels = new Uint8Array(test.gray.length);
      for (let i = 0; i < labels.length; i++) labels[i] = state.table[binOf(test.gray[i], bins)];
      ctx.onProgress?.({ type: "stage", stage: "predict", fraction: 1 });
      return { rgb: paintLabels(palette, labels), labels, backend: "js" };
    },
    toJSON(): AgentSnapshot {
      if (!state) throw new Error(\`\${NAME} has nothing to save before it is fitted\`);
      return { plugin: NAME, version: VERSION, config, state };
    },
  };
}

/** Paints each pixel with the palette colour most common at its gray level in the left half. */
export const ${camel}Plugin: Plugin = definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "agent",
    description: {
      summary: "paints each pixel with the palette colour most common at its gray level in the left half",
      input: "the pixel's gray value",
      output: "one of the k palette colours per pixel",
      model: "a lookup table from gray bin to palette label",
      loss: "none; each bin takes its majority label",
      algorithm: "counting",
      preprocessing: "none",
      overfitting: "few parameters (one label per bin)",
    },
  },
  capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false },
  params,
  ...agentFactory<State>(NAME, params, makeAgent, VERSION),
});
`,
    "src/plugin.test.ts": `import { describePlugin } from "@colorize/core/testing";
import plugin from "./index.js";

describePlugin(plugin);
`,
    "README.md": `# ${pkg}

A colorize plugin scaffolded by \`pnpm new:plugin ${short}\`. It paints each pixel of the right half with the
palette colour most common at its gray level in the left half: replace \`src/plugin.ts\` with your own agent
(see docs/plugins.md). \`pnpm --filter ${pkg} test\` runs core's conformance kit on it.
`,
  };
}

const { short, packages } = parseArgs(process.argv.slice(2));
const dir = join(packages, `plugin-${short}`);
if (!existsSync(packages)) fail(`no packages folder at ${packages}`);
if (existsSync(dir)) fail(`packages/plugin-${short} already exists; choose another name`, 1);
for (const [rel, text] of Object.entries(files(short))) {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
process.stdout.write(
  `created ${dir}\nnext: pnpm install && pnpm --filter @colorize/plugin-${short} test (then pnpm build to use it from colorize)\n`,
);
