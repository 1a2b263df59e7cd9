// A program written the way a bctrl user would write one: it knows the package only by name.
// BCTRL_API_KEY and BCTRL_BASE_URL come from the environment.
import {
  BctrlApiError,
  type ConnectionEndpoint,
  type ConnectionStatus,
  type CreateConnectionResponse,
  createBctrlClient,
} from "bctrl-api";

const bctrl = createBctrlClient({ baseUrl: process.env.BCTRL_BASE_URL, timeoutMs: 10_000 });

// The operation method: typed input, typed result, errors thrown.
const connection: CreateConnectionResponse = await bctrl.spaces.runtimes.connections.create({
  path: { id: "space-1", runtimeId: "runtime-1" },
  body: { protocol: "cdp" },
});
const status: ConnectionStatus = connection.status;
// Each field reads as its alias: a union of endpoint kinds, narrowed by `type`.
const endpoint: ConnectionEndpoint = connection.endpoint;
if (endpoint.type === "websocket") console.error(`devtools at ${endpoint.url}`);

// The openapi-fetch verb on the same client: { data, error, response }.
const { data, error } = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
  params: { path: { id: "space-1", runtimeId: "runtime-1" } },
  body: { protocol: "cdp" },
});
if (error !== undefined || data === undefined) throw new Error("create connection failed");
const created: CreateConnectionResponse = data;

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
    protocol: created.protocol,
    stopError,
  }),
);
