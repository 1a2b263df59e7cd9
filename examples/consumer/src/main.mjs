// The same program in plain Node ESM, no TypeScript: `node src/main.mjs` after `npm run build` at the root.
import { BctrlApiError, createBctrlClient } from "bctrl-api";

const bctrl = createBctrlClient({ baseUrl: process.env.BCTRL_BASE_URL, timeoutMs: 10_000 });

const connection = await bctrl.spaces.runtimes.connections.create({
  path: { id: "space-1", runtimeId: "runtime-1" },
  body: { protocol: "cdp" },
});
const { data } = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
  params: { path: { id: "space-1", runtimeId: "runtime-1" } },
  body: { protocol: "cdp" },
});
const failure = await bctrl.workspaces.runtimes
  .stop({ path: { id: "workspace-1", alias: "missing" } })
  .catch((caught) => caught);
const stopError =
  failure instanceof BctrlApiError ? { status: failure.status, requestId: failure.requestId } : null;

console.log(
  JSON.stringify({ id: connection.id, status: connection.status, protocol: data.protocol, stopError }),
);
