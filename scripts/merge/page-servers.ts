/**
 * Page servers: every docs page declares top-level `servers`, and a few (uploads on `https://upload.<host>`) declare
 * a host the rest of the API does not use. A plain union would make that host one more document server and send the
 * page's operations to the API's default one. So the default is the server most pages start with, and a page whose
 * servers do not include it keeps them as its operations' own `servers` (where the operation or its path item does
 * not already say), and stays out of the document's list. OpenAPI gives operation servers precedence, so every
 * operation's effective servers are what its page said.
 */

import {
  HTTP_METHODS,
  isRecord,
  type OpenAPI3,
  type ServerObject,
  type SpecFile,
} from "../shared/openapi.ts";

/** The server url most pages list first (ties: the one seen first); undefined when no page has servers. */
export function defaultServerUrl(specs: readonly SpecFile[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { document } of specs) {
    const url = document.servers?.[0]?.url;
    if (url !== undefined) counts.set(url, (counts.get(url) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [url, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = url;
  return best;
}

/** Each page whose servers leave out the default, with its servers moved onto its operations; the rest as they are. */
export function localisePageServers(specs: readonly SpecFile[]): SpecFile[] {
  const url = defaultServerUrl(specs);
  if (url === undefined) return [...specs];
  return specs.map((spec) => {
    const servers = spec.document.servers;
    if (!servers || servers.length === 0 || servers.some((server) => server.url === url)) return spec;
    return { file: spec.file, document: withOperationServers(spec.document, servers) };
  });
}

function withOperationServers(document: OpenAPI3, servers: ServerObject[]): OpenAPI3 {
  const { servers: _moved, ...rest } = document;
  return {
    ...rest,
    paths: routesWithServers(document.paths, servers) as OpenAPI3["paths"],
    ...(document.webhooks
      ? { webhooks: routesWithServers(document.webhooks, servers) as OpenAPI3["webhooks"] }
      : {}),
  };
}

function routesWithServers(routes: unknown, servers: ServerObject[]): unknown {
  if (!isRecord(routes)) return routes;
  const out: Record<string, unknown> = {};
  for (const [route, item] of Object.entries(routes)) {
    if (!isRecord(item) || item.servers !== undefined) {
      out[route] = item;
      continue;
    }
    const copy: Record<string, unknown> = { ...item };
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isRecord(operation) && operation.servers === undefined) copy[method] = { ...operation, servers };
    }
    out[route] = copy;
  }
  return out;
}
