import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DOCS, renderExamples, sourceText } from "./docs-examples.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("the docs' code examples", () => {
  for (const doc of DOCS) {
    it(`in ${doc} equal the files they show (node tooling/scripts/docs-examples.mjs --write)`, () => {
      const text = readFileSync(join(root, doc), "utf8");
      const { stale } = renderExamples(text);
      expect(stale).toEqual([]);
      expect(text).toMatch(/<!-- example: scaffold model /);
    });
  }

  it("are found stale when they differ from their file, and are brought back to it", () => {
    const md = [
      "intro",
      "<!-- example: scaffold agent x src/plugin.test.ts -->",
      "```ts",
      "old",
      "```",
      "end",
    ].join("\n");
    const { text, stale } = renderExamples(md);
    expect(stale).toEqual(["scaffold agent x src/plugin.test.ts"]);
    expect(text).toBe(
      `intro\n<!-- example: scaffold agent x src/plugin.test.ts -->\n\`\`\`ts\n${sourceText("scaffold agent x src/plugin.test.ts").trimEnd()}\n\`\`\`\nend`,
    );
    expect(renderExamples(text).stale).toEqual([]);
  });

  it("must all name their source, and the source must exist", () => {
    expect(() => renderExamples("a\n```ts\nconst x = 1;\n```")).toThrow(/line 2: a ts example without/);
    expect(() => renderExamples("<!-- example: scaffold model x src/nothing.ts -->\n```ts\n```")).toThrow(
      /writes no src\/nothing.ts/,
    );
    expect(() => renderExamples("<!-- example: no/such/file.ts -->\n```ts\n```")).toThrow(/ENOENT/);
    expect(() => renderExamples("<!-- example: scaffold agent x src/plugin.ts -->\ntext")).toThrow(
      /no fenced block/,
    );
  });
});
