import { defineConfig } from "vitest/config";

/**
 * Shared vitest configuration. Workspace packages are resolved through the
 * "@colorize/source" export condition so tests run on sources, never on dist/.
 * @param {import("vitest/config").UserConfig["test"]} [overrides]
 */
export function colorizeVitest(overrides = {}) {
  return defineConfig({
    resolve: { conditions: ["@colorize/source", "import", "node", "default"] },
    ssr: { resolve: { conditions: ["@colorize/source", "import", "node", "default"] } },
    test: {
      include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "test/**/*.test.tsx"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: "forks",
      // The JSON report feeds the one-line summary that the root test command prints.
      reporters: ["default", "json"],
      outputFile: { json: "node_modules/.vitest/report.json" },
      coverage: { provider: "v8", include: ["src/**"] },
      ...overrides,
    },
  });
}
