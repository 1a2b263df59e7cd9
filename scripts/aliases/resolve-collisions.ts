/**
 * Picks one unique name per request. Precedence: a user's override, then the name recorded in the lock file (so
 * adding specs never renames an existing alias), then the first candidate. When candidates collide, the request with
 * the best rank keeps the plain name and each other one takes the smallest qualifier level at which no other member
 * of the collision reads the same (`CreateConnection` / `CreateWorkspaceConnection`), then a number as a last resort,
 * which is reported (see NumberedName) so the generator can warn about it.
 */
import { compareStrings } from "../load/load.ts";
import { GeneratorError, pointer } from "../shared/openapi.ts";
import { capitalize, dropLeadingWords, isAliasName, MAX_ALIAS_LENGTH } from "./words.ts";

export interface NameRequest {
  /** Unique and stable: decides order among equal ranks. */
  id: string;
  /** Override and lock keys this request answers to (schema names, `POST /route#request`, …). */
  keys: readonly string[];
  /** Raw candidates by qualifier level; invalid ones are skipped, positions are kept so levels line up. */
  candidates: readonly string[];
  /** Lower wins a contested name. */
  rank: number;
}

export interface NamePins {
  overrides: ReadonlyMap<string, string>;
  lock: ReadonlyMap<string, string>;
  /** Names already declared or otherwise unavailable. */
  reserved: ReadonlySet<string>;
  /** Where overrides come from, for error messages. */
  overridesFile: string;
}

/**
 * Turns a raw candidate into a valid alias name or undefined: length by dropping leading words; a global type's or
 * reserved name (the package's own exports, `paths`, …) gets the `Api` prefix.
 */
export function sanitizeCandidate(
  raw: string,
  reserved: ReadonlySet<string> = new Set(),
): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(raw)) return undefined;
  const name = dropLeadingWords(capitalize(raw));
  if (isAliasName(name) && !reserved.has(name)) return name;
  const prefixed = `Api${name}`;
  return isAliasName(prefixed) && !reserved.has(prefixed) ? prefixed : undefined;
}

function pinned(keys: readonly string[], pins: ReadonlyMap<string, string>): [string, string] | undefined {
  for (const key of keys) {
    const name = pins.get(key);
    if (name !== undefined) return [key, name];
  }
  return undefined;
}

/** A name that needed a number to be unique: nothing in its candidates told it apart (reported as a warning). */
export interface NumberedName {
  /** The request's id (`schema X`, `POST /route#request`). */
  id: string;
  name: string;
  /** The name it could not have. */
  wanted: string;
}

export interface ResolvedNames {
  names: Map<string, string>;
  numbered: NumberedName[];
}

export function resolveNames(requests: readonly NameRequest[], pins: NamePins): Map<string, string> {
  return resolveNamesWithReport(requests, pins).names;
}

/**
 * As resolveNames, also listing the names that needed a number. Every contested plain name goes to its best claimant
 * before any loser picks a qualified one, so a loser's qualifier never takes another request's plain name.
 */
export function resolveNamesWithReport(requests: readonly NameRequest[], pins: NamePins): ResolvedNames {
  const names = new Map<string, string>();
  const numberedNames: NumberedName[] = [];
  const taken = new Set(pins.reserved);
  const assign = (id: string, name: string): void => {
    names.set(id, name);
    taken.add(name);
  };
  const ordered = [...requests].sort((a, b) => a.rank - b.rank || compareStrings(a.id, b.id));
  for (const request of ordered) {
    const override = pinned(request.keys, pins.overrides);
    if (override === undefined) continue;
    const [key, name] = override;
    if (taken.has(name))
      throw new GeneratorError([
        {
          file: pins.overridesFile,
          pointer: pointer("aliases", key),
          message: `alias ${name} is already taken`,
        },
      ]);
    assign(request.id, name);
  }
  for (const request of ordered) {
    const name = names.has(request.id) ? undefined : pinned(request.keys, pins.lock)?.[1];
    if (name !== undefined && isAliasName(name) && !taken.has(name)) assign(request.id, name);
  }
  const open = ordered.filter((request) => !names.has(request.id));
  // Many requests share candidates (every operation of a resource offers the same qualifiers): sanitize each once.
  const sanitized = new Map<string, string | undefined>();
  const sanitize = (raw: string): string | undefined => {
    if (!sanitized.has(raw)) sanitized.set(raw, sanitizeCandidate(raw, pins.reserved));
    return sanitized.get(raw);
  };
  const levels = new Map(open.map((r) => [r.id, r.candidates.map(sanitize)]));
  const groups = new Map<string, NameRequest[]>();
  for (const request of open) {
    const base = levels.get(request.id)?.find((name) => name !== undefined) ?? "Schema";
    const group = groups.get(base);
    if (group) group.push(request);
    else groups.set(base, [request]);
  }
  const losers: [string, NameRequest, NameRequest[]][] = [];
  for (const [base, members] of groups) {
    const winner = taken.has(base) ? undefined : members[0];
    if (winner) assign(winner.id, base);
    for (const member of members) if (member !== winner) losers.push([base, member, members]);
  }
  for (const [base, loser, members] of losers) {
    const options = levels.get(loser.id) ?? [];
    const name =
      distinguishingName(loser, members, levels, taken) ??
      options.find((option) => option !== undefined && !taken.has(option));
    if (name !== undefined) {
      assign(loser.id, name);
      continue;
    }
    const last = numbered(base, taken);
    numberedNames.push({ id: loser.id, name: last, wanted: base });
    assign(loser.id, last);
  }
  return { names, numbered: numberedNames };
}

/**
 * The member's name at the first level past the plain one where no other member of the collision reads the same
 * and the name is still free; qualifier levels are cumulative, so that name tells the member apart.
 */
function distinguishingName(
  member: NameRequest,
  members: readonly NameRequest[],
  levels: ReadonlyMap<string, (string | undefined)[]>,
  taken: ReadonlySet<string>,
): string | undefined {
  const own = levels.get(member.id) ?? [];
  for (let level = 1; level < own.length; level++) {
    const name = own[level];
    if (name === undefined || taken.has(name)) continue;
    const shared = members.some((other) => other !== member && levels.get(other.id)?.[level] === name);
    if (!shared) return name;
  }
  return undefined;
}

function numbered(base: string, taken: ReadonlySet<string>): string {
  const stem = dropLeadingWords(base, MAX_ALIAS_LENGTH - 4);
  for (let n = 2; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}
