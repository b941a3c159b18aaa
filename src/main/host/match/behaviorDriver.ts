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
  agentColumns,
  createAgentObserver,
  observeAgent,
  recordIntent,
  setBehavior,
  type World,
} from '../../../../engine/index';
import {
  assignAgent,
  assignTeam,
  beginBatch,
  behaviorOf,
  beginGroup,
  createAssignments,
  createObservationBatch,
  endBatch,
  orderUnitsBySlot,
  resolveSlots,
  SAY_PHRASES,
  writeAgent,
  type BehaviorAssignments,
  type BehaviorIntents,
} from '../../../../engine/behavior/index';
import { MAX_SAYS, SAY_BUBBLE_MS } from '../../../shared/controlLane';
import { capText } from '../behaviors/sandbox/behaviorError';
import { decodeObservation } from '../inspect/decodeObservation';
import {
  BehaviorRunner,
  ConsoleLimiter,
  type BehaviorError,
  type BehaviorStatus,
  type SandboxLimits,
  type AuthorStatus,
  type BehaviorRunnerOptions,
  type HotLoadRequest,
  type HotLoadResult,
  type UnnamedConsoleLine,
  type ValidateResult,
} from '../behaviors/sandbox/index';

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
  /** Run-time errors of the loaded version: since which tick, how many agents met one, and the last. */
  runErrors: RunErrors | null;
}

/** The run-time errors one version of a behavior has thrown in this match. */
export interface RunErrors {
  /** Tick at which the first was reported. */
  sinceTick: number;
  /** Distinct agents an error was reported for (errors without an agent are not counted). */
  agents: number;
  /** Errors thrown in all (the runner's count, including those it did not report one by one). */
  count: number;
  /** The last one reported. */
  last: BehaviorError;
  /** What the first agent an error was reported for had observed when it threw (null: not known). */
  observation: ErrorObservation | null;
}

/** The observation an error was thrown on, as JSON (fractions to hundredths; cut to MAX_OBSERVATION_CHARS). */
export interface ErrorObservation {
  tick: number;
  agentId: number;
  json: string;
}

/** Most characters of an error's observation kept (a few KB: the editor and the LLM prompt show it). */
export const MAX_OBSERVATION_CHARS = 4000;

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

/** An agent's `say` this tick: its unit id and the phrase, as text. */
export interface AgentSay {
  unitId: number;
  text: string;
}

/** Most agents listed in a status (the UI lists them; a crowd beyond this is summarised per behavior). */
export const MAX_LISTED_AGENTS = 1024;

/** Ticks of observations kept for errors reported late (past a catch-up burst of DEFAULT_MAX_CATCH_UP_TICKS). */
const KEPT_BATCHES = 8;

/** Most slots the counting sort handles (runner slots are small integers). */
const MAX_SLOTS = 256;

export class BehaviorDriver {
  readonly assignments: BehaviorAssignments = createAssignments();
  /**
   * The observations of the last KEPT_BATCHES ticks (by tick modulo), with
   * the agent id of each record: an error the sandbox reports for a batch,
   * a tick or a few later on a busy machine, is shown with the observation
   * it was thrown on.
   */
  private readonly batches = Array.from({ length: KEPT_BATCHES }, () => createObservationBatch(64));
  private readonly batchIds = Array.from({ length: KEPT_BATCHES }, () => new Uint32Array(64));
  private readonly observer = createAgentObserver();
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
  /** Behavior id → the run-time errors of its loaded version (cleared when a version is loaded). */
  private readonly runErrors = new Map<
    string,
    {
      version: number;
      sinceTick: number;
      agents: Set<number>;
      count: number;
      last: BehaviorError;
      observation: ErrorObservation | null;
    }
  >();
  /** The last tick the driver saw (errors are reported between ticks). */
  private tick = 0;
  private runner: BehaviorRunner | null = null;
  private disposed = false;
  /** The per-author rate of console lines; what passes waits in `consoleLines` for the next tick. */
  private readonly consoleLimiter = new ConsoleLimiter();
  private consoleLines: UnnamedConsoleLine[] = [];
  /** Where the console lines go, once a tick at most (the engine worker posts them to the host). */
  onConsole: ((lines: UnnamedConsoleLine[]) => void) | null = null;
  /** Says since the last `takeSays`, at most MAX_SAYS a tick. */
  private says: AgentSay[] = [];
  /** Agent id → the phrase it last said and the tick, so a phrase repeated every tick shows once a bubble. */
  private readonly lastSaid = new Map<number, { phrase: number; tick: number }>();
  readonly ready: Promise<BehaviorRunner>;

