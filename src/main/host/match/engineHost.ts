import { Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import type { ItemDefData } from '../../../shared/gameConfig';
import type {
  AgentInspection,
  MapDef,
  MatchSettings,
  ScoreboardData,
} from '../../../shared/hostApi';
import type { AgentSay, BehaviorDriverEvent } from './behaviorDriver';
import type { ClientSays } from './netClients';
import type {
  HotLoadRequest,
  HotLoadResult,
  UnnamedConsoleLine,
  ValidateResult,
} from '../behaviors/sandbox/index';
import type {
  BehaviorStatusReply,
  UnitState,
  WorkerCommand,
  WorkerEvent,
  WorkerStats,
} from './engineWorkerProtocol';
import type { RecordingEvent } from '../replay/replayFormat';
import { createEngineHeartbeat, type EngineHeartbeat } from '../metrics/engineHeartbeat';
import { readNetPacketBatch, type NetPacketBatch } from './netPacketBatch';

export interface EngineHostEvents {
  stats: [WorkerStats];
  scoreboard: [ScoreboardData];
  /** Snapshot packets of a tick for some friends (a tick comes in a few); send them as views (`sendNetPackets`). */
  netPackets: [{ tick: number; batch: NetPacketBatch }];
  error: [Error];
  behavior: [BehaviorDriverEvent];
  /** Behaviors' console lines (limited; not yet named). */
  console: [UnnamedConsoleLine[]];
  recording: [RecordingEvent];
  inspect: [AgentInspection];
  /** What agents said, per net client: send each its own (`sayText`, then a `say` control message). */
  says: [{ tick: number; clients: ClientSays<AgentSay>[] }];
  exit: [number];
}

/**
 * The host core's handle on the engine worker thread. `workerUrl` points at
 * the built `engineWorker.js`, or at `engineWorker.ts` under tests (then
 * tsx compiles it inside the worker).
 */
export class EngineHost extends EventEmitter<EngineHostEvents> {
  private readonly worker: Worker;
  private exited = false;
  /** The worker's pulse (shared memory it writes each tick), for health probes. */
  readonly heartbeat: EngineHeartbeat = createEngineHeartbeat();
  private nextRequestId = 1;
  private readonly pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >();

  constructor(workerUrl: URL) {
    super();
    const workerData = { heartbeat: this.heartbeat.buffer };
    this.worker = workerUrl.pathname.endsWith('.ts')
      ? // Node 20 does not pass `--import tsx` loader hooks into workers; tsx's API does.
        new Worker(
          `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(workerUrl.href)}))`,
          { eval: true, name: 'arbiter-engine', workerData },
        )
      : new Worker(workerUrl, { name: 'arbiter-engine', workerData });
    this.worker.on('message', (event: WorkerEvent) => this.handle(event));
    this.worker.on('error', (error) => this.emit('error', error));
    this.worker.on('exit', (code) => {
      this.exited = true;
      for (const waiter of this.pending.values())
        waiter.reject(new Error('the engine worker exited'));
      this.pending.clear();
      this.emit('exit', code);
    });
  }

  /** False once the worker thread exited (crashed or disposed). */
  get alive(): boolean {
    return !this.exited;
  }

  /** The serial of the newest match's recording (its `recording` events carry it); 0 before any. */
  recordingSerial = 0;

  /** Starts a match; resolves once it runs, rejects with why it could not start. */
  async start(map: MapDef, settings: MatchSettings, items: ItemDefData[]): Promise<void> {
    const started = await this.request<{ recording: number }>({
      type: 'start',
      requestId: this.nextRequestId++,
      map,
      settings,
      items,
    });
    this.recordingSerial = started.recording;
  }

  /** Stops the match (a no-op when none runs); resolves once it has stopped. */
  async stop(): Promise<void> {
    await this.request({ type: 'stop', requestId: this.nextRequestId++ });
  }

  /** Holds the tick loop of the running match; resolves to the tick it holds at; rejects when none runs. */
  pause(): Promise<{ tick: number }> {
    return this.request({ type: 'pause', requestId: this.nextRequestId++ });
  }

  /** Runs a paused match again; rejects when none runs. */
  resume(): Promise<{ tick: number }> {
    return this.request({ type: 'resume', requestId: this.nextRequestId++ });
  }

  /** Runs one tick of a paused match; resolves to the tick after it; rejects unless paused. */
  step(): Promise<{ tick: number }> {
    return this.request({ type: 'step', requestId: this.nextRequestId++ });
  }

  /** Simulation speed, 0.25..4 times the tick rate. */
  async setSpeed(speed: number): Promise<void> {
    await this.request({ type: 'setSpeed', requestId: this.nextRequestId++, speed });
  }

  setAgentCount(count: number): void {
    this.send({ type: 'setAgentCount', count });
  }

  /** Adds an avatar to `team`, restoring `state` when given; resolves to its unit id. */
  addPlayer(
    team: number,
    state: UnitState | null,
  ): Promise<{ unitId: number; problems: string[] }> {
    return this.request({ type: 'addPlayer', requestId: this.nextRequestId++, team, state });
  }

  /** Removes an avatar; resolves to its last state (null if it was already gone). */
  removePlayer(unitId: number): Promise<UnitState | null> {
    return this.request({ type: 'removePlayer', requestId: this.nextRequestId++, unitId });
  }

  exportPlayers(unitIds: number[]): Promise<Array<{ unitId: number; state: UnitState | null }>> {
    return this.request({ type: 'exportPlayers', requestId: this.nextRequestId++, unitIds });
  }

  /** Starts snapshots for a friend's avatar; their inputs go through `netInput`. */
  addNetClient(clientId: number, unitId: number, seesAll = false): void {
    this.send({ type: 'addNetClient', clientId, unitId, seesAll });
  }

  removeNetClient(clientId: number): void {
    this.send({ type: 'removeNetClient', clientId });
  }

  /** An input packet from a friend (copied: the caller's buffer may be reused). */
  netInput(clientId: number, bytes: Uint8Array): void {
    // A real copy even of a Buffer, whose `slice` would share (and the transfer detach) its pool.
    const copy = new Uint8Array(bytes);
    if (!this.exited)
      this.worker.postMessage({ type: 'netInput', clientId, bytes: copy }, [copy.buffer]);
  }

  /** Hands a player's command to the engine, which validates it at the next tick boundary. */
  playerCommand(unitId: number, command: unknown): void {
    this.send({ type: 'command', unitId, command });
  }

  /** Dry-runs and hot-loads a behavior version into the match (or only validates, between matches). */
  behaviorHotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    return this.request({ type: 'behaviorHotLoad', requestId: this.nextRequestId++, request });
  }

  /** Strip, compile and dry run only; nothing changes in the match. */
  behaviorValidate(request: HotLoadRequest): Promise<ValidateResult> {
    return this.request({ type: 'behaviorValidate', requestId: this.nextRequestId++, request });
  }

  /** Resolves to team → behavior id after the change. */
  behaviorAssign(
    target: { team?: number; agentId?: number },
    behaviorId: string | null,
  ): Promise<Record<number, string>> {
    return this.request({
      type: 'behaviorAssign',
      requestId: this.nextRequestId++,
      target,
      behaviorId,
    });
  }

  behaviorUnload(behaviorId: string): Promise<void> {
    return this.request({ type: 'behaviorUnload', requestId: this.nextRequestId++, behaviorId });
  }

  behaviorStatus(): Promise<BehaviorStatusReply> {
    return this.request({ type: 'behaviorStatus', requestId: this.nextRequestId++ });
  }

  /**
   * Inspects `agentIds` from now on (none: the inspector idles); resolves to
   * whether `check` is an agent in the running match (true when null).
   */
  inspect(agentIds: number[], check: number | null): Promise<{ found: boolean }> {
    return this.request({ type: 'inspect', requestId: this.nextRequestId++, agentIds, check });
  }

  /**
   * Ends the worker thread (and the sandbox workers inside it) at once;
   * resolves once it has exited. Nothing in it needs saving: the roster
   * exports players' progress before. Asking it to stop would wait for the
   * tick it is in, which a busy sandbox makes long (a SIGTERM must end the
   * host within 2 s).
   */
  async dispose(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.worker.terminate();
    await exited;
  }

  private send(command: WorkerCommand): void {
    if (!this.exited) this.worker.postMessage(command);
  }

  /**
   * Sends a command and waits for the reply carrying its request id; only
   * that reply (or the worker's exit) settles it, so one failure never
   * rejects another caller's request.
   */
  private request<T>(command: WorkerCommand & { requestId: number }): Promise<T> {
    if (this.exited) return Promise.reject(new Error('the engine worker has exited'));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(command.requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.send(command);
    });
  }

  /** A batch that does not read is the worker's bug: reported, never a crash of the host. */
  private emitPackets(tick: number, buffer: ArrayBuffer): void {
    let batch: NetPacketBatch;
    try {
      batch = readNetPacketBatch(buffer);
    } catch (error) {
      this.emit('error', error as Error);
      return;
    }
    this.emit('netPackets', { tick, batch });
  }

  private handle(event: WorkerEvent): void {
    if (event.type === 'reply') {
      const waiter = this.pending.get(event.requestId);
      this.pending.delete(event.requestId);
      if (event.ok) waiter?.resolve(event.value);
      else waiter?.reject(new Error(event.message));
    } else if (event.type === 'stats') this.emit('stats', event);
    else if (event.type === 'scoreboard') this.emit('scoreboard', event.scoreboard);
    else if (event.type === 'netPackets') this.emitPackets(event.tick, event.batch);
    else if (event.type === 'error') this.emit('error', new Error(event.message));
    else if (event.type === 'behaviorEvent') this.emit('behavior', event.event);
    else if (event.type === 'console') this.emit('console', event.lines);
    else if (event.type === 'recording') this.emit('recording', event);
    else if (event.type === 'inspect') this.emit('inspect', event.inspection);
    else if (event.type === 'says') this.emit('says', { tick: event.tick, clients: event.clients });
  }
}
