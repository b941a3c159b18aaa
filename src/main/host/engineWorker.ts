/**
 * The engine's thread. Simulation never runs on the thread that serves
 * windows, IPC or sockets: this worker steps the world on a fixed timestep
 * and posts each tick's view back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  addPlayer,
  advanceFixedStep,
  applyCommand,
  collectView,
  createFixedStep,
  createViewBuffers,
  createWorld,
  exportUnitState,
  getScoreboard,
  importUnitState,
  msUntilNextTick,
  removePlayer,
  setAgentCount,
  stateHash,
  stepWorld,
  viewSize,
  type FixedStep,
  type ViewBuffers,
  type World,
} from '../../../engine/index';
import { BehaviorDriver } from './behaviorDriver';
import type { WorkerCommand, WorkerEvent } from './engineWorkerProtocol';
import {
  addNetClient,
  applyNetInputs,
  createNetClients,
  encodeNetSnapshots,
  receiveNetInput,
  removeNetClient,
} from './netClients';
import { RollingTimings } from './rollingTimings';
// Straight from the files, not metrics/index.ts: the worker needs none of prom-client.
import { beat, expectNoTicks, expectTicks, heartbeatOf } from './metrics/engineHeartbeat';
import { createInputAckClock, inputArrived, inputsAcked } from './metrics/inputAckClock';
import { createSampleBuffer, pushSample, takeSamples } from './metrics/sampleBuffer';

if (!parentPort) throw new Error('engineWorker must run in a worker thread');
const port = parentPort;

let world: World | null = null;
let loop: FixedStep | null = null;
let timer: NodeJS.Timeout | null = null;
let view: ViewBuffers = createViewBuffers(1024);
// Replaced at each match start: snapshot ticks restart from 0 with the new world.
let net = createNetClients();
const timings = new RollingTimings(200);
let ticksThisSecond = 0;
let secondStartedAt = 0;
let measuredTickRate = 0;
/** User behaviors of the running match (or, between matches, a validator for saves). */
let behaviors: BehaviorDriver | null = null;
let lastItemIds: string[] = [];
const heartbeat = heartbeatOf(
  (workerData as { heartbeat?: SharedArrayBuffer } | null)?.heartbeat ?? new SharedArrayBuffer(24),
);
const tickSamples = createSampleBuffer(512);
const ackSamples = createSampleBuffer(4096);
const ackClock = createInputAckClock();

function newBehaviorDriver(seed: number, memoryMb?: number): BehaviorDriver {
  void behaviors?.dispose();
  return new BehaviorDriver(
    seed,
    lastItemIds,
    (event) => post({ type: 'behaviorEvent', event }),
    undefined,
    memoryMb === undefined ? {} : { memoryBytes: memoryMb * 1024 * 1024 },
  );
}

function post(event: WorkerEvent, transfer: ArrayBuffer[] = []): void {
  port.postMessage(event, transfer);
}

function schedule(): void {
  if (!loop) return;
  const delay = Math.max(0, msUntilNextTick(loop, performance.now()));
  timer = setTimeout(run, delay);
}

function run(): void {
  timer = null;
  if (!world || !loop) return;
  const due = advanceFixedStep(loop, performance.now());
  for (let i = 0; i < due; i++) {
    const started = performance.now();
    behaviors?.beforeStep(world);
    applyNetInputs(net, world);
    stepWorld(world);
    behaviors?.afterStep(world);
    const tookMs = performance.now() - started;
    timings.push(tookMs);
    pushSample(tickSamples, tookMs);
    ticksThisSecond++;
  }
  if (due > 0) {
    beat(heartbeat, world.tick, Date.now());
    const rows = postFrame(world);
    const sends = encodeNetSnapshots(net, world, view, rows);
    inputsAcked(ackClock, net.clients, performance.now(), ackSamples);
    if (sends.length) {
      const transfer = sends.flatMap((send) =>
        send.packets.map((packet) => packet.buffer as ArrayBuffer),
      );
      post({ type: 'netPackets', tick: world.tick, sends }, transfer);
    }
  }
  const now = performance.now();
  if (now - secondStartedAt >= 1000) {
    measuredTickRate = (ticksThisSecond * 1000) / (now - secondStartedAt);
    ticksThisSecond = 0;
    secondStartedAt = now;
    postStats(world);
  }
  schedule();
}

/** Posts this tick's view to the host core; returns the rows now in `view`. */
function postFrame(w: World): number {
  const needed = viewSize(w);
  if (needed > view.capacity) view = createViewBuffers(Math.max(needed, view.capacity * 2));
  const n = collectView(w, view);
  // Copies: the view buffers are reused next tick, the copies are transferred.
  const ids = view.id.slice(0, n);
  const kinds = view.kind.slice(0, n);
  const teams = view.team.slice(0, n);
  const aim = view.aim.slice(0, n);
  const hp = view.hp.slice(0, n);
  const alive = view.alive.slice(0, n);
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    xy[i * 2] = view.x[i];
    xy[i * 2 + 1] = view.y[i];
  }
  post(
    {
      type: 'frame',
      tick: w.tick,
      timeMs: (w.tick * 1000) / w.tickRate,
      ids,
      kinds,
      teams,
      xy,
      aim,
      hp,
      alive,
      radius: w.agentRadius,
    },
    [ids.buffer, kinds.buffer, teams.buffer, xy.buffer, aim.buffer, hp.buffer, alive.buffer],
  );
  return n;
}

