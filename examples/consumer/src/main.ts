// A program written the way a bctrl user would write one: it knows the package only by name.
import { createBctrlClient } from "bctrl-api";

const bctrl = createBctrlClient({ baseUrl: process.env.BCTRL_BASE_URL });

const { data, error } = await bctrl.POST("/v1/spaces/{id}/runtimes/{runtimeId}/connections", {
  params: { path: { id: "space-1", runtimeId: "runtime-1" } },
  body: { protocol: "cdp" },
});
if (error !== undefined || data === undefined) throw new Error("create connection failed");
const status: "active" = data.status;
console.log(JSON.stringify({ id: data.id, status, protocol: data.protocol }));
