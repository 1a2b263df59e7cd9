/**
 * A key the site's often shown classes never hold overrules the reader's preference at a text's end too
 * (recover-collapsed.ts `welcomesText`): AWS CloudFront's `If-Match` parameter is described `… identity to update. For
 * example: E2QWRUHAPOMQZL.`, and the reader, ending the text before `example:`, gave the parameter an `example` no
 * parameter of the site's clean pages holds; the rival, whose text runs on, is the page's.
 */
import { describe, expect, it } from "vitest";
import { pagesOf, readAmongCleanNeighbours } from "./support/real-pages.ts";

const IF_MATCH =
  "The value of the ETag header that you received when retrieving the configuration identity to update. For example: E2QWRUHAPOMQZL.";

/** CloudFront's operations on its field-level encryption configs, five parameters each, none with an example. */
function cloudfrontSpec(ifMatch: string) {
  const header = (name: string, description: string) => ({
    name,
    in: "header",
    required: false,
    description,
    schema: { type: "string" },
  });
  const operation = (operationId: string) => ({
    operationId,
    parameters: [
      {
        name: "Id",
        in: "path",
        required: true,
        description: "The ID of the configuration.",
        schema: { type: "string" },
      },
      header("If-Match", ifMatch),
      header("X-Amz-Date", "The date of the request."),
      header("X-Amz-Security-Token", "The session token of temporary credentials."),
      header("X-Amz-Content-Sha256", "The hash of the request's payload."),
    ],
    responses: { "200": { description: "Success" } },
  });
  const names = [
    "Config",
    "Profile",
    "Policy",
    "Function",
    "Distribution",
    "Invalidation",
    "KeyGroup",
    "PublicKey",
  ];
  return {
    openapi: "3.1.0",
    info: { title: "Amazon CloudFront", version: "2020-05-31" },
    servers: [{ url: "https://cloudfront.amazonaws.com" }],
    paths: Object.fromEntries(
      names.map((name) => [
        `/2020-05-31/${name.toLowerCase()}/{Id}/config`,
        { put: operation(`Update${name}`) },
      ]),
    ),
  };
}

describe("a text running on past a key the site's often shown class never holds", () => {
  const pages = pagesOf(cloudfrontSpec(IF_MATCH) as never, "cloudfront");
  const halfClean = { clean: (at: number) => at % 2 === 0 };

  it.each([1, 3, 5])(
    "page %i, the even pages clean: the parameter's text holds `For example: …`",
    (index) => {
      const { page, recovered } = readAmongCleanNeighbours(pages, index, {}, halfClean);
      expect(recovered.ok ? recovered.document : recovered.message).toEqual(page.expected);
    },
  );

  it("is refused where the site's clean parameters hold examples (the key is the site's, the text's end undecided)", () => {
    const spec = cloudfrontSpec(IF_MATCH);
    for (const item of Object.values(spec.paths))
      Object.assign(item.put.parameters[0] as object, { example: "E2QWRUHAPOMQZL" });
    const { recovered } = readAmongCleanNeighbours(pagesOf(spec as never, "cloudfront"), 1, {}, halfClean);
    expect(recovered.ok ? "written" : recovered.message).toMatch(
      /ambiguous at word \d+ \(character \d+, "example:"\)/,
    );
  });
});
