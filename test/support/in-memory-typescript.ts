/**
 * A TypeScript language service over in-memory files (lib files come from the installed compiler), for tests that
 * check what a user sees: diagnostics and hover text.
 */
import ts from "typescript";

export interface InMemoryProgram {
  /** Every diagnostic of `file`, flattened to one line each. */
  diagnostics(file: string): string[];
  /** The hover text at the first occurrence of `marker` in `file` (at the marker's last character). */
  hover(file: string, marker: string): string;
  /** The hover's documentation there: the JSDoc text, then each tag as `@name text`, one per line. */
  documentation(file: string, marker: string): string;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  types: [],
  // As a consumer compiles: binary values are typed with the web types (Blob, ReadableStream).
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
};

export function inMemoryProgram(files: Readonly<Record<string, string>>): InMemoryProgram {
  const names = Object.keys(files);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => OPTIONS,
    getScriptFileNames: () => names,
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = files[name] ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name in files || ts.sys.fileExists(name),
    readFile: (name) => files[name] ?? ts.sys.readFile(name),
  };
  const service = ts.createLanguageService(host);
  const quickInfo = (file: string, marker: string) => {
    const at = (files[file] ?? "").indexOf(marker);
    if (at < 0) throw new Error(`marker ${marker} not in ${file}`);
    return service.getQuickInfoAtPosition(file, at + marker.length - 1);
  };
  return {
    diagnostics(file) {
      return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) =>
        ts.flattenDiagnosticMessageText(d.messageText, " "),
      );
    },
    hover(file, marker) {
      return ts.displayPartsToString(quickInfo(file, marker)?.displayParts);
    },
    documentation(file, marker) {
      const info = quickInfo(file, marker);
      const tags = (info?.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
      return [ts.displayPartsToString(info?.documentation), ...tags].join("\n");
    },
  };
}
