/**
 * The match record an evaluation case's predicate judges: what every agent
 * did on every tick of a headless match, read from the engine's world
 * after each step. Positions are world units (origin top-left, y down),
 * HP whole points, ticks match ticks (`tickRate` per second).
 *
 * ```text
 * MatchRecord
 *   tickRate, ticks          ticks per second; ticks recorded
 *   map { width, height }    world units
 *   team                     the team that ran the behavior under test
 *   units[]                  every agent: { id, team }
 *   frames[t].units[]        per tick t (0-based, after step t+1), per agent:
 *                            { id, team, x, y, hp, maxHp, alive }
 *   shots[]                  { tick, id, team }: a shot left the agent's weapon
 *   pickups[]                { tick, id, team }: the agent took a ground item
 *   deaths[]                 { tick, id, team }: the agent died
 * ```
 */
import {
  EQUIP_SLOT_COUNT,
  INTENT_PICKUP,
  KIND_AGENT,
  type World,
} from '../../../../../engine/index';

export interface UnitFrame {
  id: number;
  team: number;
  x: number;
  y: number;
  hp: number;
  maxHp: number;
  alive: boolean;
}

export interface TickFrame {
  tick: number;
  units: UnitFrame[];
}

/** Something one agent did on one tick. */
export interface UnitEvent {
  tick: number;
  id: number;
  team: number;
}

export interface MatchRecord {
  tickRate: number;
  ticks: number;
  map: { width: number; height: number };
  /** The team whose agents ran the behavior under test. */
  team: number;
  units: { id: number; team: number }[];
  frames: TickFrame[];
  shots: UnitEvent[];
  pickups: UnitEvent[];
  deaths: UnitEvent[];
}

/** Collects a MatchRecord: call `beforeStep` after the intents are set and `afterStep` after each step. */
export class MatchRecorder {
  readonly record: MatchRecord;
  private pickupWanted = new Set<number>();
  private carried = new Map<number, number>();
  private wasAlive = new Map<number, boolean>();

  constructor(world: World, team: number) {
    this.record = {
      tickRate: world.tickRate,
      ticks: 0,
      map: { width: world.map.width, height: world.map.height },
      team,
      units: [],
      frames: [],
      shots: [],
      pickups: [],
      deaths: [],
    };
    for (let u = 0; u < world.count; u++) {
      if (world.kind[u] !== KIND_AGENT) continue;
      this.record.units.push({ id: world.id[u], team: world.team[u] });
      this.carried.set(world.id[u], carriedCount(world, u));
      this.wasAlive.set(world.id[u], world.health.alive[u] === 1);
    }
  }

  /** Notes which agents asked to pick up this tick (the step clears the flag). */
  beforeStep(world: World): void {
    this.pickupWanted.clear();
    for (let u = 0; u < world.count; u++) {
      if (world.kind[u] === KIND_AGENT && world.intent.flags[u] & INTENT_PICKUP) {
        this.pickupWanted.add(world.id[u]);
      }
    }
  }

  afterStep(world: World): void {
    const tick = this.record.ticks;
    const units: UnitFrame[] = [];
    for (let u = 0; u < world.count; u++) {
      if (world.kind[u] !== KIND_AGENT) continue;
      const id = world.id[u];
      const team = world.team[u];
      const alive = world.health.alive[u] === 1;
      units.push({
        id,
        team,
        x: world.x[u],
        y: world.y[u],
        hp: world.health.hp[u],
        maxHp: world.stats.maxHp[u],
        alive,
      });
      // The combat system sets the cooldown to the full fire interval on the tick it shoots.
      if (alive && world.combat.cooldown[u] === world.stats.fireTicks[u]) {
        this.record.shots.push({ tick, id, team });
      }
      const carried = carriedCount(world, u);
      if (this.pickupWanted.has(id) && alive && carried > (this.carried.get(id) ?? 0)) {
        this.record.pickups.push({ tick, id, team });
      }
      this.carried.set(id, carried);
      if (this.wasAlive.get(id) && !alive) this.record.deaths.push({ tick, id, team });
      this.wasAlive.set(id, alive);
    }
    this.record.frames.push({ tick, units });
    this.record.ticks++;
  }
}

/** Items in the unit's inventory plus equipped ones. */
function carriedCount(world: World, u: number): number {
  const slots = world.inventory.slots;
  let n = 0;
  for (let s = 0; s < slots; s++) {
    if (world.inventory.item[u * slots + s] >= 0) n += world.inventory.qty[u * slots + s];
  }
  const equipped = world.equipment.item;
  for (let e = 0; e < EQUIP_SLOT_COUNT; e++) if (equipped[u * EQUIP_SLOT_COUNT + e] >= 0) n++;
  return n;
}
