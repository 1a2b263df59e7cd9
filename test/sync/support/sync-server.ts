/**
 * A real HTTP server on 127.0.0.1 (port 0) that plays a docs site for the sync tests: each path answers with a
 * scripted sequence of responses, and the server records every request and the most requests it had in flight.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted response. `delayMs` holds the response back, to keep requests in flight or pass a timeout. */
export interface Reply {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Replies for one path: the nth request gets the nth reply, and the last one repeats. */
export type Script = Reply | Reply[];

export interface TestSite {
  origin: string;
  /** Scripts by path (with query); unknown paths answer 404. */
  routes: Map<string, Script>;
  /** Every request path, in arrival order. */
  requests: string[];
  /** The most requests that were in flight at once. */
  maxInFlight: () => number;
  close: () => Promise<void>;
}

export async function startSite(): Promise<TestSite> {
  const routes = new Map<string, Script>();
  const requests: string[] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? "/";
    requests.push(path);
    const seen = counts.get(path) ?? 0;
    counts.set(path, seen + 1);
    const script = routes.get(path);
    const replies = script === undefined ? [{ status: 404, body: "not found" }] : [script].flat();
    const reply = replies[Math.min(seen, replies.length - 1)] ?? { status: 404 };
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
    };
    response.on("close", finish);
    const send = (): void => {
      if (response.destroyed) return;
      response.writeHead(reply.status ?? 200, {
        "content-type": "text/markdown; charset=utf-8",
        ...reply.headers,
      });
      response.end(reply.body ?? "");
    };
    if (reply.delayMs === undefined) send();
    else setTimeout(send, reply.delayMs).unref();
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    maxInFlight: () => maxInFlight,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
