import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, for tests that run the real commands. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SPECS_DIR = path.join(ROOT, "specs");
export const GENERATED_DIR = path.join(ROOT, "generated");

/** A connection lease as the seed's create-connection operation returns it, for loopback servers to answer with. */
export const SEED_CONNECTION = {
  id: "6f1c1b1e-4a43-4a43-8a43-0c1b1e4a4343",
  runId: "7a2d2c2f-5b54-4b54-9b54-1d2c2f5b5454",
  runtimeId: "8b3e3d30-6c65-4c65-8c65-2e3d306c6565",
  protocol: "cdp",
  status: "active",
  endpoint: { type: "websocket", url: "wss://runtime.example/devtools" },
  createdAt: "2026-01-01T00:00:00Z",
  expiresAt: null,
  revokedAt: null,
  closedAt: null,
};
