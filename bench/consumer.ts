/**
 * The type-check benchmark's consumer: a program calling 20 operations with openapi-fetch and naming their response
 * types, written twice — once through the generated aliases (`SpacesRuntimesGetResponse`), once on
 * openapi-typescript's plain output (`components["schemas"]["spaces_runtimesGet_Response_200"]`). Everything else
 * (code, compiler options) is the same, so the time difference is what the aliased schema costs a user.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type {
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
} from "../scripts/shared/openapi.ts";
import { ROOT } from "./spawn.ts";

const run = promisify(execFile);

export interface ConsumerOperation {
  method: "get" | "delete";
  path: string;
  pathParams: string[];
  /** The component schema the 200 response refers to. */
  responseSchema: string;
  /** The alias the generated schema exports for that response. */
  responseAlias?: string;
}

const SCHEMA_REF = "#/components/schemas/";

/** Operations without a request body whose 200 JSON response is a `$ref`, first `count` in path order. */
export function pickConsumerOperations(document: OpenAPI3, count: number): ConsumerOperation[] {
  const found: ConsumerOperation[] = [];
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "delete"] as const) {
      const operation = (item as PathItemObject)[method] as OperationObject | undefined;
      const ref = responseRef(operation);
      if (!operation || !ref) continue;
      const pathParams = (operation.parameters ?? [])
        .map((p) => p as ParameterObject)
        .filter((p) => p.in === "path")
        .map((p) => p.name);
      found.push({ method, path: route, pathParams, responseSchema: ref });
    }
  }
  return found.slice(0, count);
}

function responseRef(operation: OperationObject | undefined): string | undefined {
  const response = operation?.responses?.["200"] as {
    content?: Record<string, { schema?: { $ref?: unknown } }>;
  };
  const ref = response?.content?.["application/json"]?.schema?.$ref;
  return typeof ref === "string" && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
}

/**
 * The alias the aliases stage chose for an operation's response, from its lock (`GET /path#response`, or the
 * response schema's own name).
 */
export function responseAlias(
  lock: ReadonlyMap<string, string>,
  operation: ConsumerOperation,
): string | undefined {
  return (
    lock.get(`${operation.method.toUpperCase()} ${operation.path}#response`) ??
    lock.get(operation.responseSchema)
  );
}

/** The consumer's source; `typeName` says how each operation's response type is spelled. */
export function renderConsumer(
  operations: readonly ConsumerOperation[],
  imports: readonly string[],
  typeName: (operation: ConsumerOperation) => string,
): string {
  const calls = operations.map((op, index) => {
    const params = op.pathParams.map((name) => `${JSON.stringify(name)}: "x"`).join(", ");
    return [
      `export async function call${index}(): Promise<${typeName(op)} | undefined> {`,
      `  const { data } = await client.${op.method.toUpperCase()}(${JSON.stringify(op.path)}, { params: { path: { ${params} } } });`,
      "  return data;",
      "}",
    ].join("\n");
  });
  return [
    `import createClient from "openapi-fetch";`,
    `import type { ${[...new Set(imports)].join(", ")} } from "./schema.js";`,
    "",
    `const client = createClient<paths>({ baseUrl: "http://127.0.0.1:1" });`,
    "",
    ...calls,
    "",
  ].join("\n");
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ["*.ts"],
};

export interface ConsumerProjects {
  aliased: string;
  plain: string;
  /** Operations whose response schema has no alias (the aliased consumer then spells them the plain way). */
  unaliased: string[];
}

export async function writeConsumerProjects(
  dir: string,
  sources: { aliasedSchema: string; plainSchema: string; operations: readonly ConsumerOperation[] },
): Promise<ConsumerProjects> {
  const plainType = (op: ConsumerOperation) => `components["schemas"][${JSON.stringify(op.responseSchema)}]`;
  const aliasedType = (op: ConsumerOperation) => op.responseAlias ?? plainType(op);
  const unaliased = sources.operations.filter((op) => !op.responseAlias).map((op) => op.path);
  const aliasedImports = ["paths", ...sources.operations.map((op) => op.responseAlias ?? "components")];
  const projects = {
    aliased: {
      schema: sources.aliasedSchema,
      main: renderConsumer(sources.operations, aliasedImports, aliasedType),
    },
    plain: {
      schema: sources.plainSchema,
      main: renderConsumer(sources.operations, ["paths", "components"], plainType),
    },
  };
  for (const [name, project] of Object.entries(projects)) {
    const projectDir = path.join(dir, name);
    await mkdir(projectDir, { recursive: true });
    await writeFile(path.join(projectDir, "schema.ts"), project.schema);
    await writeFile(path.join(projectDir, "main.ts"), project.main);
    await writeFile(path.join(projectDir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  }
  return { aliased: path.join(dir, "aliased"), plain: path.join(dir, "plain"), unaliased };
}

/** Wall time of `tsc --noEmit -p <projectDir>`; throws with tsc's output if the consumer does not type-check. */
export async function timeTypeCheck(projectDir: string): Promise<number> {
  const start = performance.now();
  try {
    await run(process.execPath, [
      path.join(ROOT, "node_modules/typescript/bin/tsc"),
      "--noEmit",
      "-p",
      projectDir,
    ]);
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    throw new Error(
      `consumer in ${projectDir} does not type-check: ${output.split("\n").slice(0, 3).join(" ")}`,
    );
  }
  return performance.now() - start;
}
