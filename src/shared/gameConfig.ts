/**
 * Game data schemas: the named match config and resources/items.json.
 * User-supplied configs and item tables are validated here, where they
 * enter, with messages that name the field and the allowed range. The
 * engine (engine/config.ts, engine/items.ts) declares the same shapes and
 * repeats the checks as a safety net; src/shared/gameConfig.test.ts keeps
 * the two in step.
 */
import { z } from 'zod';
import { DEFAULT_MATCH_CONFIG, MATCH_CONFIG_LIMITS } from '../../engine/index';

/**
 * Limits of a match config: the engine's MATCH_CONFIG_LIMITS (one home), plus
 * the host's cap on bots over all teams.
 */
export const GAME_CONFIG_LIMITS = {
  ...MATCH_CONFIG_LIMITS,
  /** Bots over all teams; the host's agent limit. */
  maxBots: 20_000,
} as const;

export const RARITIES = ['common', 'uncommon', 'rare', 'epic', 'legendary'] as const;
export const ITEM_SLOTS = ['weapon', 'armor', 'trinket', 'consumable'] as const;
export const SKILLS = ['attack', 'defence', 'vitality'] as const;
const MAX_LEVEL = 99;
const MAX_STACK = 65_535;
const MAX_ITEMS = 32_767;

const L = GAME_CONFIG_LIMITS;
const ITEM_ID = /^[a-z0-9_]{1,64}$/;
const itemId = z.string().regex(ITEM_ID, 'an item id is 1..64 lowercase letters, digits and _');

function intIn(what: string, min: number, max: number) {
  return z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);
}

function numIn(what: string, min: number, max: number) {
  return z
    .number({ error: `${what} must be a number` })
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);
}

function nameOf(what: string) {
  return z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(L.maxNameLength, `${what} must be at most ${L.maxNameLength} characters`);
}

export const teamConfigSchema = z.object({ name: nameOf('team name') }).strict();

/** The default match, written once in the engine (DEFAULT_MATCH_CONFIG). */
export const DEFAULT_GAME_CONFIG = DEFAULT_MATCH_CONFIG;

const D = DEFAULT_GAME_CONFIG;

/**
 * A named match config. Missing fields take DEFAULT_GAME_CONFIG's values;
 * unknown fields are errors (a typo must not silently do nothing). Times
 * are seconds, `behaviorCpuMs` milliseconds per tick, `behaviorMemoryMb` MiB per
 * author.
 */
export const matchConfigSchema = z
  .object({
    name: nameOf('config name'),
    tickRate: intIn('tickRate (ticks per second)', L.minTickRate, L.maxTickRate).default(
      D.tickRate,
    ),
    map: z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/, 'a map name is lowercase letters, digits, - and _')
      .default(D.map),
    teams: z
      .array(teamConfigSchema)
      .min(1, 'a match needs at least one team')
      .max(L.maxTeams, `a match has at most ${L.maxTeams} teams`)
      .refine((teams) => new Set(teams.map((t) => t.name)).size === teams.length, {
        error: 'team names must be different',
      })
      .default(() => D.teams.map((t) => ({ ...t }))),
    botsPerTeam: intIn('botsPerTeam', 0, L.maxBotsPerTeam).default(D.botsPerTeam),
    playerLimit: intIn('playerLimit', 0, L.maxPlayerLimit).default(D.playerLimit),
    respawnSeconds: numIn('respawnSeconds', 0, L.maxRespawnSeconds).default(D.respawnSeconds),
    damageScale: numIn('damageScale', 0, L.maxDamageScale).default(D.damageScale),
    friendlyFire: z
      .boolean({ error: 'friendlyFire must be true or false' })
      .default(D.friendlyFire),
    matchSeconds: numIn('matchSeconds (0 = no limit)', 0, L.maxMatchSeconds).default(
      D.matchSeconds,
    ),
    behaviorCpuMs: numIn('behaviorCpuMs', L.minBehaviorCpuMs, L.maxBehaviorCpuMs).default(
      D.behaviorCpuMs,
    ),
    behaviorMemoryMb: intIn(
      'behaviorMemoryMb (MiB per author)',
      L.minBehaviorMemoryMb,
      L.maxBehaviorMemoryMb,
    ).default(D.behaviorMemoryMb),
    inventorySlots: intIn('inventorySlots', 1, L.maxInventorySlots).default(D.inventorySlots),
    itemDespawnSeconds: numIn(
      'itemDespawnSeconds',
      L.minItemDespawnSeconds,
      L.maxItemDespawnSeconds,
    ).default(D.itemDespawnSeconds),
    loadout: z
      .array(itemId)
      .max(L.maxLoadout, `a loadout lists at most ${L.maxLoadout} items`)
      .default(() => [...D.loadout]),
  })
  .strict()
  .refine((c) => c.botsPerTeam * c.teams.length <= L.maxBots, {
    error: `botsPerTeam × teams must be at most ${L.maxBots} bots`,
    path: ['botsPerTeam'],
  });