  constructor(
    matchSeed: number,
    private readonly itemIds: readonly string[],
    private readonly onEvent: (event: BehaviorDriverEvent) => void,
    private readonly maxWaitMs = 2,
    /** Sandbox limits (the match config's memory cap per author). */
    limits: Partial<SandboxLimits> = {},
    /** Other runner options (deadlines, budgets): the evaluation harness widens them so a busy machine cannot change an outcome. */
    runnerOptions: Partial<Omit<BehaviorRunnerOptions, 'matchSeed' | 'itemIds' | 'limits'>> = {},
  ) {
    const options = { ...runnerOptions, matchSeed, itemIds, limits };
    this.ready = BehaviorRunner.create(options).then((runner) => {
      if (this.disposed) {
        void runner.dispose();
        throw new Error('the match ended');
      }
      this.runner = runner;
      runner.on('error', (e) => {
        this.noteAgentError(e.behaviorId, e.error, e.version, e.count, e.tick);
        onEvent({
          kind: 'error',
          behaviorId: e.behaviorId,
          version: e.version,
          error: e.error,
          message: e.error.message,
        });
      });
      runner.on('suspended', (e) => {
        this.noteAgentError(e.behaviorId, e.error, e.version, 1, e.tick);
        onEvent({
          kind: 'suspended',
          behaviorId: e.behaviorId,
          version: e.version,
          error: e.error,
          message: e.error.message,
        });
      });
      runner.on('log', (batch) => {
        for (const line of this.consoleLimiter.admit(batch)) this.consoleLines.push(line);
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
    const repeatTicks = Math.ceil((SAY_BUBBLE_MS / 1000) * world.tickRate);
    let saysThisTick = 0;
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
      // The sandbox's timing decides which tick gets which action: the log keeps it exact.
      recordIntent(world, u);
      const phrase = out.say[u];
      if (phrase >= 0 && saysThisTick < MAX_SAYS && this.noteSay(world, u, phrase, repeatTicks))
        saysThisTick++;
    }
    if (world.tick % repeatTicks === 0) this.forgetOldSays(world.tick, repeatTicks);
  }

  /**
   * Keeps unit `u`'s say unless it said the same within `repeatTicks` (a
   * behavior that returns `say` every tick shows one bubble, renewed as it
   * fades). Returns whether it was kept.
   */
  private noteSay(world: World, u: number, phrase: number, repeatTicks: number): boolean {
    const id = world.id[u];
    const last = this.lastSaid.get(id);
    if (last && last.phrase === phrase && world.tick - last.tick < repeatTicks) return false;
    this.lastSaid.set(id, { phrase, tick: world.tick });
    this.says.push({ unitId: id, text: SAY_PHRASES[phrase] });
    return true;
  }

  private forgetOldSays(tick: number, repeatTicks: number): void {
    for (const [id, last] of this.lastSaid)
      if (tick - last.tick >= repeatTicks) this.lastSaid.delete(id);
  }

  /** The says since the last call (at most MAX_SAYS per tick), oldest first. */
  takeSays(): AgentSay[] {
    if (this.says.length === 0) return [];
    const says = this.says;
    this.says = [];
    return says;
  }

  /** Resolves assignments, packs this tick's observations and hands them to the sandbox. */
  afterStep(world: World): void {
    const runner = this.runner;
    if (!runner) return;
    this.tick = world.tick;
    this.sendConsole();
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
    const kept = world.tick % KEPT_BATCHES;
    const batch = this.batches[kept];
    beginBatch(batch, world.tick, world.tickRate, -1);
    const total = orderUnitsBySlot(this.slots, n, this.order, this.counts);
    if (total === 0) {
      this.submittedCount = 0;
      return;
    }
    const columns = agentColumns(world);
    if (this.batchIds[kept].length < total) this.batchIds[kept] = new Uint32Array(total * 2);
    const ids = this.batchIds[kept];
    let current = -1;
    for (let k = 0; k < total; k++) {
      const u = this.order[k];
      if (this.slots[u] !== current) {
        current = this.slots[u];
        beginGroup(batch, current);
      }
      observeAgent(this.observer, world, u);
      writeAgent(batch, u, columns, this.observer.visible, this.observer.walls);
      this.submittedUnits[k] = u;
      this.submittedIds[k] = world.id[u];
      ids[k] = world.id[u];
    }
    endBatch(batch);
    this.submittedCount = total;
    runner.submit(batch);
  }

  /** Hands the console lines that passed since the last tick (and due drop notices) to `onConsole`. */
  private sendConsole(): void {
    for (const notice of this.consoleLimiter.flush()) this.consoleLines.push(notice);
    if (this.consoleLines.length === 0) return;
    const lines = this.consoleLines;
    this.consoleLines = [];
    this.onConsole?.(lines);
  }

  /** Loads a version; once it runs, the errors of the versions before it are forgotten. */
  async hotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    const result = await (await this.ready).hotLoad(request);
    if (result.ok) this.forgetErrors(request.behaviorId);
    return result;
  }

  async validate(request: HotLoadRequest): Promise<ValidateResult> {
    return (await this.ready).validate(request);
  }

  /**
   * `team` or `agentId`; behaviorId null = the built-in AI (for an agent: its
   * team's again). Every loaded behavior that no team or agent is assigned
   * afterwards is unloaded (see `unloadUnassigned`): the caller loads a
   * behavior before assigning it, and must not assign one it has not loaded.
   */
  assign(target: { team?: number; agentId?: number }, behaviorId: string | null): void {
    if (target.agentId !== undefined) {
      assignAgent(this.assignments, target.agentId, behaviorId ?? undefined);
    } else if (target.team !== undefined) {
      assignTeam(this.assignments, target.team, behaviorId);
    } else {
      throw new Error('assign needs a team or an agent id');
    }
    this.unloadUnassigned();
  }

  /**
   * Unloads every loaded behavior no team or agent is assigned, so an author
   * none of whose behaviors runs holds no sandbox instance (its memory is
   * given back). Its agents' `memory` goes with it; assigning it again loads
   * it afresh.
   */
  private unloadUnassigned(): void {
    const runner = this.runner;
    if (!runner) return;
    const used = new Set<string | null>(this.assignments.byTeam.values());
    for (const id of this.assignments.byAgent.values()) used.add(id);
    for (const entry of runner.registry.all()) {
      if (!used.has(entry.behaviorId)) runner.unload(entry.behaviorId);
    }
  }

  unload(behaviorId: string): void {
    this.runner?.unload(behaviorId);
  }

  /** Every loaded behavior's status, with how many agents it drove last tick. */
  status(): BehaviorStatusEntry[] {
    const runner = this.runner;
    if (!runner) return [];
    return runner.registry.all().map((entry) => {
      const status = runner.status(entry.behaviorId) as BehaviorStatus;
      const errors = this.runErrors.get(entry.behaviorId);
      return {
        ...status,
        agents: this.agentCounts.get(entry.slot) ?? 0,
        runErrors:
          errors && errors.version === status.version
            ? {
                sinceTick: errors.sinceTick,
                agents: errors.agents.size,
                count: errors.count,
                last: errors.last,
                observation: errors.observation,
              }
            : null,
      };
    });
  }

  /** Each author with a behavior loaded: the memory its sandbox instance holds, and the cap. */
  authors(): AuthorStatus[] {
    return this.runner?.authors() ?? [];
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

  /** The loaded behavior unit `u` runs now (its world slot), or null for the built-in AI. */
  behaviorOfUnit(
    world: World,
    u: number,
  ): { id: string; name: string; version: number; author: string; suspended: boolean } | null {
    const slot = world.behavior[u];
    if (slot === BEHAVIOR_BUILTIN || !this.runner) return null;
    const entry = this.runner.registry.bySlot(slot - 1);
    if (!entry) return null;
    const { behaviorId: id, version, author, suspended } = entry;
    // The library's name is the host core's to add (the engine thread knows ids only).
    return { id, name: id, version, author, suspended: suspended !== null };
  }

  /** The last error `agentId` met in `behaviorId`'s running version (or the suspension's), or null. */
  lastErrorOf(
    agentId: number,
    behaviorId: string,
  ): Pick<BehaviorError, 'phase' | 'name' | 'message' | 'line' | 'column'> | null {
    const own = this.agentErrors.get(agentId);
    const error =
      own && own.behaviorId === behaviorId
        ? own.error
        : (this.runner?.registry.get(behaviorId)?.suspended ?? null);
    if (!error) return null;
    const { phase, name, message, line, column } = error;
    return { phase, name, message, line, column };
  }

  /** Agent `agentId`'s memory in `behaviorId`, as JSON, after the batches submitted so far. */
  memoryOf(behaviorId: string, agentId: number): Promise<string | null> {
    return this.runner?.memoryOf(behaviorId, agentId) ?? Promise.resolve(null);
  }

  /** Team → behavior id, for the UI. */
  teamAssignments(): Record<number, string> {
    return Object.fromEntries(this.assignments.byTeam);
  }

  private noteAgentError(
    behaviorId: string,
    error: BehaviorError,
    version: number,
    count: number,
    tick: number | null = null,
  ): void {
    if (error.agentId !== undefined) this.agentErrors.set(error.agentId, { behaviorId, error });
    let errors = this.runErrors.get(behaviorId);
    if (!errors || errors.version !== version) {
      errors = {
        version,
        sinceTick: this.tick,
        agents: new Set(),
        count: 0,
        last: error,
        observation: null,
      };
      this.runErrors.set(behaviorId, errors);
    }
    errors.count += Math.max(1, count);
    errors.last = error;
    if (error.agentId !== undefined) errors.agents.add(error.agentId);
    // The first error whose observation is still at hand (a report that comes two ticks late
    // finds its batch already refilled, and the next error is asked instead).
    if (!errors.observation && tick !== null && error.agentId !== undefined)
      errors.observation = this.observationOf(tick, error.agentId);
  }

  /** What `agentId` observed at `tick`, as JSON cut to MAX_OBSERVATION_CHARS; null when that batch is gone. */
  private observationOf(tick: number, agentId: number): ErrorObservation | null {
    for (let kept = 0; kept < KEPT_BATCHES; kept++) {
      const batch = this.batches[kept];
      if (batch.tick !== tick) continue;
      const ids = this.batchIds[kept];
      for (let a = 0; a < batch.agentCount; a++) {
        if (ids[a] !== agentId) continue;
        const observation = decodeObservation(
          batch.records,
          batch.recordStart[a],
          batch,
          this.itemIds,
        );
        // Hundredths are enough to see why it threw, and keep more of the observation in the cut.
        const json = JSON.stringify(observation, (_key, value: unknown) =>
          typeof value === 'number' && !Number.isInteger(value)
            ? Math.round(value * 100) / 100
            : value,
        );
        return { tick, agentId, json: capText(json, MAX_OBSERVATION_CHARS) };
      }
    }
    return null;
  }

  /** A new version runs: the old one's errors (per behavior and per agent) no longer apply. */
  private forgetErrors(behaviorId: string): void {
    this.runErrors.delete(behaviorId);
    for (const [agentId, entry] of this.agentErrors) {
      if (entry.behaviorId === behaviorId) this.agentErrors.delete(agentId);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.dispose();
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
