/**
 * Which behavior drives which agent: a default per team and an override per
 * agent id, changeable at any tick. Behaviors are named by their library id
 * (a string); `null` means the built-in AI. Plain data, so a match can log
 * and replay every change.
 */
export interface BehaviorAssignments {
  /** Team → behavior id (teams without an entry use the built-in AI). */
  byTeam: Map<number, string>;
  /** Agent id → behavior id, or null to force the built-in AI; wins over the team's. */
  byAgent: Map<number, string | null>;
}

/** No assignments: every agent runs the built-in AI. */
export function createAssignments(): BehaviorAssignments {
  return { byTeam: new Map(), byAgent: new Map() };
}

/** Sets team `team`'s default behavior; null returns the team to the built-in AI. */
export function assignTeam(
  assignments: BehaviorAssignments,
  team: number,
  behaviorId: string | null,
): void {
  if (behaviorId === null) assignments.byTeam.delete(team);
  else assignments.byTeam.set(team, behaviorId);
}

/**
 * Overrides agent `agentId`'s behavior (null: the built-in AI, whatever its
 * team runs). `undefined` removes the override, so the team's applies again.
 */
export function assignAgent(
  assignments: BehaviorAssignments,
  agentId: number,
  behaviorId: string | null | undefined,
): void {
  if (behaviorId === undefined) assignments.byAgent.delete(agentId);
  else assignments.byAgent.set(agentId, behaviorId);
}

/** The behavior id that drives agent `agentId` of team `team`, or null for the built-in AI. */
export function behaviorOf(
  assignments: BehaviorAssignments,
  agentId: number,
  team: number,
): string | null {
  const own = assignments.byAgent.get(agentId);
  if (own !== undefined) return own;
  return assignments.byTeam.get(team) ?? null;
}

/**
 * Fills `out[u]` for units `0 .. count-1` with the slot of the behavior that
 * drives them (`slotOf(behaviorId)`, which returns -1 for one that is not
 * loaded), or -1 for the built-in AI. Units whose `isAgent[u]` is 0
 * (player avatars) always get -1.
 */
export function resolveSlots(
  assignments: BehaviorAssignments,
  ids: ArrayLike<number>,
  teams: ArrayLike<number>,
  isAgent: ArrayLike<number>,
  count: number,
  slotOf: (behaviorId: string) => number,
  out: Int32Array,
): void {
  for (let u = 0; u < count; u++) {
    if (!isAgent[u]) {
      out[u] = -1;
      continue;
    }
    const id = behaviorOf(assignments, ids[u], teams[u]);
    out[u] = id === null ? -1 : slotOf(id);
  }
}
