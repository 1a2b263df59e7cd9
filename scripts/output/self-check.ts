/**
 * The generator's last check before it replaces the output: the TypeScript it is about to write must compile. Some
 * legal specs cannot be expressed in TypeScript (schemas that are each other's `allOf`, TS2456; a path of 100+
 * segments nests the client table too deep to compare, TS2321), and the run used to exit 0 leaving code that did
 * not compile. The check type-checks the generated modules in memory with the compiler openapi-typescript already
 * loaded, and maps each error back to the spec object it came from: an alias through the alias lock, a member of
 * `paths`/`components`/`operations` by its keys, a client-table leaf by its `[method, path]`.
 */
import ts from "typescript";
import { type OpenAPI3, type Problem, pointer } from "../shared/openapi.ts";
import type { OutputFiles } from "./write.ts";

/** The generated modules that are TypeScript, checked together (operations.ts and schema.ts import nothing else). */
const CHECKED = ["schema.ts", "operations.ts"] as const;

/** Where the checked modules live in the in-memory file system. */
const ROOT = "/bctrl-api-generated/";

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // The generated code needs only ES5's declarations (Record, Array, …): the smallest library, the cheapest check.
  lib: ["lib.es5.d.ts"],
  types: [],
  skipLibCheck: true,
  noResolve: true,
};

/**
 * JSDoc is not parsed: in a .ts file the checker reads no type from it, and a comment that ends early (a `*` `/` in a
 * description) is still found, since the scanner delimits comments either way. Parsing it was about a tenth of the
 * check on the bench corpus (1.7 MB of schema.ts, mostly descriptions).
 */
const SOURCE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.ES2022,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/**
 * The web types a `format: binary` value is typed with (scripts/types/types.ts). Consumers get them from the DOM
 * library or @types/node; the check only needs the names to exist, and declaring them costs nothing next to parsing
 * lib.dom.d.ts.
 */
const WEB_GLOBALS_FILE = `${ROOT}web-globals.d.ts`;
const WEB_GLOBALS =
  "interface Blob {}\ninterface ReadableStream<R = unknown> { readonly locked: boolean; }\n";

/** What a problem in the generated code is mapped back with. */
export interface SelfCheckContext {
  document: OpenAPI3;
  /** Alias → the lock key it was chosen for (schema name or `METHOD /route#slot`). */
  aliasKeys: ReadonlyMap<string, string>;
  /** Merged pointer → input file, as mergeSpecs returns it. */
  fileOf: (at: string) => string | undefined;
}

/** The type errors in the generated TypeScript, each as a problem in the spec that caused it. */
export function typeCheckOutputs(files: OutputFiles, context: SelfCheckContext): Problem[] {
  const sources = new Map<string, ts.SourceFile>();
  for (const name of CHECKED) {
    const text = files.get(name);
    if (text !== undefined) sources.set(ROOT + name, ts.createSourceFile(ROOT + name, text, SOURCE_OPTIONS));
  }
  sources.set(WEB_GLOBALS_FILE, ts.createSourceFile(WEB_GLOBALS_FILE, WEB_GLOBALS, SOURCE_OPTIONS));
  const program = ts.createProgram([...sources.keys()], OPTIONS, inMemoryHost(sources));
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  );
  return diagnostics.map((diagnostic) => toProblem(diagnostic, context));
}

function inMemoryHost(sources: ReadonlyMap<string, ts.SourceFile>): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS);
  return {
    ...host,
    getSourceFile: (fileName, version) => sources.get(fileName) ?? host.getSourceFile(fileName, version),
    fileExists: (fileName) => sources.has(fileName) || host.fileExists(fileName),
    writeFile: () => undefined,
  };
}

/** The longest a compiler message gets in a problem: TS2321's names whole nested types. */
const MAX_MESSAGE = 200;

