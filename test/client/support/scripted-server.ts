/**
 * A real HTTP server on a free loopback port whose replies a test scripts one by one; it records every request
 * (method, path, headers, body, arrival time) so tests can check what the client actually sent.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes, as sent. */
  bytes: Buffer;
  /** `performance.now()` when the request's body had arrived. */
  at: number;
}

/** One scripted reply. `json` is serialised with `content-type: application/json`. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** A binary body. */
  bytes?: Uint8Array;
  /** Writes the reply itself (streams, slow bodies); `closed` resolves when the client closes the connection. */
  respond?: (response: ServerResponse, closed: Promise<void>) => void;
  /** Destroy the connection without answering (a network error for the client). */
  destroy?: boolean;
  /** Never answer (for timeouts); the connection is closed when the server closes. */
  hang?: boolean;
}

/** Replies in order; the last one repeats. A function gets the request and its index. */
export type Script = readonly Reply[] | ((request: RecordedRequest, index: number) => Reply);

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function replyFor(script: Script, request: RecordedRequest, index: number): Reply {
  if (typeof script === "function") return script(request, index);
  return script[Math.min(index, script.length - 1)] ?? { status: 404 };
}

function send(response: ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  let body: string | Uint8Array = reply.bytes ?? reply.text ?? "";
  if (reply.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(reply.json);
  }
  response.writeHead(reply.status ?? 200, headers);
  response.end(body);
}

/** Starts a scripted server on 127.0.0.1, port 0. */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request: RecordedRequest = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        bytes: Buffer.concat(chunks),
        at: performance.now(),
      };
      requests.push(request);
      const reply = replyFor(script, request, requests.length - 1);
      if (reply.destroy) incoming.socket.destroy();
      else if (reply.respond)
        reply.respond(response, new Promise((resolve) => response.once("close", () => resolve())));
      else if (!reply.hang) send(response, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
