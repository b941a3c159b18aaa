/**
 * User behaviors in the engine worker: owns the match's BehaviorRunner
 * (the sandbox, in threads of its own) and the team/agent assignments.
 * Each tick, `beforeStep` writes the actions the sandbox decided on the
 * previous tick's observations into `world.intent` of behavior-driven
 * agents (waiting at most `maxWaitMs`: the runner is one tick behind by
 * design), and `afterStep` packs this tick's observations and submits
 * them. Agents whose behavior is not loaded run the built-in AI.
 *
 * Engine slot = runner slot + 1 (world.behavior 0 is the built-in AI).
 */
import {
  BEHAVIOR_BUILTIN,
  KIND_AGENT,
  KIND_AVATAR,
  KIND_ITEM,
  KIND_PROJECTILE,
  collectNearbyWalls,
  lineOfSight,
  setBehavior,
  type World,
} from '../../../engine/index';
import {
  MAX_SEEN,
  MAX_WALLS,
  assignAgent,
  assignTeam,
  beginBatch,
  behaviorOf,
  beginGroup,
  createAssignments,
  createObservationBatch,
  createVisibleList,
  createWallList,
  endBatch,
  orderUnitsBySlot,
  resolveSlots,
  writeAgent,
  type AgentColumns,
  type BehaviorAssignments,
  type BehaviorIntents,
} from '../../../engine/behavior/index';
import type { BehaviorError } from './behaviors/behaviorError';
import type { BehaviorStatus } from './behaviors/behaviorRegistry';
import { BehaviorRunner } from './behaviors/behaviorRunner';
import type { HotLoadRequest, HotLoadResult } from './behaviors/hotLoader';

/** A runner event forwarded to the host core. */
export interface BehaviorDriverEvent {
  kind: 'error' | 'suspended' | 'restarted';
  behaviorId: string | null;
  version: number;
  error: BehaviorError | null;
  message: string;
}

export interface BehaviorStatusEntry extends BehaviorStatus {
  /** Live agents this behavior drives now. */
  agents: number;
}

/** Which behavior one agent runs, and the last error it met in that behavior. */
export interface AgentBehaviorEntry {
  id: number;
  team: number;
  /** The behavior it is assigned (null: the built-in AI). */
  behaviorId: string | null;
  /** Whether that comes from an assignment of this agent or of its team. */
  assignedTo: 'agent' | 'team' | null;
  /** The last error this agent's behavior reported for it (while it still runs that behavior). */
  lastError: BehaviorError | null;
}

/** Most agents listed in a status (the UI lists them; a crowd beyond this is summarised per behavior). */
export const MAX_LISTED_AGENTS = 1024;

/** Most slots the counting sort handles (runner slots are small integers). */
const MAX_SLOTS = 256;
/** Candidates per observation at most (sort keys pack the candidate's position below this). */
const CAND_SCALE = 1 << 16;

export class BehaviorDriver {
  readonly assignments: BehaviorAssignments = createAssignments();
  private readonly batch = createObservationBatch(64);
  private readonly visible = createVisibleList(MAX_SEEN);
  private readonly walls = createWallList(MAX_WALLS);
  private candKey = new Float64Array(256);
  private candKind = new Uint8Array(256);
  private candIndex = new Int32Array(256);
  private readonly wallRefs = new Int32Array(MAX_WALLS);
  private readonly counts = new Int32Array(MAX_SLOTS + 2);
  private slots = new Int32Array(64);
  private isAgent = new Uint8Array(64);
  private order = new Int32Array(64);
  /** The last submitted batch's units and their ids (indices may shift when units leave). */
  private submittedUnits = new Int32Array(64);
  private submittedIds = new Uint32Array(64);
  private submittedCount = 0;
  private out: BehaviorIntents & { [k: string]: Float64Array } = createIntents(64);
  private readonly agentCounts = new Map<number, number>();
  /** Agent id → its last error and the behavior it came from. */
  private readonly agentErrors = new Map<number, { behaviorId: string; error: BehaviorError }>();
  private runner: BehaviorRunner | null = null;
  private disposed = false;
  readonly ready: Promise<BehaviorRunner>;

