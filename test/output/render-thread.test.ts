/**
 * openapi.yaml printed on a worker thread (scripts/output/render-thread.ts) must be byte-identical to the main thread's
 * renderOpenApiYaml, on a document big enough to take the thread and holding what a structured clone or a second
 * copy of `yaml` could change: shared values, NaN, -0, keys needing quotes, multi-line and non-ASCII text.
 */
import { describe, expect, it } from "vitest";
import { startOpenApiYamlRender } from "../../scripts/output/render-thread.ts";
import { renderOpenApiYaml } from "../../scripts/output/write.ts";
import type { OpenAPI3 } from "../../scripts/shared/openapi.ts";

function bigDocument(paths: number): OpenAPI3 {
  const shared = { type: "string", enum: ["a", "yes", "null", "1e3", "-0", ""] };
  const items: Record<string, unknown> = {};
  for (let index = 0; index < paths; index++) {
    items[`/v1/things/{id}/n${index}`] = {
      get: {
        operationId: `get${index}`,
        description: `Line one\n  indented line two\n\nafter a blank line — ünïcödé ${index}`,
        "x-numbers": [Number.NaN, -0, 0.1, 1e21, Number.POSITIVE_INFINITY],
        "x-quoted keys": { "key: with colon": true, "#hash": null, "- dash": "'single' \"double\"" },
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: shared } } },
        },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: items } as OpenAPI3;
}

describe("startOpenApiYamlRender", () => {
  const cases: { name: string; paths: number; threads: number }[] = [
    { name: "on a thread", paths: 150, threads: 2 },
    { name: "inline on one core", paths: 150, threads: 1 },
    { name: "inline for a small document", paths: 5, threads: 2 },
  ];
  it.each(cases)("prints the same bytes as renderOpenApiYaml $name", async ({ paths, threads }) => {
    const document = bigDocument(paths);
    const rendering = startOpenApiYamlRender(document, threads);
    try {
      expect(await rendering.text()).toBe(renderOpenApiYaml(document));
    } finally {
      await rendering.cancel();
    }
  });

  it("cancels a thread whose text is never asked for, without an unhandled rejection", async () => {
    const rendering = startOpenApiYamlRender(bigDocument(150), 2);
    await rendering.cancel();
    await expect(rendering.text()).rejects.toThrow(/exited/);
  });
});
