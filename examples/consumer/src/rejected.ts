// What the types reject: `tsc -p .` fails if any of these compiles, so the package's types cannot silently
// degrade to `any`. Never run.
import type { BctrlClient } from "bctrl-api";

type CreateInput = Parameters<BctrlClient["spaces"]["runtimes"]["connections"]["create"]>[0];
type StopInput = Parameters<BctrlClient["workspaces"]["runtimes"]["stop"]>[0];

// @ts-expect-error "ssh" is not a protocol the create operation accepts
export const wrongProtocol: CreateInput = { path: { id: "s", runtimeId: "r" }, body: { protocol: "ssh" } };
// @ts-expect-error the path parameters are required
export const missingPath: StopInput = {};
// @ts-expect-error there is no such operation
export type NoSuchOperation = BctrlClient["spaces"]["runtimes"]["list"];
// @ts-expect-error openapi-fetch's verbs only take the spec's paths
export const unknownPath = (bctrl: BctrlClient) => bctrl.GET("/v1/nowhere");
