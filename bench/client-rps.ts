/**
 * Client throughput: the same request (create a connection lease) sent through createBctrlClient and through a
 * hand-written `fetch`, against a loopback server in its own process. A fixed number of requests per sample, with
 * a fixed number in flight, so the measurement always ends.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.ts";
import { createBctrlClient } from "../src/index.ts";
import { BENCH_DIR, ROOT } from "./spawn.ts";
import { cpuMillis } from "./stats.ts";

export interface Rate {
  rps: number;
  /** CPU time this process spent per request, ms: steadier than requests/s when other work shares the machine. */
  cpuMsPerRequest: number;
}

/** One sample of each sender: bctrl-api's client, a hand-written fetch, and bare openapi-fetch for reference. */
export interface ThroughputSample {
  client: Rate;
  fetch: Rate;
  openapiFetch: Rate;
}

const API_KEY = "bench-key";
const BODY = { protocol: "cdp" } as const;

/** Starts the loopback server; `stop` closes its stdin, which ends it. */
export async function startLoopbackServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(BENCH_DIR, "child/loopback-server.ts")],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`loopback server exited with ${code}`)));
    child.stdout.once("data", (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString()) as { port: number }).port),
    );
  });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** Requests per second (and CPU per request) for `send`, `total` requests with `concurrency` in flight. */
export async function measureRps(
  send: () => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<Rate> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await send();
    }
  };
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { rps: total / seconds, cpuMsPerRequest: cpuMillis(process.cpuUsage(cpuStart)) / total };
}

export function clientSender(baseUrl: string): () => Promise<unknown> {
  const client = createBctrlClient({ apiKey: API_KEY, baseUrl });
  return async () => {
    const { data, error } = await client.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
      params: { path: { id: "space-1", runtimeId: "runtime-1" } },
      body: BODY,
    });
    if (error !== undefined || data === undefined) throw new Error("client request failed");
    return data;
  };
}

/** openapi-fetch with nothing of ours: how much of the client's cost is its foundation's. */
export function openapiFetchSender(baseUrl: string): () => Promise<unknown> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${API_KEY}` } });
  return async () => {
    const { data, error } = await client.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
      params: { path: { id: "space-1", runtimeId: "runtime-1" } },
      body: BODY,
    });
    if (error !== undefined || data === undefined) throw new Error("openapi-fetch request failed");
    return data;
  };
}

export function fetchSender(baseUrl: string): () => Promise<unknown> {
  return async () => {
    const response = await fetch(`${baseUrl}/v1/spaces/space-1/runtimes/runtime-1/connections`, {
      method: "POST",
      headers: { Authorization: `Bearer ${API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify(BODY),
    });
    if (!response.ok) throw new Error(`fetch request failed: ${response.status}`);
    return response.json();
  };
}

type Sender = keyof ThroughputSample;

/**
 * One sample of every sender: `total` requests each, sent in `batches` short batches that alternate between the
 * senders (in a rotating order), so that all of them see the same load from other processes on the machine; the
 * batches' times and CPU are summed per sender.
 */
async function interleavedSample(
  senders: Record<Sender, () => Promise<unknown>>,
  total: number,
  concurrency: number,
  batches: number,
): Promise<ThroughputSample> {
  const names = Object.keys(senders) as Sender[];
  const spent = Object.fromEntries(names.map((name) => [name, { seconds: 0, cpuMs: 0 }])) as Record<
    Sender,
    { seconds: number; cpuMs: number }
  >;
  const perBatch = Math.ceil(total / batches);
  for (let batch = 0; batch < batches; batch++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(batch + i) % names.length] as Sender;
      const rate = await measureRps(senders[name], perBatch, concurrency);
      spent[name].seconds += perBatch / rate.rps;
      spent[name].cpuMs += rate.cpuMsPerRequest * perBatch;
    }
  }
  const count = perBatch * batches;
  const rate = (name: Sender): Rate => ({
    rps: count / spent[name].seconds,
    cpuMsPerRequest: spent[name].cpuMs / count,
  });
  return { client: rate("client"), fetch: rate("fetch"), openapiFetch: rate("openapiFetch") };
}

/** `runs` samples of each sender (each interleaving the senders batch by batch), after one warm-up of each. */
export async function measureThroughput(
  runs: number,
  total = 1000,
  concurrency = 8,
  batches = 10,
): Promise<ThroughputSample[]> {
  const server = await startLoopbackServer();
  try {
    const senders = {
      fetch: fetchSender(server.baseUrl),
      client: clientSender(server.baseUrl),
      openapiFetch: openapiFetchSender(server.baseUrl),
    };
    for (const send of Object.values(senders)) await measureRps(send, 200, concurrency);
    const samples: ThroughputSample[] = [];
    for (let i = 0; i < runs; i++)
      samples.push(await interleavedSample(senders, total, concurrency, batches));
    return samples;
  } finally {
    await server.stop();
  }
}
