/**
 * Generator configuration: an optional JSON file (default `bctrl-api.config.json` in the working folder) that pins
 * what cannot be derived from the specs — the merged document's `info`, and alias names chosen by people.
 */
import { readFile } from "node:fs/promises";
import { GeneratorError, isRecord } from "./openapi.ts";

export interface GeneratorConfig {
  /** Replaces the merged document's `info` (otherwise taken from the first spec file). */
  info?: { title: string; version: string; description?: string };
  /** Pins alias names: key is a schema name (or an operation key the aliases stage documents), value the alias. */
  aliases?: Record<string, string>;
}

export const DEFAULT_CONFIG_FILE = "bctrl-api.config.json";

/** Reads the config file; a missing default file means an empty config, a missing explicit file is an error. */
export async function loadConfig(
  file: string,
  { required }: { required: boolean },
): Promise<GeneratorConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new GeneratorError([{ file, message: `cannot read config: ${(error as Error).message}` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError([{ file, message: `invalid JSON: ${(error as Error).message}` }]);
  }
  if (!isRecord(value))
    throw new GeneratorError([{ file, pointer: "", message: "config must be a JSON object" }]);
  return value as GeneratorConfig;
}
