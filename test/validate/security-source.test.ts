/**
 * A problem in the security requirement every page shares (lifted to the document by the merge) names a page the
 * user can open, not the merged document that exists only in memory (found on @readme/oas-examples
 * response-http-behavior, whose requirement names an undefined scheme).
 */
import { expect, it } from "vitest";
import { mergeSpecs } from "../../scripts/merge/merge.ts";
import { GeneratorError } from "../../scripts/shared/openapi.ts";
import { validateDocument } from "../../scripts/validate/validate.ts";
import { page } from "../merge/support/pages.ts";

it("reports an undefined scheme in the shared requirement on the first page that states it", async () => {
  const security = [{ apiKey: [] }];
  const specs = ["b", "a"].map((name) =>
    page(`${name}.yaml`, { path: `/v1/${name}`, operation: { operationId: name, parameters: [], security } }),
  );
  const { document, sources } = mergeSpecs(specs);
  expect(document.security).toEqual(security);
  const error = await validateDocument(document, sources).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GeneratorError);
  const [problem] = (error as GeneratorError).problems;
  expect(problem?.file).toBe("a.yaml");
  expect(problem?.pointer).toMatch(/^\/security\/0/);
});
