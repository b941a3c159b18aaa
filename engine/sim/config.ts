import { MAX_TICK_RATE, MIN_TICK_RATE } from './fixedStep';

/**
 * Match configuration as the engine reads it. User-supplied configs are
 * validated by the zod schema in src/shared/gameConfig.ts (same shape, same
 * limits); `resolveMatchConfig` repeats the checks so a world never runs
 * on a config that skipped that step.
 */

/** One team; its index in `MatchConfig.teams` is the team number maps use for spawn zones. */
export interface TeamConfig {
  name: string;
}

/** A named match configuration. Times are seconds; the engine converts them to ticks. */
export interface MatchConfig {
  /** Config name, 1..64 characters. */
  name: string;
  /** Ticks per second, integer 10..60. */
  tickRate: number;
  /** Map name (resources/maps/<map>.json); the host loads it, the engine gets the MapDef. */
  map: string;
  /** 1..8 teams; team k spawns in the map's zones with `team === k`. */
  teams: TeamConfig[];
  /** Bots spawned per team at match start, integer 0..5000. */
  botsPerTeam: number;
  /** Most player avatars at once, integer 0..64. */
  playerLimit: number;
  /** Time from death to respawn, seconds 0..60. */
  respawnSeconds: number;
  /** Multiplier on all damage, 0..10. */
  damageScale: number;
  /** Whether projectiles hurt teammates. */
  friendlyFire: boolean;
  /** Match length, seconds 0..86400; 0 means no time limit. */
  matchSeconds: number;
  /** Behavior CPU budget per tick, ms 0.1..50 (enforced by the host's behavior sandbox). */
  behaviorCpuMs: number;
  /** Behavior memory cap per author, MiB 32..1024 (64 by default; the host's sandbox ends an author's instance past it). */
  behaviorMemoryMb: number;
  /** Inventory slots per unit, integer 1..64 (28 by default). */
  inventorySlots: number;
  /** Lifetime of a dropped ground item, seconds 1..3600. */
  itemDespawnSeconds: number;
  /** Item ids every unit gets at spawn and tops up at respawn (equipment is equipped). */
  loadout: string[];
}

/** Limits shared with the zod schema. */
export const MATCH_CONFIG_LIMITS = {
  minTickRate: MIN_TICK_RATE,
  maxTickRate: MAX_TICK_RATE,
  maxTeams: 8,
  maxBotsPerTeam: 5000,
  maxPlayerLimit: 64,
  maxRespawnSeconds: 60,
  maxDamageScale: 10,
  maxMatchSeconds: 86_400,
  minBehaviorCpuMs: 0.1,
  maxBehaviorCpuMs: 50,
  minBehaviorMemoryMb: 32,
  maxBehaviorMemoryMb: 1024,
  maxInventorySlots: 64,
  minItemDespawnSeconds: 1,
  maxItemDespawnSeconds: 3600,
  maxLoadout: 16,
  maxNameLength: 64,
} as const;

/** The default match: two teams of 8 bots on the arena, 10 minutes, 3 s respawn. */
export const DEFAULT_MATCH_CONFIG: Readonly<MatchConfig> = Object.freeze({
  name: 'default',
  tickRate: 20,
  map: 'arena',
  teams: [{ name: 'Red' }, { name: 'Blue' }],
  botsPerTeam: 8,
  playerLimit: 8,
  respawnSeconds: 3,
  damageScale: 1,
  friendlyFire: false,
  matchSeconds: 600,
  behaviorCpuMs: 4,
  behaviorMemoryMb: 64,
  inventorySlots: 28,
  itemDespawnSeconds: 60,
  loadout: ['short_bow', 'small_health_potion'],
});

/**
 * `DEFAULT_MATCH_CONFIG` overridden by the fields of `partial` (a fresh
 * object; arrays copied). Throws RangeError listing every invalid field.
 */
export function resolveMatchConfig(partial: Partial<MatchConfig> = {}): MatchConfig {
  const c: MatchConfig = {
    ...DEFAULT_MATCH_CONFIG,
    ...partial,
    teams: (partial.teams ?? DEFAULT_MATCH_CONFIG.teams).map((t) => ({ ...t })),
    loadout: [...(partial.loadout ?? DEFAULT_MATCH_CONFIG.loadout)],
  };
  const L = MATCH_CONFIG_LIMITS;
  const problems: string[] = [];
  const int = (v: number, lo: number, hi: number, what: string): void => {
    if (!Number.isInteger(v) || v < lo || v > hi) {
      problems.push(`${what} must be an integer ${lo}..${hi}, got ${v}`);
    }
  };
  const num = (v: number, lo: number, hi: number, what: string): void => {
    if (typeof v !== 'number' || !(v >= lo && v <= hi)) {
      problems.push(`${what} must be a number ${lo}..${hi}, got ${v}`);
    }
  };
  if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > L.maxNameLength) {
    problems.push(`name must be 1..${L.maxNameLength} characters`);
  }
  if (typeof c.map !== 'string' || c.map.length < 1) problems.push('map must be a map name');
  int(c.tickRate, L.minTickRate, L.maxTickRate, 'tickRate');
  if (c.teams.length < 1 || c.teams.length > L.maxTeams) {
    problems.push(`teams must list 1..${L.maxTeams} teams, got ${c.teams.length}`);
  }
  c.teams.forEach((t, k) => {
    if (typeof t.name !== 'string' || t.name.length < 1 || t.name.length > L.maxNameLength) {
      problems.push(`teams[${k}].name must be 1..${L.maxNameLength} characters`);
    }
  });
  int(c.botsPerTeam, 0, L.maxBotsPerTeam, 'botsPerTeam');
  int(c.playerLimit, 0, L.maxPlayerLimit, 'playerLimit');
  num(c.respawnSeconds, 0, L.maxRespawnSeconds, 'respawnSeconds');
  num(c.damageScale, 0, L.maxDamageScale, 'damageScale');
  if (typeof c.friendlyFire !== 'boolean') problems.push('friendlyFire must be true or false');
  num(c.matchSeconds, 0, L.maxMatchSeconds, 'matchSeconds');
  num(c.behaviorCpuMs, L.minBehaviorCpuMs, L.maxBehaviorCpuMs, 'behaviorCpuMs');
  int(c.behaviorMemoryMb, L.minBehaviorMemoryMb, L.maxBehaviorMemoryMb, 'behaviorMemoryMb');
  int(c.inventorySlots, 1, L.maxInventorySlots, 'inventorySlots');
  num(c.itemDespawnSeconds, L.minItemDespawnSeconds, L.maxItemDespawnSeconds, 'itemDespawnSeconds');
  if (c.loadout.length > L.maxLoadout) problems.push(`loadout lists at most ${L.maxLoadout} items`);
  if (problems.length) throw new RangeError(`invalid match config: ${problems.join('; ')}`);
  return c;
}
