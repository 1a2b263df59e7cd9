/**
 * The corpus's endpoints: every (scope, resource, sub-resource, verb) combination in a seeded order, so the first N
 * are a varied sample. Past the combinations, later "generations" repeat them under /v2, /v3, … .
 */
import { createRandom, deriveSeed, shuffle } from "./random.ts";

export const SCOPES = ["spaces", "workspaces"] as const;
const PARENTS = [
  "runtimes",
  "profiles",
  "files",
  "sessions",
  "agents",
  "tools",
  "datasets",
  "webhooks",
  "secrets",
  "schedules",
] as const;
const CHILDREN = [
  undefined,
  "connections",
  "logs",
  "snapshots",
  "runs",
  "versions",
  "members",
  "events",
] as const;

export type Verb = "list" | "create" | "get" | "update" | "replace" | "delete" | "execute" | "stop";
const VERBS: readonly Verb[] = ["list", "create", "get", "update", "replace", "delete", "execute", "stop"];

const VERB_ROUTES: Record<Verb, { method: string; item: boolean; suffix?: string }> = {
  list: { method: "get", item: false },
  create: { method: "post", item: false },
  get: { method: "get", item: true },
  update: { method: "patch", item: true },
  replace: { method: "put", item: true },
  delete: { method: "delete", item: true },
  execute: { method: "post", item: true, suffix: "execute" },
  stop: { method: "post", item: true, suffix: "stop" },
};

/** Verbs whose operationId the site sometimes leaves bare (`get`, `execute`), so they recur across paths. */
const BARE_VERBS = new Set<Verb>(["get", "execute"]);

export interface Endpoint {
  scope: (typeof SCOPES)[number];
  parent: string;
  child?: string;
  verb: Verb;
  /** 0 for /v1, 1 for /v2, … */
  generation: number;
}

interface Combination {
  scope: Endpoint["scope"];
  parent: string;
  child?: string;
  verb: Verb;
}

function allCombinations(): Combination[] {
  return SCOPES.flatMap((scope) =>
    PARENTS.flatMap((parent) =>
      CHILDREN.flatMap((child) =>
        VERBS.map((verb) => ({ scope, parent, verb, ...(child ? { child } : {}) })),
      ),
    ),
  );
}

/** The first `count` endpoints for `seed`; distinct (path, method) pairs. */
export function listEndpoints(count: number, seed: number): Endpoint[] {
  const order = shuffle(createRandom(deriveSeed(seed, "endpoints")), allCombinations());
  return Array.from({ length: count }, (_, index) => ({
    ...(order[index % order.length] as Combination),
    generation: Math.floor(index / order.length),
  }));
}

const singular = (noun: string): string => noun.replace(/s$/, "");

export function methodOf(endpoint: Endpoint): string {
  return VERB_ROUTES[endpoint.verb].method;
}

export function hasRequestBody(endpoint: Endpoint): boolean {
  return ["post", "put", "patch"].includes(methodOf(endpoint)) && endpoint.verb !== "stop";
}

/** `/v1/spaces/{id}/runtimes/{runtimeId}/connections/{connectionId}/execute` and the like. */
export function pathOf(endpoint: Endpoint): string {
  const { parent, child, verb } = endpoint;
  const route = VERB_ROUTES[verb];
  const segments = [`v${endpoint.generation + 1}`, endpoint.scope, "{id}", parent];
  if (child) segments.push(`{${singular(parent)}Id}`, child);
  if (route.item) segments.push(`{${singular(child ?? parent)}Id}`);
  if (route.suffix) segments.push(route.suffix);
  return `/${segments.join("/")}`;
}

export function pathParameters(endpoint: Endpoint): string[] {
  return [...pathOf(endpoint).matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}

/** `runtimes-connections-create`: the site's operationId, before any bare-verb shortening. */
export function operationKey(endpoint: Endpoint): string {
  return [endpoint.parent, endpoint.child, endpoint.verb].filter(Boolean).join("-");
}

/** Some get/execute operations carry only the verb as operationId; which ones depends on the seed, not the scope. */
export function operationIdOf(endpoint: Endpoint, seed: number): string {
  if (!BARE_VERBS.has(endpoint.verb)) return operationKey(endpoint);
  const bare = createRandom(deriveSeed(seed, `bare:${operationKey(endpoint)}`))() < 0.35;
  return bare ? endpoint.verb : operationKey(endpoint);
}

/** The resource whose shape the endpoint reads and writes. */
export function resourceOf(endpoint: Endpoint): string {
  return endpoint.child ?? endpoint.parent;
}

export function summaryOf(endpoint: Endpoint): string {
  const noun = singular(resourceOf(endpoint));
  const where = endpoint.scope === "spaces" ? "a space" : "a workspace";
  const of = endpoint.child ? ` of a ${singular(endpoint.parent)}` : "";
  const verbs: Record<Verb, string> = {
    list: `List ${resourceOf(endpoint)}`,
    create: `Create a ${noun}`,
    get: `Get a ${noun}`,
    update: `Update a ${noun}`,
    replace: `Replace a ${noun}`,
    delete: `Delete a ${noun}`,
    execute: `Execute a ${noun}`,
    stop: `Stop a live ${noun}`,
  };
  return `${verbs[endpoint.verb]}${of} inside ${where}`;
}
