import { describe, expect, it } from 'vitest';
import arena from '../../resources/maps/arena.json';
import itemsJson from '../../resources/items.json';
import {
  DEFAULT_MATCH_CONFIG,
  ITEM_SLOTS as ENGINE_ITEM_SLOTS,
  MATCH_CONFIG_LIMITS,
  RARITIES as ENGINE_RARITIES,
  SKILLS as ENGINE_SKILLS,
  createItemTable,
  createWorld,
  resolveMatchConfig,
  type ItemDef,
  type MatchConfig,
} from '../../engine/index';
import {
  DEFAULT_GAME_CONFIG,
  GAME_CONFIG_LIMITS,
  ITEM_SLOTS,
  RARITIES,
  SKILLS,
  crossCheckConfig,
  parseItemsFile,
  parseMatchConfig,
  type GameConfig,
  type ItemDefData,
} from './gameConfig';

// Compile-time: what the schemas produce is what the engine takes.
const configFits: (c: GameConfig) => MatchConfig = (c) => c;
const itemFits: (i: ItemDefData) => ItemDef = (i) => i;
void configFits;
void itemFits;

function errorOf(result: { ok: boolean; error?: string }): string {
  return result.ok ? '' : (result.error ?? '');
}

describe('match config schema', () => {
  it('agrees with the engine on the default and the limits', () => {
    const parsed = parseMatchConfig(DEFAULT_GAME_CONFIG);
    expect(parsed.ok && parsed.value).toEqual(DEFAULT_MATCH_CONFIG);
    for (const [key, value] of Object.entries(MATCH_CONFIG_LIMITS)) {
      expect([key, GAME_CONFIG_LIMITS[key as keyof typeof GAME_CONFIG_LIMITS]]).toEqual([
        key,
        value,
      ]);
    }
    expect(RARITIES).toEqual(ENGINE_RARITIES);
    expect(ITEM_SLOTS).toEqual(ENGINE_ITEM_SLOTS);
    expect(SKILLS).toEqual(ENGINE_SKILLS);
  });

  it('fills a named config from the default, and the engine accepts the result', () => {
    const parsed = parseMatchConfig({ name: 'quick', matchSeconds: 120, friendlyFire: true });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual({
      ...DEFAULT_MATCH_CONFIG,
      name: 'quick',
      matchSeconds: 120,
      friendlyFire: true,
    });
    expect(resolveMatchConfig(parsed.value)).toEqual(parsed.value);
  });

  it('explains each problem with the field and its range', () => {
    const error = errorOf(
      parseMatchConfig({
        name: ' ',
        tickRate: 61,
        teams: [{ name: 'A' }, { name: 'A' }],
        botsPerTeam: 2.5,
        damageScale: -1,
        friendlyFire: 'no',
        map: '../etc/passwd',
        loadout: ['Bad Id'],
        colour: 'red',
      }),
    );
    expect(error).toMatch(/^invalid match config: /);
    expect(error).toMatch(/name: config name must not be empty/);
    expect(error).toMatch(/tickRate: tickRate \(ticks per second\) must be at most 60/);
    expect(error).toMatch(/teams: team names must be different/);
    expect(error).toMatch(/botsPerTeam: botsPerTeam must be a whole number/);
    expect(error).toMatch(/damageScale: damageScale must be at least 0/);
    expect(error).toMatch(/friendlyFire: friendlyFire must be true or false/);
    expect(error).toMatch(/map: a map name is lowercase letters/);
    expect(error).toMatch(/loadout\.0: an item id is/);
    expect(error).toMatch(/colour/);
    expect(
      errorOf(
        parseMatchConfig({
          name: 'big',
          botsPerTeam: 5000,
          teams: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }, { name: 'e' }],
        }),
      ),
    ).toMatch(/botsPerTeam × teams must be at most 20000/);
    expect(errorOf(parseMatchConfig(null))).toMatch(/invalid match config/);
  });

  it('cross-checks the loadout against the items and the teams against the map', () => {
    const items = parseItemsFile(itemsJson);
    if (!items.ok) throw new Error(items.error);
    const config = parseMatchConfig({
      name: 'x',
      loadout: ['short_bow', 'wand'],
      teams: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
    });
    if (!config.ok) throw new Error(config.error);
    expect(crossCheckConfig(config.value, items.value, arena)).toEqual([
      'loadout names unknown item "wand"',
      'map arena has no spawn zone for team 2 (C)',
    ]);
    const fine = parseMatchConfig({ name: 'y' });
    if (!fine.ok) throw new Error(fine.error);
    expect(crossCheckConfig(fine.value, items.value, arena)).toEqual([]);
  });
});

describe('items.json schema', () => {
  it('accepts resources/items.json, and the engine builds its table from the result', () => {
    const parsed = parseItemsFile(itemsJson);
    expect(errorOf(parsed)).toBe('');
    if (!parsed.ok) return;
    expect(parsed.value.items.length).toBeGreaterThanOrEqual(12);
    expect(createItemTable(parsed.value.items).count).toBe(parsed.value.items.length);
    const parsedConfig = parseMatchConfig(DEFAULT_GAME_CONFIG);
    if (!parsedConfig.ok) throw new Error(parsedConfig.error);
    const world = createWorld(arena, {
      seed: 1,
      items: parsed.value.items,
      config: parsedConfig.value,
    });
    expect(world.items.count).toBe(parsed.value.items.length);
  });

  it('names the item and field of each problem', () => {
    const base = { id: 'rock', name: 'Rock', rarity: 'common', slot: 'trinket' };
    const error = errorOf(
      parseItemsFile({
        version: 1,
        items: [
          base,
          { ...base, id: 'bow', slot: 'weapon' },
          { ...base, id: 'pot', slot: 'consumable', use: { heal: 5 }, maxStack: 0 },
          { ...base, id: 'ring', maxStack: 3, rarity: 'mythic', stats: { luck: 3 } },
          { ...base, id: 'Ring 2', requires: { attack: 120 } },
        ],
      }),
    );
    expect(error).toMatch(/items\.1\.weapon: a weapon needs "weapon" stats/);
    expect(error).toMatch(/items\.2\.maxStack: maxStack must be at least 1/);
    expect(error).toMatch(/items\.3\.rarity: rarity must be one of common/);
    expect(error).toMatch(/items\.3\.stats: .*luck/);
    expect(error).toMatch(/items\.4\.id: an item id is/);
    expect(error).toMatch(
      /items\.4\.requires\.attack: requires\.attack \(level\) must be at most 99/,
    );
    // Uniqueness is checked once every entry is valid on its own.
    expect(errorOf(parseItemsFile({ version: 1, items: [base, { ...base }] }))).toMatch(
      /items\.1\.id: duplicate item id "rock"/,
    );
    expect(errorOf(parseItemsFile({ version: 2, items: [base] }))).toMatch(/"version" must be 1/);
  });
});
