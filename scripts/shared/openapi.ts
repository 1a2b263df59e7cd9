/**
 * Shared vocabulary of the generator: the OpenAPI object types (from openapi-typescript, so every stage speaks
 * the same typed document) and the problem records every stage reports.
 */
import type { OpenAPI3 } from "openapi-typescript";

export type {
  ComponentsObject,
  MediaTypeObject,
  OpenAPI3,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  SecuritySchemeObject,
  ServerObject,
  TagObject,
} from "openapi-typescript";

/** The HTTP methods an OpenAPI path item may hold, in the order we print them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One per-endpoint document as read from disk; `file` is relative to the specs folder, with `/` separators. */
export interface SpecFile {
  file: string;
  document: OpenAPI3;
}

/** A problem found in the input: where it is (file plus JSON pointer or line) and what is wrong. */
export interface Problem {
  file: string;
  pointer?: string;
  line?: number;
  message: string;
  /** The other file involved in a conflict, when there is one. */
  otherFile?: string;
}

/** Formats a problem as one line: `file:line#/pointer: message (also in other)`. */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}${
    problem.pointer === undefined ? "" : `#${problem.pointer}`
  }`;
  const other = problem.otherFile === undefined ? "" : ` (conflicts with ${problem.otherFile})`;
  return `${where}: ${oneLine(problem.message)}${other}`;
}

/** Collapses any message to a single line so every problem prints as exactly one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Thrown by a stage when the input is bad; carries every problem found, so a run fails once with all of them. */
export class GeneratorError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "GeneratorError";
    this.problems = problems;
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a JSON pointer from segments. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join("");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An error as one line: its class (RangeError, …) or errno code, and its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code === undefined ? "" : ` ${code}`}: ${error.message}`;
}
