// A program written the way a bctrl user would write one: it knows the package only by name.
// BCTRL_API_KEY and BCTRL_BASE_URL come from the environment.
import { BctrlApiError, type components, createBctrlClient } from "bctrl-api";

type Connection = components["schemas"]["spaces_runtimesConnectionsCreate_Response_200"];

const bctrl = createBctrlClient({ baseUrl: process.env.BCTRL_BASE_URL, timeoutMs: 10_000 });

// The operation method: typed input, typed result, errors thrown.
const connection: Connection = await bctrl.spaces.runtimes.connections.create({
  path: { id: "space-1", runtimeId: "runtime-1" },
  body: { protocol: "cdp" },
});
const status: "active" = connection.status;

// The openapi-fetch verb on the same client: { data, error, response }.
const { data, error } = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
  params: { path: { id: "space-1", runtimeId: "runtime-1" } },
  body: { protocol: "cdp" },
});
if (error !== undefined || data === undefined) throw new Error("create connection failed");

// A failing call: the error says what failed, without the key.
const failure = await bctrl.workspaces.runtimes
  .stop({ path: { id: "workspace-1", alias: "missing" } })
  .catch((caught: unknown) => caught);
const stopError =
  failure instanceof BctrlApiError ? { status: failure.status, requestId: failure.requestId } : null;

console.log(
  JSON.stringify({
    id: connection.id,
    status,
    protocol: data.protocol,
    stopError,
  }),
);
