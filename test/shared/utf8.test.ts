/**
 * Strict UTF-8 decoding in one pass (scripts/shared/utf8.ts), for every reader of outside input: the offset of the
 * first bad byte agrees with TextDecoder's own streaming decoder on random bytes, and a large page with its bad byte
 * at the very end is reported at once (the previous search decoded every prefix: 90 s for 256 KiB).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { importPages } from "../../scripts/import/import-pages.ts";
import { loadSpecs } from "../../scripts/load/load.ts";
import { decodeUtf8, firstInvalidUtf8Byte } from "../../scripts/shared/utf8.ts";

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

/** The reference answer, quadratic: the first prefix TextDecoder's fatal streaming mode refuses. */
function referenceFirstInvalid(bytes: Uint8Array): number {
  for (let end = 1; end <= bytes.length; end++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return -1;
  } catch {
    return bytes.length;
  }
}

/** Bytes biased towards UTF-8's edge cases: lead bytes, continuation bytes, surrogates, overlong forms. */
const utf8ish = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(
      0x80,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0x9f,
      0xa0,
      0x8f,
      0x90,
    ),
  ),
  { maxLength: 12 },
);

describe("firstInvalidUtf8Byte", () => {
  it("agrees with TextDecoder's fatal decoder on random bytes", () => {
    fc.assert(
      fc.property(utf8ish, (values) => {
        const bytes = Uint8Array.from(values);
        expect(firstInvalidUtf8Byte(bytes)).toBe(referenceFirstInvalid(bytes));
      }),
      { numRuns: 5_000 },
    );
  });

  it("accepts valid text of every width and decodes it like TextDecoder (BOM dropped)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const bytes = new TextEncoder().encode(`\uFEFF${text}`);
        expect(decodeUtf8(bytes)).toEqual({ text });
      }),
    );
  });
});

describe("a 1 MiB input whose only bad byte is the last one", () => {
  const page = Buffer.concat([Buffer.from("# page\n"), Buffer.alloc(2 ** 20, "é"), Buffer.from([0xff])]);

  it("is refused by import with the byte's offset", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "utf8-import-"));
    temporary.push(dir);
    await writeFile(path.join(dir, "page.md"), page);
    const summary = await importPages({ inputs: [path.join(dir, "page.md")], outDir: path.join(dir, "out") });
    expect(summary.failed.map((problem) => problem.message)).toEqual([
      `not valid UTF-8 (byte ${page.length - 1})`,
    ]);
  });

  it("is refused by load with the byte's offset", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "utf8-load-"));
    temporary.push(dir);
    await writeFile(path.join(dir, "a.yaml"), page);
    await expect(loadSpecs(dir)).rejects.toThrow(
      `a.yaml: not UTF-8 text (is this a binary file?): invalid byte at offset ${page.length - 1}`,
    );
  });
});
