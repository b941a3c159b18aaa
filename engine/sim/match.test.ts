import { describe, expect, it } from 'vitest';
import arena from '../../resources/maps/arena.json';
import itemsFile from '../../resources/items.json';
import {
  DEFAULT_MATCH_CONFIG,
  addPlayer,
  createWorld,
  damageUnit,
  endMatch,
  getScoreboard,
  resolveMatchConfig,
  stateHash,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
} from '../index';

const items = itemsFile.items as ItemDef[];
const map: MapDef = arena;

describe('match config', () => {
  it('has a default that passes its own checks', () => {
    expect(resolveMatchConfig()).toEqual(DEFAULT_MATCH_CONFIG);
    expect(DEFAULT_MATCH_CONFIG.inventorySlots).toBe(28);
    expect(DEFAULT_MATCH_CONFIG.tickRate).toBe(20);
  });

  it('lists every invalid field in one clear error', () => {
    expect(() =>
      resolveMatchConfig({ tickRate: 5, botsPerTeam: -1, damageScale: 11, teams: [] }),
    ).toThrow(
      /tickRate must be an integer 10\.\.60, got 5.*teams must list 1\.\.8 teams, got 0.*botsPerTeam must be an integer 0\.\.5000, got -1.*damageScale must be a number 0\.\.10, got 11/,
    );
    expect(() => resolveMatchConfig({ respawnSeconds: Number.NaN })).toThrow(/respawnSeconds/);
    expect(() => resolveMatchConfig({ friendlyFire: 'yes' as unknown as boolean })).toThrow(
      /friendlyFire/,
    );
  });

  it('is checked against the map and the items when a world is created', () => {
    const three = [{ name: 'A' }, { name: 'B' }, { name: 'C' }];
    expect(() => createWorld(map, { seed: 1, config: { teams: three } })).toThrow(
      /no spawn zone for team 2/,
    );
    expect(() => createWorld(map, { seed: 1, items, config: { loadout: ['laser'] } })).toThrow(
      /loadout names unknown item "laser"/,
    );
  });

  it('spawns bots per team from the config, or an explicit total split over the teams', () => {
    const perTeam = createWorld(map, { seed: 1, items, config: { botsPerTeam: 5 } });
    expect(perTeam.count).toBe(10);
    const total = createWorld(map, { seed: 1, items, agents: 7 });
    expect(total.count).toBe(7);
    expect(Array.from(total.team.subarray(0, 7))).toEqual([0, 1, 0, 1, 0, 1, 0]);
  });
});

describe('match clock and scoreboard', () => {
  it('ends after matchSeconds, then only the tick advances', () => {
    const world = createWorld(map, { seed: 2, items, config: { matchSeconds: 3, botsPerTeam: 4 } });
    expect(getScoreboard(world).ticksLeft).toBe(60);
    for (let t = 0; t < 59; t++) stepWorld(world);
    expect(world.match.phase).toBe('running');
    expect(getScoreboard(world).secondsLeft).toBeCloseTo(0.05, 9);
    stepWorld(world);
    expect(world.match.phase).toBe('ended');
    const board = getScoreboard(world);
    expect(board.phase).toBe('ended');
    expect(board.ticksLeft).toBe(0);
    const frozen = Float64Array.from(world.x.subarray(0, world.count));
    stepWorld(world);
    expect(world.tick).toBe(61);
    expect(Array.from(world.x.subarray(0, world.count))).toEqual(Array.from(frozen));
  });

  it('runs without end when matchSeconds is 0', () => {
    const world = createWorld(map, { seed: 2, items, config: { matchSeconds: 0, botsPerTeam: 1 } });
    for (let t = 0; t < 100; t++) stepWorld(world);
    expect(getScoreboard(world).ticksLeft).toBeNull();
    expect(world.match.phase).toBe('running');
  });

  it('names the team with the most kills the winner, a tie a draw', () => {
    const world = createWorld(map, { seed: 3, items, config: { botsPerTeam: 0 } });
    const red = unitIndexOf(world, addPlayer(world, 0));
    const blue = unitIndexOf(world, addPlayer(world, 1));
    damageUnit(world, blue, 1000, red);
    stepWorld(world);
    const board = getScoreboard(world);
    expect(board.winner).toBeNull();
    expect(board.teams.map((t) => [t.name, t.kills, t.deaths, t.damage, t.players])).toEqual([
      ['Red', 1, 0, 100, 1],
      ['Blue', 0, 1, 0, 1],
    ]);
    expect(board.entities[0]).toMatchObject({
      id: world.id[red],
      kind: 'avatar',
      kills: 1,
      damage: 100,
    });
    expect(board.entities[1]).toMatchObject({ id: world.id[blue], deaths: 1, alive: false });
    endMatch(world);
    expect(getScoreboard(world).winner).toBe(0);
    const draw = createWorld(map, { seed: 3, items, config: { botsPerTeam: 0 } });
    endMatch(draw);
    expect(getScoreboard(draw).winner).toBeNull();
    expect(draw.match.phase).toBe('ended');
  });

  it('keeps scores of a full bot match consistent', () => {
    const world = createWorld(map, { seed: 4, items, config: { botsPerTeam: 30 } });
    for (let t = 0; t < 1200; t++) stepWorld(world);
    const board = getScoreboard(world);
    const kills = board.teams.reduce((a, t) => a + t.kills, 0);
    const deaths = board.teams.reduce((a, t) => a + t.deaths, 0);
    expect(kills).toBeGreaterThan(10);
    // Every kill is a death; deaths with no enemy credited (none here) would make up the rest.
    expect(deaths).toBe(kills);
    expect(board.entities.reduce((a, e) => a + e.kills, 0)).toBe(kills);
    expect(board.teams.map((t) => t.bots)).toEqual([30, 30]);
    expect(stateHash(world)).toMatch(/^[0-9a-f]{16}$/);
  });
});