  constructor(
    matchSeed: number,
    itemIds: readonly string[],
    private readonly onEvent: (event: BehaviorDriverEvent) => void,
    private readonly maxWaitMs = 2,
  ) {
    this.ready = BehaviorRunner.create({ matchSeed, itemIds }).then((runner) => {
      if (this.disposed) {
        void runner.dispose();
        throw new Error('the match ended');
      }
      this.runner = runner;
      runner.on('error', (e) => {
        this.noteAgentError(e.behaviorId, e.error);
        onEvent({
          kind: 'error',
          behaviorId: e.behaviorId,
          version: e.version,
          error: e.error,
          message: e.error.message,
        });
      });
      runner.on('suspended', (e) => {
        this.noteAgentError(e.behaviorId, e.error);
        onEvent({
          kind: 'suspended',
          behaviorId: e.behaviorId,
          version: e.version,
          error: e.error,
          message: e.error.message,
        });
      });
      runner.on('restarted', (e) =>
        onEvent({
          kind: 'restarted',
          behaviorId: e.culprit,
          version: 0,
          error: null,
          message: e.reason,
        }),
      );
      return runner;
    });
    this.ready.catch(() => {});
  }

  /** Applies last tick's decisions to `world.intent` of behavior-driven agents. */
  beforeStep(world: World): void {
    const runner = this.runner;
    if (!runner || this.submittedCount === 0) return;
    const out = this.out;
    runner.collect(out, this.maxWaitMs);
    const intent = world.intent;
    for (let k = 0; k < this.submittedCount; k++) {
      const u = this.submittedUnits[k];
      if (u >= world.count || world.id[u] !== this.submittedIds[k]) continue;
      if (world.behavior[u] === BEHAVIOR_BUILTIN) continue;
      intent.moveX[u] = out.moveX[u];
      intent.moveY[u] = out.moveY[u];
      intent.aimX[u] = out.aimX[u];
      intent.aimY[u] = out.aimY[u];
      intent.flags[u] = out.flags[u];
      intent.action[u] = out.action[u];
      intent.slot[u] = out.slot[u];
    }
  }

  /** Resolves assignments, packs this tick's observations and hands them to the sandbox. */
  afterStep(world: World): void {
    const runner = this.runner;
    if (!runner) return;
    const n = world.count;
    this.ensureCapacity(Math.max(n, world.capacity));
    for (let u = 0; u < n; u++) this.isAgent[u] = world.kind[u] === KIND_AGENT ? 1 : 0;
    resolveSlots(
      this.assignments,
      world.id,
      world.team,
      this.isAgent,
      n,
      (id) => runner.slotOf(id),
      this.slots,
    );
    this.agentCounts.clear();
    const alive = world.health.alive;
    for (let u = 0; u < n; u++) {
      let slot = this.slots[u];
      if (slot >= MAX_SLOTS) slot = this.slots[u] = -1;
      const wanted = slot >= 0 ? slot + 1 : BEHAVIOR_BUILTIN;
      if (world.behavior[u] !== wanted) setBehavior(world, world.id[u], wanted);
      if (slot >= 0) this.agentCounts.set(slot, (this.agentCounts.get(slot) ?? 0) + 1);
      // The dead are not observed; they act again once respawned.
      if (!alive[u]) this.slots[u] = -1;
    }
    const batch = this.batch;
    beginBatch(batch, world.tick, world.tickRate, -1);
    const total = orderUnitsBySlot(this.slots, n, this.order, this.counts);
    if (total === 0) {
      this.submittedCount = 0;
      return;
    }
    const columns = agentColumns(world);
    let current = -1;
    for (let k = 0; k < total; k++) {
      const u = this.order[k];
      if (this.slots[u] !== current) {
        current = this.slots[u];
        beginGroup(batch, current);
      }
      this.observe(world, u);
      writeAgent(batch, u, columns, this.visible, this.walls);
      this.submittedUnits[k] = u;
      this.submittedIds[k] = world.id[u];
    }
    endBatch(batch);
    this.submittedCount = total;
    runner.submit(batch);
  }

