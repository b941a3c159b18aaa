/**
 * The agent inspector's engine-thread half: follows the agents someone
 * inspects (the union of every subscriber's one agent) and builds, for each,
 * what its behavior saw and did: the observation packed the same way the
 * sandbox gets it, the action applied this tick, the entities in its line of
 * sight, its behavior and that behavior's last error for it. Its memory is
 * read from the sandbox by the caller (an asynchronous round trip).
 *
 * With no target it does nothing: `active` is false and the worker calls
 * nothing else, so a match nobody inspects pays no cost per tick.
 */
import {
  ACTION_DROP,
  ACTION_EQUIP,
  ACTION_UNEQUIP,
  ACTION_USE,
  BEHAVIOR_BUILTIN,
  INTENT_FIRE,
  INTENT_PICKUP,
  KIND_AGENT,
  agentColumns,
  createAgentObserver,
  observeAgent,
  unitIndexOf,
  type World,
} from '../../../../engine/index';
import {
  EQUIP_SLOT_NAMES,
  beginBatch,
  beginGroup,
  createObservationBatch,
  endBatch,
  writeAgent,
} from '../../../../engine/behavior/index';
import { decodeObservation } from './decodeObservation';
import type { AgentInspection, InspectedAction } from '../../../shared/hostApi';

/** Least time between two inspections of a running match, ms (about 10 a second). */
export const INSPECT_INTERVAL_MS = 100;

/** What the inspector needs to know of the behavior driving a unit (BehaviorDriver implements it). */
export interface InspectedBehaviors {
  /** The loaded behavior unit `u` runs now, or null for the built-in AI. */
  behaviorOfUnit(
    world: World,
    u: number,
  ): { id: string; name: string; version: number; author: string; suspended: boolean } | null;
  /** The last error `agentId` met in `behaviorId`'s running version, or null. */
  lastErrorOf(agentId: number, behaviorId: string): AgentInspection['lastError'];
}

const ITEM_ACTIONS: Record<number, string> = {
  [ACTION_EQUIP]: 'equip',
  [ACTION_UNEQUIP]: 'unequip',
  [ACTION_USE]: 'use',
  [ACTION_DROP]: 'drop',
};

export class AgentInspector {
  private readonly targets = new Set<number>();
  private readonly observer = createAgentObserver();
  private readonly batch = createObservationBatch(1);
  /** Agent id → the action applied in the latest tick (captured around the step). */
  private readonly actions = new Map<number, InspectedAction>();
  /** When the last inspections were sent (performance.now() ms). */
  lastSentAt = Number.NEGATIVE_INFINITY;

  /** True while someone inspects an agent: only then does the worker call the rest. */
  get active(): boolean {
    return this.targets.size > 0;
  }

  /** The agents followed from now on (every subscriber's one). */
  follow(agentIds: Iterable<number>): void {
    this.targets.clear();
    for (const id of agentIds) this.targets.add(id);
    for (const id of this.actions.keys()) if (!this.targets.has(id)) this.actions.delete(id);
  }

  get agentIds(): number[] {
    return [...this.targets];
  }

  /**
   * Before the step: the intents a behavior decided (written by the driver's
   * `beforeStep`) are whole now; the step consumes fire and item actions.
   */
  beforeStep(world: World): void {
    for (const id of this.targets) {
      const u = unitIndexOf(world, id);
      if (u >= 0 && world.behavior[u] !== BEHAVIOR_BUILTIN) {
        this.actions.set(id, actionOf(world, u, 'behavior'));
      }
    }
  }

  /** After the step: the built-in AI decides inside it; its movement and aim are what remain. */
  afterStep(world: World): void {
    for (const id of this.targets) {
      const u = unitIndexOf(world, id);
      if (u >= 0 && world.behavior[u] === BEHAVIOR_BUILTIN) {
        this.actions.set(id, actionOf(world, u, 'built-in'));
      }
    }
  }

  /** Whether `agentId` is an agent (not an avatar) in `world` now. */
  static exists(world: World, agentId: number): boolean {
    const u = unitIndexOf(world, agentId);
    return u >= 0 && world.kind[u] === KIND_AGENT;
  }

  /** What agent `agentId` sees and does at `world`'s tick; null when it is not in the world. */
  inspect(
    world: World,
    agentId: number,
    behaviors: InspectedBehaviors | null,
    itemIds: readonly string[],
    paused: boolean,
  ): AgentInspection | null {
    const u = unitIndexOf(world, agentId);
    if (u < 0) return null;
    observeAgent(this.observer, world, u);
    const batch = this.batch;
    beginBatch(batch, world.tick, world.tickRate, -1);
    beginGroup(batch, 0);
    writeAgent(batch, u, agentColumns(world), this.observer.visible, this.observer.walls);
    endBatch(batch);
    const observation = decodeObservation(batch.records, batch.recordStart[0], batch, itemIds);
    const self = observation.self as Record<string, number>;
    const nearby = observation.nearby as Array<{ id: number; kind: string; x: number; y: number }>;
    const behavior = behaviors?.behaviorOfUnit(world, u) ?? null;
    return {
      agentId,
      tick: world.tick,
      paused,
      alive: world.health.alive[u] === 1,
      team: world.team[u],
      x: self.x,
      y: self.y,
      aimX: self.aimX,
      aimY: self.aimY,
      perception: world.perceptionRadius,
      behavior,
      observation,
      visible: nearby.map((e) => ({ id: e.id, kind: e.kind, x: e.x, y: e.y })),
      lastAction: this.actions.get(agentId) ?? null,
      memory: null,
      memoryTruncated: false,
      lastError: behavior && behaviors ? behaviors.lastErrorOf(agentId, behavior.id) : null,
      withheld: null,
    };
  }
}

function actionOf(world: World, u: number, source: InspectedAction['source']): InspectedAction {
  const intent = world.intent;
  const flags = intent.flags[u];
  const code = intent.action[u];
  const slot = intent.slot[u];
  const name = ITEM_ACTIONS[code];
  return {
    source,
    move: { x: intent.moveX[u], y: intent.moveY[u] },
    aim: { x: intent.aimX[u], y: intent.aimY[u] },
    fire: (flags & INTENT_FIRE) !== 0,
    pickup: (flags & INTENT_PICKUP) !== 0,
    item: name
      ? { action: name, slot: code === ACTION_UNEQUIP ? (EQUIP_SLOT_NAMES[slot] ?? slot) : slot }
      : null,
  };
}