function postStats(w: World): void {
  const ticks = takeSamples(tickSamples);
  const acks = takeSamples(ackSamples);
  post(
    {
      type: 'stats',
      tick: w.tick,
      tickRate: w.tickRate,
      measuredTickRate,
      entityCount: viewSize(w),
      msPerTick: timings.median(),
      p99MsPerTick: timings.percentile(99),
      stateHash: stateHash(w),
      tickSamples: ticks,
      ackSamples: acks,
    },
    [ticks.buffer, acks.buffer],
  );
  post({ type: 'scoreboard', scoreboard: getScoreboard(w) });
}

function stop(): number {
  if (timer) clearTimeout(timer);
  timer = null;
  const tick = world?.tick ?? 0;
  world = null;
  loop = null;
  expectNoTicks(heartbeat);
  return tick;
}

/** Like `reply`, for work that needs the behavior runner (no match needed: a save is validated between matches too). */
function replyBehavior(requestId: number, run: (driver: BehaviorDriver) => unknown): void {
  behaviors ??= newBehaviorDriver(0);
  const driver = behaviors;
  Promise.resolve()
    .then(() => run(driver))
    .then(
      (value) => post({ type: 'reply', requestId, ok: true, value }),
      (error: unknown) =>
        post({ type: 'reply', requestId, ok: false, message: (error as Error).message }),
    );
}

/** Answers a request-style command; an exception becomes a failed reply. */
function reply(requestId: number, run: (w: World) => unknown): void {
  try {
    if (!world) throw new Error('no match is running');
    post({ type: 'reply', requestId, ok: true, value: run(world) });
  } catch (error) {
    post({ type: 'reply', requestId, ok: false, message: (error as Error).message });
  }
}

port.on('message', (command: WorkerCommand) => {
  try {
    switch (command.type) {
      case 'start': {
        if (timer) clearTimeout(timer);
        const { settings } = command;
        world = createWorld(command.map, {
          seed: settings.seed,
          agents: settings.agents,
          config: settings.config,
          items: command.items,
        });
        lastItemIds = command.items.map((item) => item.id);
        behaviors = newBehaviorDriver(settings.seed, world.config.behaviorMemoryMb);
        loop = createFixedStep(world.tickRate);
        net = createNetClients();
        timings.clear();
        secondStartedAt = performance.now();
        ticksThisSecond = 0;
        advanceFixedStep(loop, performance.now());
        expectTicks(heartbeat, 1000 / world.tickRate, Date.now());
        post({
          type: 'reply',
          requestId: command.requestId,
          ok: true,
          value: { tick: world.tick },
        });
        postFrame(world);
        postStats(world);
        schedule();
        break;
      }
      case 'stop':
        post({ type: 'reply', requestId: command.requestId, ok: true, value: { tick: stop() } });
        break;
      case 'pause':
      case 'resume': {
        if (!world || !loop) throw new Error(`no match is running to ${command.type}`);
        if (timer) clearTimeout(timer);
        timer = null;
        // A paused match does not tick; health must not read it as stalled.
        if (command.type === 'pause') expectNoTicks(heartbeat);
        if (command.type === 'resume') {
          expectTicks(heartbeat, 1000 / world.tickRate, Date.now());
          // Time spent paused is not owed: the loop starts counting again from now.
          loop.lastTimeMs = Number.NaN;
          loop.accumulatorMs = 0;
          advanceFixedStep(loop, performance.now());
          schedule();
        }
        post({
          type: 'reply',
          requestId: command.requestId,
          ok: true,
          value: { tick: world.tick },
        });
        break;
      }
      case 'setAgentCount':
        if (world) {
          setAgentCount(world, command.count);
          postFrame(world);
        }
        break;
      case 'addPlayer':
        reply(command.requestId, (w) => {
          const unitId = addPlayer(w, command.team);
          const problems = command.state ? importUnitState(w, unitId, command.state) : [];
          return { unitId, problems };
        });
        break;
      case 'removePlayer':
        reply(command.requestId, (w) => {
          const state = exportUnitState(w, command.unitId);
          removePlayer(w, command.unitId);
          return state;
        });
        break;
      case 'exportPlayers':
        reply(command.requestId, (w) =>
          command.unitIds.map((unitId) => ({ unitId, state: exportUnitState(w, unitId) })),
        );
        break;
      case 'addNetClient':
        addNetClient(net, command.clientId, command.unitId, command.seesAll);
        break;
      case 'removeNetClient':
        removeNetClient(net, command.clientId);
        break;
      case 'netInput':
        receiveNetInput(net, command.clientId, command.bytes);
        inputArrived(
          ackClock,
          command.clientId,
          net.clients.get(command.clientId)?.inputs.newestSeq,
          performance.now(),
        );
        break;
      case 'command':
        // Rejections are counted by the engine (world.rejections); the match goes on.
        if (world) applyCommand(world, command.unitId, command.command as never);
        break;
      case 'behaviorHotLoad':
        replyBehavior(command.requestId, (driver) => driver.hotLoad(command.request));
        break;
      case 'behaviorValidate':
        replyBehavior(command.requestId, (driver) => driver.validate(command.request));
        break;
      case 'behaviorAssign':
        replyBehavior(command.requestId, (driver) => {
          driver.assign(command.target, command.behaviorId);
          return driver.teamAssignments();
        });
        break;
      case 'behaviorUnload':
        replyBehavior(command.requestId, (driver) => driver.unload(command.behaviorId));
        break;
      case 'behaviorStatus':
        replyBehavior(command.requestId, (driver) => ({
          running: world !== null,
          tick: world?.tick ?? 0,
          behaviors: driver.status(),
          authors: driver.authors(),
          teams: driver.teamAssignments(),
          agents: world ? driver.agents(world) : [],
        }));
        break;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A failed request answers that request only; anything else is the host's `error` event.
    if ('requestId' in command)
      post({ type: 'reply', requestId: command.requestId, ok: false, message });
    else post({ type: 'error', message });
  }
});
