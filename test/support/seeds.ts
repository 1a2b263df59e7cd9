import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, for tests that run the real commands. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SPECS_DIR = path.join(ROOT, "specs");
export const GENERATED_DIR = path.join(ROOT, "generated");