  async hotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    return (await this.ready).hotLoad(request);
  }

  /** `team` or `agentId`; behaviorId null = the built-in AI (for an agent: its team's again). */
  assign(target: { team?: number; agentId?: number }, behaviorId: string | null): void {
    if (target.agentId !== undefined) {
      assignAgent(this.assignments, target.agentId, behaviorId ?? undefined);
    } else if (target.team !== undefined) {
      assignTeam(this.assignments, target.team, behaviorId);
    } else {
      throw new Error('assign needs a team or an agent id');
    }
  }

  unload(behaviorId: string): void {
    this.runner?.unload(behaviorId);
  }

  /** Every loaded behavior's status, with how many agents it drove last tick. */
  status(): BehaviorStatusEntry[] {
    const runner = this.runner;
    if (!runner) return [];
    return runner.registry.all().map((entry) => ({
      ...(runner.status(entry.behaviorId) as BehaviorStatus),
      agents: this.agentCounts.get(entry.slot) ?? 0,
    }));
  }

  /**
   * The agents of `world` (at most MAX_LISTED_AGENTS, by id) with the
   * behavior each is assigned and its last error in it, for the UI.
   */
  agents(world: World): AgentBehaviorEntry[] {
    const list: AgentBehaviorEntry[] = [];
    for (let u = 0; u < world.count && list.length < MAX_LISTED_AGENTS; u++) {
      if (world.kind[u] !== KIND_AGENT) continue;
      const id = world.id[u];
      const team = world.team[u];
      const own = this.assignments.byAgent.get(id);
      const behaviorId = behaviorOf(this.assignments, id, team);
      const error = this.agentErrors.get(id);
      list.push({
        id,
        team,
        behaviorId,
        assignedTo: own !== undefined ? 'agent' : behaviorId !== null ? 'team' : null,
        lastError: error && error.behaviorId === behaviorId ? error.error : null,
      });
    }
    return list.sort((a, b) => a.id - b.id);
  }

  /** Team → behavior id, for the UI. */
  teamAssignments(): Record<number, string> {
    return Object.fromEntries(this.assignments.byTeam);
  }

  private noteAgentError(behaviorId: string, error: BehaviorError): void {
    if (error.agentId !== undefined) this.agentErrors.set(error.agentId, { behaviorId, error });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.dispose();
  }

  /**
   * Fills the visible and wall lists of unit `u`: what it sees as
   * `collectVisible` defines it (live units, projectiles, ground items not
   * taken, within perception and with a clear line of sight), but only the
   * nearest MAX_SEEN: candidates are sorted by distance first and rays cast
   * nearest first until MAX_SEEN are seen, so a crowd costs a sort, not a
   * ray per unit in range.
   */
  private observe(world: World, u: number): void {
    const cx = world.x[u];
    const cy = world.y[u];
    const radius = world.perceptionRadius;
    const r2 = radius * radius;
    let n = 0;
    // Units, from the perception grid (every team).
    const grid = world.perceptionGrid;
    const { cols, rows, teams, cellStart, unit } = grid;
    const cells = cols * rows;
    const inv = 1 / grid.cellSize;
    const c0 = cell(cx - radius, inv, cols);
    const c1 = cell(cx + radius, inv, cols);
    const r0 = cell(cy - radius, inv, rows);
    const r1 = cell(cy + radius, inv, rows);
    const alive = world.health.alive;
    for (let t = 0; t < teams; t++) {
      for (let row = r0; row <= r1; row++) {
        for (let col = c0; col <= c1; col++) {
          const bucket = t * cells + row * cols + col;
          for (let m = cellStart[bucket]; m < cellStart[bucket + 1]; m++) {
            const j = unit[m];
            if (j === u || alive[j] === 0) continue;
            const dx = world.x[j] - cx;
            const dy = world.y[j] - cy;
            const d2 = dx * dx + dy * dy;
            if (d2 <= r2) n = this.candidate(n, KIND_AGENT, j, d2);
          }
        }
      }
    }
    const shots = world.projectiles;
    for (let j = 0; j < shots.count; j++) {
      const dx = shots.x[j] - cx;
      const dy = shots.y[j] - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) n = this.candidate(n, KIND_PROJECTILE, j, d2);
    }
    const items = world.groundItems;
    for (let j = 0; j < items.count; j++) {
      if (items.qty[j] === 0) continue;
      const dx = items.x[j] - cx;
      const dy = items.y[j] - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) n = this.candidate(n, KIND_ITEM, j, d2);
    }
    // Nearest first; equal distances in candidate order (deterministic).
    const keys = this.candKey.subarray(0, n).sort();
    const v = this.visible;
    v.length = 0;
    for (let c = 0; c < n && v.length < MAX_SEEN; c++) {
      const at = keys[c] % CAND_SCALE;
      const kind = this.candKind[at];
      const i = this.candIndex[at];
      const k = v.length;
      if (kind === KIND_AGENT) {
        if (!lineOfSight(world.walls, cx, cy, world.x[i], world.y[i])) continue;
        v.id[k] = world.id[i];
        v.kind[k] = world.kind[i] === KIND_AVATAR ? KIND_AVATAR : KIND_AGENT;
        v.team[k] = world.team[i];
        v.x[k] = world.x[i];
        v.y[k] = world.y[i];
        v.vx[k] = world.vx[i];
        v.vy[k] = world.vy[i];
        v.hp[k] = world.health.hp[i];
        v.item[k] = -1;
      } else if (kind === KIND_PROJECTILE) {
        if (!lineOfSight(world.walls, cx, cy, shots.x[i], shots.y[i])) continue;
        v.id[k] = shots.id[i];
        v.kind[k] = KIND_PROJECTILE;
        v.team[k] = shots.team[i];
        v.x[k] = shots.x[i];
        v.y[k] = shots.y[i];
        v.vx[k] = shots.stepX[i] * world.tickRate;
        v.vy[k] = shots.stepY[i] * world.tickRate;
        v.hp[k] = 0;
        v.item[k] = -1;
      } else {
        if (!lineOfSight(world.walls, cx, cy, items.x[i], items.y[i])) continue;
        v.id[k] = items.id[i];
        v.kind[k] = KIND_ITEM;
        v.team[k] = -1;
        v.x[k] = items.x[i];
        v.y[k] = items.y[i];
        v.vx[k] = 0;
        v.vy[k] = 0;
        v.hp[k] = 0;
        v.item[k] = items.item[i];
      }
      v.length = k + 1;
    }
    const w = this.walls;
    const wallCount = collectNearbyWalls(world, cx, cy, radius, this.wallRefs);
    const rects = world.map.walls;
    w.length = wallCount;
    for (let k = 0; k < wallCount; k++) {
      const rect = rects[this.wallRefs[k]];
      w.x[k] = rect.x;
      w.y[k] = rect.y;
      w.width[k] = rect.w;
      w.height[k] = rect.h;
    }
  }

  /** Appends a candidate; its sort key is the whole squared distance, then its position. */
  private candidate(n: number, kind: number, index: number, d2: number): number {
    if (n >= this.candKey.length) {
      const size = Math.min(CAND_SCALE, this.candKey.length * 2);
      if (n >= size) return n;
      const key = new Float64Array(size);
      key.set(this.candKey);
      this.candKey = key;
      const kinds = new Uint8Array(size);
      kinds.set(this.candKind);
      this.candKind = kinds;
      const indices = new Int32Array(size);
      indices.set(this.candIndex);
      this.candIndex = indices;
    }
    this.candKey[n] = Math.floor(d2 * 16) * CAND_SCALE + n;
    this.candKind[n] = kind;
    this.candIndex[n] = index;
    return n + 1;
  }

  private ensureCapacity(n: number): void {
    if (this.slots.length >= n) return;
    const size = Math.max(n, this.slots.length * 2);
    this.slots = new Int32Array(size);
    this.isAgent = new Uint8Array(size);
    this.order = new Int32Array(size);
    const units = new Int32Array(size);
    units.set(this.submittedUnits);
    this.submittedUnits = units;
    const ids = new Uint32Array(size);
    ids.set(this.submittedIds);
    this.submittedIds = ids;
    const out = createIntents(size);
    for (const key of Object.keys(out)) out[key].set(this.out[key]);
    this.out = out;
  }
}

function cell(v: number, inv: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = (v * inv) | 0;
  return c >= n ? n - 1 : c;
}

function createIntents(n: number): BehaviorIntents & { [k: string]: Float64Array } {
  return {
    moveX: new Float64Array(n),
    moveY: new Float64Array(n),
    aimX: new Float64Array(n),
    aimY: new Float64Array(n),
    flags: new Float64Array(n),
    action: new Float64Array(n),
    slot: new Float64Array(n),
    say: new Float64Array(n),
  };
}

function agentColumns(world: World): AgentColumns {
  return {
    id: world.id,
    team: world.team,
    x: world.x,
    y: world.y,
    vx: world.vx,
    vy: world.vy,
    hp: world.health.hp,
    maxHp: world.stats.maxHp,
    speed: world.stats.speed,
    range: world.stats.range,
    aimX: world.combat.aimX,
    aimY: world.combat.aimY,
    fireCooldown: world.combat.cooldown,
    inventorySlots: world.inventory.slots,
    inventoryItem: world.inventory.item,
    inventoryCount: world.inventory.qty,
    equipment: world.equipment.item,
    radius: world.agentRadius,
    perception: world.perceptionRadius,
  };
}
