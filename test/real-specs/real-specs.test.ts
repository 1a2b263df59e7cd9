/**
 * Real published specs, as a new user meets them: Twilio's Messaging v1 and API v2010 (OpenAPI 3.0.1, HTTP basic
 * auth, 3.0 `nullable` everywhere) and AssemblyAI's (3.1.0, an API key in a header, `oneOf`/`allOf`, callbacks),
 * copied with their licences into fixtures/, and a small 3.0 spec written for this test with the polymorphism real
 * specs use (oneOf with a discriminator mapping, allOf inheritance, a nullable reference, an API key in the query). Each generates both as one spec file and cut into per-endpoint pages
 * the way the docs site publishes them (test/support/split-spec.ts, cut here at test time): every operation means
 * what its source says, schema.ts compiles under --strict, and a 3.0 `nullable` field is typed `… | null`.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { buildOutputs } from "../../scripts/generate.ts";
import { parseSpec } from "../../scripts/load/load.ts";
import { checkEquivalence, formatDifference } from "../../scripts/merge/equivalence.ts";
import type { MergeReport } from "../../scripts/merge/merge.ts";
import type { Normalisation } from "../../scripts/normalise/warnings.ts";
import type { OpenAPI3, SpecFile } from "../../scripts/shared/openapi.ts";
import { inMemoryProgram } from "../support/in-memory-typescript.ts";
import { splitSpec } from "../support/split-spec.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

interface RealSpec {
  name: string;
  file: string;
  /** A property the source declares nullable (3.0) or with a `null` type (3.1), and the TS type it must get. */
  nullable: RegExp;
  /** The security requirement every operation shares, stated once at the top of the merged document. */
  security: Record<string, string[]>[];
}

const REAL_SPECS: RealSpec[] = [
  {
    name: "twilio-messaging-v1",
    file: "twilio/twilio_messaging_v1.yaml",
    nullable: /\bdomain_sid\?: string \| null;/,
    security: [{ accountSid_authToken: [] }],
  },
  {
    name: "twilio-api-v2010",
    file: "twilio/twilio_api_v2010.yaml",
    nullable: /\bfriendly_name\?: string \| null;/,
    security: [{ accountSid_authToken: [] }],
  },
  {
    name: "assemblyai",
    file: "assemblyai/openapi.yml",
    nullable: /\bspeaker\??: string \| null;/,
    security: [{ ApiKey: [] }],
  },
  {
    name: "polymorphic",
    file: "polymorphic/openapi.yaml",
    // Cut into pages, the enum is hoisted under its own name: the union is then that alias's type.
    nullable: /"collie" \| "terrier" \| null;/,
    security: [{ apiKeyQuery: [] }],
  },
];

interface Generated {
  inputs: SpecFile[];
  files: ReadonlyMap<string, string>;
  report: MergeReport;
  normalisations: Normalisation[];
  merged: OpenAPI3;
}

const temporary: string[] = [];
const generated = new Map<string, Generated>();

async function generateFrom(inputs: SpecFile[], write: (spec: SpecFile) => string): Promise<Generated> {
  const specsDir = await mkdtemp(path.join(tmpdir(), "real-specs-"));
  temporary.push(specsDir);
  for (const spec of inputs) {
    const target = path.join(specsDir, spec.file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, write(spec));
  }
  const { files, report, normalisations } = await buildOutputs(specsDir);
  return {
    inputs,
    files,
    report,
    normalisations,
    merged: parse(files.get("openapi.yaml") ?? "") as OpenAPI3,
  };
}

beforeAll(async () => {
  for (const spec of REAL_SPECS) {
    const text = await readFile(path.join(FIXTURES, spec.file), "utf8");
    const source = parseSpec(path.basename(spec.file), text);
    generated.set(`${spec.name} as one file`, await generateFrom([source], () => text));
    generated.set(`${spec.name} cut into pages`, await generateFrom(splitSpec(source.document), toYaml));
  }
}, 600_000);

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

