/**
 * Child process: a tiny JSON API on 127.0.0.1 (free port) for the client throughput benchmark. Prints
 * `{"port": n}`, then answers every request with a fixed connection lease until its stdin closes (the parent
 * exiting closes it, so the server never outlives the bench).
 */
import { createServer } from "node:http";

const BODY = JSON.stringify({
  id: "8d3e9a52-5a1c-4a7e-9a57-0e1e3f0f4c11",
  runId: "2c4ad8e1-4d4f-4b0c-9a43-8e0d4b9e7f21",
  runtimeId: "7b1f0c55-2f0e-4d8a-b1de-31a0c1e2d3f4",
  protocol: "cdp",
  status: "active",
  endpoint: { type: "websocket", url: "ws://127.0.0.1/devtools" },
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: null,
  closedAt: null,
  revokedAt: null,
});

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(BODY),
    });
    response.end(BODY);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.stdin.on("end", () => server.close(() => process.exit(0)));
process.stdin.resume();
