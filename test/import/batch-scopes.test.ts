/**
 * Evidence across a batch's pages: the OAuth 2 scopes its operations ask for (batch-scopes.ts). Every page of
 * drchrono's docs copies the same security scheme; a scope text that could run on past the next scope's key is read
 * as ending there when another page of the batch asks for that scope.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  batchScopesRule,
  learnRequiredScopesFromText,
  type RequiredScopes,
  scopesAskedWith,
} from "../../scripts/import/batch-scopes.ts";
import type { Entries } from "../../scripts/import/evidence.ts";
import { spawnCli } from "../support/cli.ts";
import { pagesOf, type RealPage } from "./support/real-pages.ts";

describe("the scopes a collapsed page asks for, read from its text, by the schemes it copies", () => {
  const schemes = " components: securitySchemes: a: type: oauth2 flows: {}";
  it.each([
    [
      "an operation's requirement",
      "get: security: - drchrono_oauth2: - calendar:read - calendar:write responses: '200':",
      { drchrono_oauth2: ["calendar:read", "calendar:write"] },
    ],
    [
      "two requirements",
      "security: - a: - read - b: - write:all servers:",
      { a: ["read"], b: ["write:all"] },
    ],
    ["a requirement with no scopes", "security: - api_key: [] responses:", {}],
    ["an empty list", "security: [] responses:", {}],
    ["a word `security:` inside a text, then prose", "description: the security: of it", {}],
  ] as const)("%s", (_, text, want) => {
    const required: RequiredScopes = {};
    learnRequiredScopesFromText(required, `${text}${schemes}`);
    expect(scopesAskedWith(required, `other words${schemes}`)).toEqual(want);
  });

  it("counts a page only for pages that copy the very same schemes (two APIs naming theirs alike)", () => {
    const required: RequiredScopes = {};
    learnRequiredScopesFromText(required, `security: - oauth2: - billing${schemes} billing: View invoices`);
    expect(scopesAskedWith(required, `x${schemes} billing: View invoices`)).toEqual({ oauth2: ["billing"] });
    expect(scopesAskedWith(required, `x${schemes} accounts: Manage accounts`)).toEqual({});
  });

  it("reads no requirement inside the schemes (a scheme's description showing one as an example)", () => {
    const required: RequiredScopes = {};
    learnRequiredScopesFromText(
      required,
      `get: responses: {}${schemes} description: for example security: - a: - admin`,
    );
    expect(required).toEqual({});
  });

  it("reads nothing from a page without schemes", () => {
    const required: RequiredScopes = {};
    learnRequiredScopesFromText(required, "security: - a: - read");
    expect(required).toEqual({});
  });
});

describe("a scheme declares the scopes the batch's pages ask for (batchScopesRule)", () => {
  const document = (scopes: string[]): Entries => [
    [
      "components",
      {
        securitySchemes: {
          oauth: {
            type: "oauth2",
            flows: {
              implicit: {
                authorizationUrl: "https://a.example",
                scopes: Object.fromEntries(scopes.map((s) => [s, s])),
              },
            },
          },
          key: { type: "apiKey", in: "header", name: "X-Key" },
        },
      },
    ],
  ];
  it.each([
    ["every scope asked for declared", { oauth: ["a", "b"] }, ["a", "b", "c"], 0],
    ["a scope asked for missing (read into a text)", { oauth: ["a", "d"] }, ["a", "b"], 1],
    ["a scheme that declares no scopes is not judged", { key: ["x"] }, ["a"], 0],
    ["another scheme's scopes", { other: ["z"] }, ["a"], 0],
  ] as const)("%s", (_, required, declared, count) => {
    const rule = batchScopesRule(required as unknown as Record<string, string[]>);
    expect(rule?.problems([], document([...declared]), true)).toHaveLength(count);
  });

  it("is no rule when no page asks for a scope", () => {
    expect(batchScopesRule({})).toBeUndefined();
  });
});

describe("drchrono-shaped pages, every one collapsed, as a whole `npm run import` process", () => {
  // A folded scope text (`settings:write: >- … templates.`) could run on past `tasks:read:`; only the tasks page asks
  // for `tasks:read`, so the other two pages are decided by it, and refused without it.
  const scopes = {
    "calendar:read": "View your appointments.",
    "settings:write":
      "Create resources that requires Settings permission, such as custom fields and the practice's own templates.",
    "tasks:read": "View tasks in your tasks center",
    "tasks:write": "Create and modify tasks in your tasks center",
  };
  const oauth = (authority: string, scopes: Record<string, string>) => ({
    type: "oauth2",
    flows: {
      authorizationCode: {
        authorizationUrl: `${authority}/authorize/`,
        tokenUrl: `${authority}/token/`,
        scopes,
      },
    },
  });
  const listing = (operationId: string, scope: string) => ({
    get: {
      operationId,
      security: [{ drchrono_oauth2: [scope] }],
      responses: { "200": { description: "OK" } },
    },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "drchrono API", version: "v4" },
    servers: [{ url: "https://app.drchrono.com" }],
    paths: {
      "/api/appointments": listing("listAppointments", "calendar:read"),
      "/api/custom_fields": listing("listCustomFields", "settings:write"),
      "/api/tasks": listing("listTasks", "tasks:read"),
    },
    components: { securitySchemes: { drchrono_oauth2: oauth("https://drchrono.com/o", scopes) } },
  };
  const pages = pagesOf(spec as never, "drchrono") as RealPage[];

  async function importCollapsed(chosen: RealPage[]) {
    const dir = await mkdtemp(path.join(tmpdir(), "batch-scopes-"));
    await mkdir(path.join(dir, "pages"));
    for (const page of chosen) await writeFile(path.join(dir, "pages", page.name), page.collapsed);
    const result = await spawnCli(["import", "--out", path.join(dir, "out"), path.join(dir, "pages")]);
    return {
      dir,
      result,
      line: (name: string) => result.stdout.split("\n").find((each) => each.includes(name)) ?? "",
    };
  }

  it("reads every page exactly, the pages that do not ask for `tasks:read` decided by the one that does", async () => {
    const { dir, result, line } = await importCollapsed(pages);
    try {
      expect(result.code).toBe(0);
      for (const page of pages) {
        const written = /-> (\S+) \(/.exec(line(page.name))?.[1] as string;
        expect(parse(await readFile(written, "utf8"))).toEqual(page.expected);
      }
      expect(line("drchrono-000.md")).toMatch(
        /decided by .*a scheme declares the scopes the batch's pages ask for/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("lends no scope to another API of the batch whose scheme has the same name (a review's)", async () => {
    // The Billing API asks for `billing`; the Accounts API's `accounts` text really holds `… including billing: …`.
    const api = (title: string, route: string, scope: string, scopes: Record<string, string>) =>
      pagesOf(
        {
          openapi: "3.1.0",
          info: { title, version: "1.0" },
          servers: [{ url: "https://api.acme.dev" }],
          paths: Object.fromEntries(
            [route, `${route}/{id}`].map((each, index) => [
              each,
              listing(`${title.split(" ")[0]}${index}`, scope),
            ]),
          ),
          components: { securitySchemes: { drchrono_oauth2: oauth("https://auth.acme.dev", scopes) } },
        } as never,
        title.split(" ")[0]?.toLowerCase() as string,
      ) as RealPage[];
    const accounts = api("Accounts API", "/accounts", "accounts", {
      accounts:
        "Manage the account's settings and members, including billing: invoices, payment methods and plan changes",
      profile: "Read the signed-in user's profile",
    });
    const billing = api("Billing API", "/invoices", "billing", {
      billing: "View invoices and payment methods",
    });
    const { dir, result, line } = await importCollapsed([...accounts, ...billing]);
    try {
      expect(result.code).toBe(1);
      for (const page of accounts) expect(line(page.name)).not.toMatch(/->/);
      expect(result.stderr).toMatch(/accounts-000\.md: .*ambiguous at word \d+ .*"billing:"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses those pages without it", async () => {
    const { dir, result, line } = await importCollapsed(pages.slice(0, 2));
    try {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/drchrono-000\.md: .*ambiguous at word \d+ .*"tasks:read:"/);
      expect(line("drchrono-000.md")).not.toMatch(/->/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