function toYaml(spec: SpecFile): string {
  return stringify(spec.document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

function outputOf(name: string): Generated {
  const found = generated.get(name);
  if (!found) throw new Error(`not generated: ${name}`);
  return found;
}

describe.each(REAL_SPECS.flatMap((spec) => ["as one file", "cut into pages"].map((how) => ({ spec, how }))))(
  "$spec.name $how",
  ({ spec, how }) => {
    const name = `${spec.name} ${how}`;

    it("keeps every operation, each meaning what its source says", () => {
      const { inputs, merged, report } = outputOf(name);
      const sourceOperations = inputs.reduce(
        (sum, { document }) =>
          sum +
          Object.values(document.paths ?? {}).reduce(
            (count, item) =>
              count + Object.keys(item ?? {}).filter((k) => /^(get|put|post|delete|patch)$/.test(k)).length,
            0,
          ),
        0,
      );
      expect(report.operations).toBe(sourceOperations);
      expect(checkEquivalence(inputs, merged).map(formatDifference)).toEqual([]);
    });

    it("states the auth every operation shares once, at the top", () => {
      const { merged } = outputOf(name);
      expect(merged.security).toEqual(spec.security);
      const perOperation = Object.values(merged.paths ?? {}).flatMap((item) =>
        Object.values(item ?? {}).filter((op) => typeof op === "object" && op !== null && "security" in op),
      );
      expect(perOperation).toEqual([]);
    });

    it("types a nullable field with `| null`", () => {
      expect(outputOf(name).files.get("schema.ts")).toMatch(spec.nullable);
    });
  },
);

describe("what generating real specs reports", () => {
  it("summarises 3.0 idioms once per file and kind, never one line per place", () => {
    const { normalisations } = outputOf("twilio-messaging-v1 as one file");
    const kinds = new Set(normalisations.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(["nullable", "openapi-3.0", "schema-example"]);
    expect(normalisations.filter((n) => n.kind === "nullable").length).toBeGreaterThan(100);
  });

  it("keeps the discriminated union a union of its variants, as one file and cut into pages", () => {
    const single = outputOf("polymorphic as one file");
    const types = single.files.get("schema.ts") ?? "";
    expect(types).toMatch(/^export type Pet = Cat \| Dog;$/m);
    // The discriminator narrows each variant; the nullable allOf reference admits null.
    expect(types).toMatch(/^export type Cat = PetBase & \{[\s\S]*?\bkind: "cat";\s*\};$/m);
    expect(types).toMatch(/\bowner\?: Owner \| null;/);
    const cut = outputOf("polymorphic cut into pages");
    const pet = Object.values(cut.merged.components?.schemas ?? {}).find(
      (schema) => typeof schema === "object" && schema !== null && "discriminator" in schema,
    ) as { oneOf: unknown[]; discriminator: { mapping: Record<string, string> } } | undefined;
    expect(pet?.oneOf).toHaveLength(2);
    expect(Object.keys(pet?.discriminator.mapping ?? {})).toEqual(["cat", "dog"]);
  });

  it("keeps path-item descriptions and extensions in openapi.yaml", () => {
    const { merged } = outputOf("twilio-messaging-v1 as one file");
    const item = merged.paths?.["/v1/Services"] as Record<string, unknown>;
    expect(item.description).toEqual(expect.any(String));
    expect(item["x-twilio"]).toEqual(expect.objectContaining({}));
  });

  it("generates TypeScript that compiles under --strict (one program over every case)", () => {
    const files: Record<string, string> = {};
    for (const [name, { files: outputs }] of generated)
      for (const file of ["schema.ts", "operations.ts"])
        files[`/virtual/${name.replace(/\W+/g, "-")}/${file}`] = outputs.get(file) ?? "";
    const program = inMemoryProgram(files);
    const diagnostics = Object.keys(files).flatMap((file) =>
      program.diagnostics(file).map((d) => `${file}: ${d}`),
    );
    expect(diagnostics).toEqual([]);
  });
});
