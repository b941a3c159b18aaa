/**
 * The match settings screen's draft: what the host typed, field by field
 * (text, so a half-typed number is kept as typed), checked against the
 * one schema of a match config (src/shared/gameConfig.ts) with a message
 * per field. The last draft a match started with is remembered in this
 * browser (or desktop window) for next time.
 */
import {
  DEFAULT_GAME_CONFIG,
  GAME_CONFIG_LIMITS,
  matchConfigSchema,
  type GameConfig,
} from '../../../shared/gameConfig';

/** Fields typed as numbers; the rest (name, map, teams, friendly fire) have their own inputs. */
export const NUMBER_FIELDS = [
  'botsPerTeam',
  'matchSeconds',
  'tickRate',
  'respawnSeconds',
  'damageScale',
  'behaviorCpuMs',
  'behaviorMemoryMb',
  'playerLimit',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** What each number field is called on screen, with its unit. */
export const FIELD_LABELS: Record<NumberField, string> = {
  botsPerTeam: 'Bots per team',
  matchSeconds: 'Match length (seconds, 0 = no limit)',
  tickRate: 'Tick rate (ticks per second)',
  respawnSeconds: 'Respawn delay (seconds)',
  damageScale: 'Damage scale (× damage)',
  behaviorCpuMs: 'Behavior CPU (ms per tick)',
  behaviorMemoryMb: 'Behavior memory (MiB per author)',
  playerLimit: 'Player limit',
};

/** The range each number field allows, from the config's limits (one home). */
export const FIELD_RANGES: Record<NumberField, { min: number; max: number; step: number }> = {
  botsPerTeam: { min: 0, max: GAME_CONFIG_LIMITS.maxBotsPerTeam, step: 1 },
  matchSeconds: { min: 0, max: GAME_CONFIG_LIMITS.maxMatchSeconds, step: 1 },
  tickRate: { min: GAME_CONFIG_LIMITS.minTickRate, max: GAME_CONFIG_LIMITS.maxTickRate, step: 1 },
  respawnSeconds: { min: 0, max: GAME_CONFIG_LIMITS.maxRespawnSeconds, step: 0.5 },
  damageScale: { min: 0, max: GAME_CONFIG_LIMITS.maxDamageScale, step: 0.1 },
  behaviorCpuMs: {
    min: GAME_CONFIG_LIMITS.minBehaviorCpuMs,
    max: GAME_CONFIG_LIMITS.maxBehaviorCpuMs,
    step: 0.1,
  },
  behaviorMemoryMb: {
    min: GAME_CONFIG_LIMITS.minBehaviorMemoryMb,
    max: GAME_CONFIG_LIMITS.maxBehaviorMemoryMb,
    step: 1,
  },
  playerLimit: { min: 0, max: GAME_CONFIG_LIMITS.maxPlayerLimit, step: 1 },
};

/** Fields a running match takes at once; every other change waits for the next start. */
export const LIVE_FIELDS: ReadonlySet<string> = new Set(['botsPerTeam', 'behaviors']);

export interface MatchDraft {
  name: string;
  map: string;
  teams: { name: string; /** Behavior id; null: the built-in AI. */ behavior: string | null }[];
  friendlyFire: boolean;
  numbers: Record<NumberField, string>;
  /** Fields of the config the screen does not show (loadout…), carried through unchanged. */
  rest: Partial<GameConfig>;
}

/** A draft showing `config`, each team running what `behaviors` names (team index → id). */
export function draftOf(
  config: GameConfig,
  behaviors: Record<string, string | null> = {},
): MatchDraft {
  const { name, map, teams, friendlyFire, ...others } = config;
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((field) => [field, String(config[field])]),
  ) as Record<NumberField, string>;
  const rest: Partial<GameConfig> = { ...others };
  for (const field of NUMBER_FIELDS) delete rest[field];
  return {
    name,
    map,
    teams: teams.map((team, k) => ({ name: team.name, behavior: behaviors[String(k)] ?? null })),
    friendlyFire,
    numbers,
    rest,
  };
}

export type FieldErrors = Partial<Record<NumberField | 'name' | 'map' | 'teams', string>>;

/** The draft as a config, or a message per field that is out of range or malformed. */
export function checkDraft(
  draft: MatchDraft,
  mapTeams: readonly number[] | null,
): { config: GameConfig | null; errors: FieldErrors } {
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((field) => {
      const text = draft.numbers[field].trim();
      // Empty is not zero: it gets "must be a number" beside the field.
      return [field, text === '' ? Number.NaN : Number(text)];
    }),
  );
  const candidate = {
    ...draft.rest,
    ...numbers,
    name: draft.name,
    map: draft.map,
    teams: draft.teams.map((team) => ({ name: team.name })),
    friendlyFire: draft.friendlyFire,
  };
  const errors: FieldErrors = {};
  const parsed = matchConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as keyof FieldErrors;
      const message =
        issue.code === 'invalid_type' && issue.expected === 'number'
          ? `${FIELD_LABELS[field as NumberField] ?? field} must be a number`
          : issue.message;
      errors[field] ??= message;
    }
  }
  if (mapTeams) {
    const missing = draft.teams.findIndex((_, k) => !mapTeams.includes(k));
    if (missing >= 0 && !errors.teams)
      errors.teams = `map ${draft.map} has spawn zones for ${mapTeams.length} team${mapTeams.length === 1 ? '' : 's'}; remove team ${missing + 1}`;
  }
  return {
    config: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null,
    errors,
  };
}

const REMEMBERED_KEY = 'arbiter.lastMatchSettings';

/** The draft a match last started with here, or null (none, or unreadable). */
export function rememberedDraft(): MatchDraft | null {
  try {
    const text = localStorage.getItem(REMEMBERED_KEY);
    if (!text) return null;
    const saved = JSON.parse(text) as { config: unknown; behaviors: Record<string, string | null> };
    const parsed = matchConfigSchema.safeParse(saved.config);
    return parsed.success ? draftOf(parsed.data, saved.behaviors ?? {}) : null;
  } catch {
    return null;
  }
}

/** Remembers what a match started with, for the next time the screen opens. */
export function rememberDraft(config: GameConfig, draft: MatchDraft): void {
  try {
    localStorage.setItem(
      REMEMBERED_KEY,
      JSON.stringify({ config, behaviors: teamBehaviors(draft) }),
    );
  } catch {
    // Storage full or blocked: the screen opens with the defaults next time.
  }
}

/** Team index → behavior id (null: built-in AI), as the draft says. */
export function teamBehaviors(draft: MatchDraft): Record<string, string | null> {
  return Object.fromEntries(draft.teams.map((team, k) => [String(k), team.behavior]));
}

/** A draft of the built-in default config. */
export function defaultDraft(): MatchDraft {
  const parsed = matchConfigSchema.parse(structuredClone(DEFAULT_GAME_CONFIG));
  return draftOf(parsed);
}

/** Team names a new team can take: the next of these not in use. */
const TEAM_NAMES = ['Red', 'Blue', 'Green', 'Gold', 'Violet', 'Teal', 'Orange', 'Grey'];

export function nextTeamName(draft: MatchDraft): string {
  const used = new Set(draft.teams.map((team) => team.name));
  return TEAM_NAMES.find((name) => !used.has(name)) ?? `Team ${draft.teams.length + 1}`;
}