function toProblem(diagnostic: ts.Diagnostic, context: SelfCheckContext): Problem {
  const file = diagnostic.file;
  const name = file ? file.fileName.slice(ROOT.length) : "(generated)";
  const line = file ? `:${file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : "";
  let text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (text.length > MAX_MESSAGE) text = `${text.slice(0, MAX_MESSAGE)}…`;
  const message = `the generated TypeScript does not compile (${name}${line}, TS${diagnostic.code}): ${text}`;
  const at = file ? specPointerAt(file, diagnostic.start ?? 0, context) : undefined;
  if (at === undefined) return { file: `${name} (generated)`, message };
  return { file: context.fileOf(at) ?? "openapi.yaml (merged)", pointer: at, message };
}

/** The merged pointer of the spec object the generated code at `position` stands for, when one can be told. */
function specPointerAt(file: ts.SourceFile, position: number, context: SelfCheckContext): string | undefined {
  const path = nodePath(file, position);
  for (let index = path.length - 1; index >= 0; index--) {
    const node = path[index] as ts.Node;
    const found =
      leafPointer(node) ??
      aliasPointer(node, context) ??
      memberPointer(path.slice(0, index + 1), context.document) ??
      deepestLeafPointer(node);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The nodes from the source file down to the innermost one containing `position`. */
function nodePath(file: ts.SourceFile, position: number): ts.Node[] {
  const path: ts.Node[] = [file];
  for (let node: ts.Node | undefined = file; node; ) {
    const parent: ts.Node = node;
    node = parent.getChildren(file).find((child) => child.getStart(file) <= position && position < child.end);
    if (node) path.push(node);
  }
  return path;
}

/** A client-table leaf `["get", "/route", "operationId"]` stands for its operation. */
function leafPointer(node: ts.Node): string | undefined {
  // A table entry: `[method, path, operationId, runtime]` (scripts/client-table/operations.ts).
  if (!ts.isArrayLiteralExpression(node) || node.elements.length < 3) return undefined;
  const [method, route] = node.elements;
  if (!method || !route || !ts.isStringLiteral(method) || !ts.isStringLiteral(route)) return undefined;
  return pointer("paths", route.text, method.text);
}

/**
 * The table declaration itself (where TS2321 is reported when the table nests too deep): the leaf nested deepest in
 * it, the likely cause.
 */
function deepestLeafPointer(node: ts.Node): string | undefined {
  if (!ts.isVariableDeclaration(node) || !node.initializer) return undefined;
  let deepest: { depth: number; at: string } | undefined;
  const visit = (child: ts.Node, depth: number): void => {
    const at = leafPointer(child);
    if (at !== undefined) {
      if (!deepest || depth > deepest.depth) deepest = { depth, at };
      return;
    }
    ts.forEachChild(child, (next) => visit(next, depth + 1));
  };
  visit(node.initializer, 0);
  return (deepest as { at: string } | undefined)?.at;
}

/** `export type Alias = …` stands for the schema or operation slot the alias lock chose the name for. */
function aliasPointer(node: ts.Node, context: SelfCheckContext): string | undefined {
  if (!ts.isTypeAliasDeclaration(node)) return undefined;
  const key = context.aliasKeys.get(node.name.text);
  if (key === undefined) return undefined;
  const slot = /^([A-Z]+) (\/[^#]*)#/.exec(key);
  if (slot) return pointer("paths", slot[2] as string, (slot[1] as string).toLowerCase());
  return pointer("components", "schemas", key);
}

/**
 * A member of openapi-typescript's `paths` (route, method), `components` (kind, name) or `operations` (operationId)
 * stands for that object of the merged document.
 */
function memberPointer(path: readonly ts.Node[], document: OpenAPI3): string | undefined {
  const top = path.find(ts.isInterfaceDeclaration);
  if (!top) return undefined;
  const keys = path.filter(ts.isPropertySignature).map((member) => propertyName(member.name));
  const kind = top.name.text;
  if (kind === "paths" && keys.length >= 2) return pointer("paths", keys[0] as string, keys[1] as string);
  if (kind === "paths" && keys.length === 1) return pointer("paths", keys[0] as string);
  if (kind === "components" && keys.length >= 2)
    return pointer("components", keys[0] as string, keys[1] as string);
  if (kind === "operations" && keys.length >= 1) return operationPointer(document, keys[0] as string);
  return undefined;
}

function propertyName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    ? name.text
    : name.getText();
}

function operationPointer(document: OpenAPI3, operationId: string): string | undefined {
  for (const [route, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if ((operation as { operationId?: unknown } | undefined)?.operationId === operationId)
        return pointer("paths", route, method);
    }
  }
  return undefined;
}

/** The problems as the run reports them: the first one, which names how many more there are. */
export function selfCheckFailure(problems: readonly Problem[]): Problem[] {
  const [first] = problems;
  if (!first || problems.length === 1) return [...problems];
  return [{ ...first, message: `${first.message} (and ${problems.length - 1} more type errors)` }];
}
