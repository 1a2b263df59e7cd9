/**
 * Sync, step 4: compare the specs the site publishes with the ones on disk. Pure: file name → text in, lists out.
 */
import { compareStrings } from "../load/load.ts";

/** File names relative to the specs folder, each list sorted. */
export interface SyncPlan {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** Local specs that no page on the site produced any more. */
  notOnSite: string[];
}

/** What to write and delete, by file name relative to the specs folder. */
export interface SyncChanges {
  write: ReadonlyMap<string, string>;
  remove: readonly string[];
}

export function planChanges(
  local: ReadonlyMap<string, string>,
  incoming: ReadonlyMap<string, string>,
): SyncPlan {
  const plan: SyncPlan = { added: [], changed: [], unchanged: [], notOnSite: [] };
  for (const [name, text] of incoming) {
    const current = local.get(name);
    if (current === undefined) plan.added.push(name);
    else if (current === text) plan.unchanged.push(name);
    else plan.changed.push(name);
  }
  for (const name of local.keys()) if (!incoming.has(name)) plan.notOnSite.push(name);
  for (const list of Object.values(plan)) list.sort(compareStrings);
  return plan;
}

/** The writes a plan calls for; local specs missing from the site are deleted only when `prune` is set. */
export function changesFor(
  plan: SyncPlan,
  incoming: ReadonlyMap<string, string>,
  prune: boolean,
): SyncChanges {
  const write = new Map<string, string>();
  for (const name of [...plan.added, ...plan.changed]) {
    const text = incoming.get(name);
    if (text !== undefined) write.set(name, text);
  }
  return { write, remove: prune ? [...plan.notOnSite] : [] };
}

export function hasChanges(changes: SyncChanges): boolean {
  return changes.write.size > 0 || changes.remove.length > 0;
}