export type MatchConfigInput = z.input<typeof matchConfigSchema>;
export type GameConfig = z.output<typeof matchConfigSchema>;

const statsSchema = z
  .object({
    damage: numIn('stats.damage', -1000, 1000).optional(),
    maxHp: numIn('stats.maxHp', -1000, 10_000).optional(),
    speed: numIn('stats.speed (world units per second)', -1000, 1000).optional(),
    armor: numIn('stats.armor', -1000, 10_000).optional(),
  })
  .strict();

const weaponSchema = z
  .object({
    cooldownMs: numIn('weapon.cooldownMs', 1, 60_000),
    range: numIn('weapon.range (world units)', 1, 10_000),
    projectileSpeed: numIn('weapon.projectileSpeed (world units per second)', 1, 10_000),
  })
  .strict();

const useSchema = z.object({ heal: numIn('use.heal (HP)', 1, 100_000) }).strict();

const requiresSchema = z
  .object(
    Object.fromEntries(
      SKILLS.map((s) => [s, intIn(`requires.${s} (level)`, 1, MAX_LEVEL).optional()]),
    ) as Record<(typeof SKILLS)[number], z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

/** One item definition of resources/items.json. */
export const itemDefSchema = z
  .object({
    id: itemId,
    name: nameOf('item name'),
    rarity: z.enum(RARITIES, { error: `rarity must be one of ${RARITIES.join(', ')}` }),
    slot: z.enum(ITEM_SLOTS, { error: `slot must be one of ${ITEM_SLOTS.join(', ')}` }),
    description: z.string().max(280, 'description must be at most 280 characters').optional(),
    stats: statsSchema.optional(),
    weapon: weaponSchema.optional(),
    use: useSchema.optional(),
    maxStack: intIn('maxStack', 1, MAX_STACK).optional(),
    requires: requiresSchema.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if ((item.slot === 'weapon') !== (item.weapon !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['weapon'],
        message:
          item.slot === 'weapon' ? 'a weapon needs "weapon" stats' : 'only weapons have "weapon"',
      });
    }
    if ((item.slot === 'consumable') !== (item.use !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['use'],
        message:
          item.slot === 'consumable' ? 'a consumable needs "use"' : 'only consumables have "use"',
      });
    }
    if (item.slot !== 'consumable' && (item.maxStack ?? 1) > 1) {
      ctx.addIssue({ code: 'custom', path: ['maxStack'], message: 'only consumables stack' });
    }
  });

/** resources/items.json: a versioned list of item definitions with unique ids. */
export const itemsFileSchema = z
  .object({
    version: z.literal(1, { error: 'items.json "version" must be 1' }),
    items: z
      .array(itemDefSchema)
      .min(1, 'items.json lists no items')
      .max(MAX_ITEMS, `items.json lists at most ${MAX_ITEMS} items`),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.items.forEach((item, k) => {
      if (seen.has(item.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', k, 'id'],
          message: `duplicate item id "${item.id}"`,
        });
      }
      seen.add(item.id);
    });
  });

export type ItemDefData = z.output<typeof itemDefSchema>;
export type ItemsFile = z.output<typeof itemsFileSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates a match config (missing fields defaulted); never throws. */
export function parseMatchConfig(json: unknown): Parsed<GameConfig> {
  const parsed = matchConfigSchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: `invalid match config: ${issues(parsed.error)}` };
}

/** Validates the contents of items.json; never throws. */
export function parseItemsFile(json: unknown): Parsed<ItemsFile> {
  const parsed = itemsFileSchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: `invalid items.json: ${issues(parsed.error)}` };
}

/**
 * Problems between a valid config and the data it refers to: loadout items
 * missing from the item table, teams without a spawn zone on the map.
 * Empty when the config can run on that map with those items.
 */
export function crossCheckConfig(
  config: GameConfig,
  items: ItemsFile,
  map: { name: string; spawns: { team: number }[] },
): string[] {
  const problems: string[] = [];
  const ids = new Set(items.items.map((item) => item.id));
  for (const id of config.loadout) {
    if (!ids.has(id)) problems.push(`loadout names unknown item "${id}"`);
  }
  config.teams.forEach((team, k) => {
    if (!map.spawns.some((zone) => zone.team === k)) {
      problems.push(`map ${map.name} has no spawn zone for team ${k} (${team.name})`);
    }
  });
  return problems;
}

function issues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
