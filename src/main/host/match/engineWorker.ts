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
} from '../../../../engine/index';
import { MAX_SAYS } from '../../../shared/controlLane';
import { BehaviorDriver } from './behaviorDriver';
import { AgentInspector, INSPECT_INTERVAL_MS } from '../inspect/agentInspector';
import { MEMORY_BYTE_LIMIT } from '../../../../engine/behavior/index';
import type { WorkerCommand, WorkerEvent } from './engineWorkerProtocol';
import {
  addNetClient,
  applyNetInputs,
  createNetClients,
  encodeNetSnapshots,
  saysByClient,
  receiveNetInput,
  removeNetClient,
} from './netClients';
import {
  beginNetPacketBatch,
  createNetPacketBatchWriter,
  finishNetPacketBatch,
} from './netPacketBatch';
import { RollingTimings } from './rollingTimings';
import { tickTimingsFromEnv, tickTraceFromEnv } from './tickTrace';
import {
  afterRecordedStep,
  beginRecording,
  endRecording,
  recordBehavior,
  type LiveRecorder,
} from '../replay/liveRecorder';
import type { RecordingEvent } from '../replay/replayFormat';
// Straight from the files, not metrics/index.ts: the worker needs none of prom-client.
import { beat, expectNoTicks, expectTicks, heartbeatOf } from '../metrics/engineHeartbeat';
import { createInputAckClock, inputAcked, inputArrived } from '../metrics/inputAckClock';
import { createSampleBuffer, pushSample, takeSamples } from '../metrics/sampleBuffer';

if (!parentPort) throw new Error('engineWorker must run in a worker thread');
const port = parentPort;

let world: World | null = null;
let loop: FixedStep | null = null;
let timer: NodeJS.Timeout | null = null;
let view: ViewBuffers = createViewBuffers(1024);
// Replaced at each match start: snapshot ticks restart from 0 with the new world.
let net = createNetClients();
/**
 * Each tick's packets for every friend, in transferred buffers: the first
 * as soon as the longest-waiting friend's snapshot is encoded, then one
 * whenever `CHUNK_MS` of encoding has gone into the next, then the rest.
 */
const batch = createNetPacketBatchWriter();
/**
 * Each post wakes the main thread (on a busy machine it may take the
 * worker's core): 1 ms of encoding per chunk keeps a tick to a few posts.
 */
const CHUNK_MS = 1;
/** The clients (id, applied seq) in the chunk being encoded, for the ack clock. */
const chunkClients: number[] = [];
let chunkStartedAt = 0;
let chunksThisTick = 0;
const timings = new RollingTimings(200);
let ticksThisSecond = 0;
let secondStartedAt = 0;
let measuredTickRate = 0;
/** User behaviors of the running match (or, between matches, a validator for saves). */
let behaviors: BehaviorDriver | null = null;
let lastItemIds: string[] = [];
const traceTick = tickTraceFromEnv();
const traceTimings = tickTimingsFromEnv();
const heartbeat = heartbeatOf(
  (workerData as { heartbeat?: SharedArrayBuffer } | null)?.heartbeat ?? new SharedArrayBuffer(24),
);
const tickSamples = createSampleBuffer(512);
const ackSamples = createSampleBuffer(4096);
const ackClock = createInputAckClock();
/** Held by `pause`: no timer runs, only `step` advances the world. */
let paused = false;
/** Simulation speed, 0.25..4: the loop's clock runs this much faster than the wall clock. */
let speed = 1;
let clockBaseReal = 0;
let clockBaseSim = 0;
/** The match being recorded (one recording per start). */
let recorder: LiveRecorder | null = null;
let recordingSerial = 0;
/** The agents someone inspects; idle (and free) while nobody does. */
const inspector = new AgentInspector();

/** The loop's clock, ms: wall time scaled by `speed` since the last speed change. */
function simNow(): number {
  return clockBaseSim + (performance.now() - clockBaseReal) * speed;
}

function setSpeed(next: number): void {
  clockBaseSim = simNow();
  clockBaseReal = performance.now();
  speed = next;
}

function postRecording(event: RecordingEvent, transfer: ArrayBuffer[] = []): void {
  port.postMessage(event, transfer);
}

function newBehaviorDriver(seed: number, memoryMb?: number): BehaviorDriver {
  void behaviors?.dispose();
  const driver = new BehaviorDriver(
    seed,
    lastItemIds,
    (event) => post({ type: 'behaviorEvent', event }),
    undefined,
    memoryMb === undefined ? {} : { memoryBytes: memoryMb * 1024 * 1024 },
  );
  driver.onConsole = (lines) => post({ type: 'console', lines });
  return driver;
}

function post(event: WorkerEvent, transfer: ArrayBuffer[] = []): void {
  port.postMessage(event, transfer);
}

function schedule(): void {
  if (!loop) return;
  const delay = Math.max(0, msUntilNextTick(loop, simNow()) / speed);
  timer = setTimeout(run, delay);
}

function run(): void {
  timer = null;
  if (!world || !loop) return;
  const due = advanceFixedStep(loop, simNow());
  const started = performance.now();
  for (let i = 0; i < due; i++) tickOnce(world);
  if (due > 0) {
    const stepped = performance.now();
    const encodeMs = afterTicks(world);
    const whole = performance.now() - started;
    traceTimings.run(world.tick, due, whole, stepped - started, encodeMs);
  }
  const now = performance.now();
  if (due > 0 && inspector.active && now - inspector.lastSentAt >= INSPECT_INTERVAL_MS) {
    postInspections(world, inspector.agentIds);
  }
  if (now - secondStartedAt >= 1000) {
    measuredTickRate = (ticksThisSecond * 1000) / (now - secondStartedAt);
    ticksThisSecond = 0;
    secondStartedAt = now;
    postStats(world);
  } else if (due > 0) postScoreboardIfDue(world, now);
  schedule();
}

/** One simulated tick: behaviors' decisions, friends' inputs, the step, the recording. */
function tickOnce(w: World): void {
  const started = performance.now();
  behaviors?.beforeStep(w);
  applyNetInputs(net, w);
  if (inspector.active) inspector.beforeStep(w);
  stepWorld(w);
  if (inspector.active) inspector.afterStep(w);
  if (recorder) afterRecordedStep(recorder, w, postRecording);
  behaviors?.afterStep(w);
  const tookMs = performance.now() - started;
  timings.push(tookMs);
  pushSample(tickSamples, tookMs);
  ticksThisSecond++;
}

/**
 * After one or more ticks: the heartbeat, then the view and every player's
 * snapshot, posted in chunks as they are encoded. Returns the ms spent
 * encoding (view, snapshots, batches; not the posts).
 */
function afterTicks(world: World): number {
  beat(heartbeat, world.tick, Date.now());
  const encodeMs = net.clients.size === 0 ? 0 : encodeAndPost(world);
  // After the snapshots, so a bubble's agent is already drawn when its words arrive.
  const says = behaviors?.takeSays() ?? [];
  if (says.length > 0 && net.clients.size > 0) {
    const clients = saysByClient(net, world, says, MAX_SAYS);
    if (clients.length > 0) post({ type: 'says', tick: world.tick, clients });
  }
  return encodeMs;
}

/** Every player's snapshot, encoded and posted in chunks; returns the ms spent encoding. */
function encodeAndPost(world: World): number {
  traceTick(world.tick);
  const started = performance.now();
  let postMs = 0;
  const rows = collectTickView(world);
  const tick = world.tick;
  const clients = net.clients.size;
  let done = 0;
  chunksThisTick = 0;
  beginNetPacketBatch(batch);
  chunkStartedAt = performance.now();
  encodeNetSnapshots(net, world, view, rows, batch, (clientId, appliedSeq) => {
    chunkClients.push(clientId, appliedSeq);
    done++;
    const now = performance.now();
    if (done < clients && chunksThisTick > 0 && now - chunkStartedAt < CHUNK_MS) return;
    postMs += postChunk(tick);
    if (done < clients) beginNetPacketBatch(batch);
    chunkStartedAt = performance.now();
  });
  return performance.now() - started - postMs;
}

/** Posts the chunk's packets (one transferred buffer); returns the ms the post took. */
function postChunk(tick: number): number {
  const buffer = finishNetPacketBatch(batch);
  const before = performance.now();
  post({ type: 'netPackets', tick, batch: buffer }, [buffer]);
  const after = performance.now();
  for (let k = 0; k < chunkClients.length; k += 2) {
    const ms = inputAcked(ackClock, chunkClients[k], chunkClients[k + 1], after, ackSamples);
    if (ms >= 0) traceTimings.ack(ms);
  }
  chunkClients.length = 0;
  chunksThisTick++;
  return after - before;
}

/**
 * Collects this tick's view of every entity into `view` (grown when the
 * world outgrew it); returns its rows. The net clients encode from it:
 * every window and friend gets the world as snapshots, nothing else.
 */
function collectTickView(w: World): number {
  const needed = viewSize(w);
  if (needed > view.capacity) view = createViewBuffers(Math.max(needed, view.capacity * 2));
  return collectView(w, view);
}

/**
 * Posts the inspection of each of `agentIds` still in the world, each once
 * its memory was read from the sandbox (after this tick's batch ran there).
 */
function postInspections(w: World, agentIds: number[]): void {
  inspector.lastSentAt = performance.now();
  const driver = behaviors;
  for (const agentId of agentIds) {
    const inspection = inspector.inspect(w, agentId, driver, lastItemIds, paused);
    if (!inspection) continue;
    const behavior = inspection.behavior;
    if (!behavior || !driver) {
      post({ type: 'inspect', inspection });
      continue;
    }
    void driver.memoryOf(behavior.id, agentId).then((json) => {
      inspection.memoryTruncated = json !== null && json.length > MEMORY_BYTE_LIMIT;
      inspection.memory = json === null ? null : json.slice(0, MEMORY_BYTE_LIMIT);
      post({ type: 'inspect', inspection });
    });
  }
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
  postScoreboard(w, performance.now());
}

/** Scores between the stats: twice a second, and soon (at most 4/s) after a death, for kill feeds. */
const SCOREBOARD_EVERY_MS = 500;
const SCOREBOARD_AFTER_DEATH_MS = 250;
let scoreboardPostedAt = 0;
let deathsPosted = 0;

function totalDeaths(w: World): number {
  let deaths = 0;
  for (const count of w.teamScore.deaths) deaths += count;
  return deaths;
}

function postScoreboardIfDue(w: World, now: number): void {
  const since = now - scoreboardPostedAt;
  if (
    since >= SCOREBOARD_EVERY_MS ||
    (since >= SCOREBOARD_AFTER_DEATH_MS && totalDeaths(w) !== deathsPosted)
  )
    postScoreboard(w, now);
}

function postScoreboard(w: World, now: number): void {
  scoreboardPostedAt = now;
  deathsPosted = totalDeaths(w);
  post({ type: 'scoreboard', scoreboard: getScoreboard(w) });
}

function stop(): number {
  if (timer) clearTimeout(timer);
  timer = null;
  const tick = world?.tick ?? 0;
  if (world && recorder) endRecording(recorder, world, postRecording);
  recorder = null;
  paused = false;
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

/** Answers a clock command with the tick the world is at now. */
function replyTick(requestId: number, w: World): void {
  post({ type: 'reply', requestId, ok: true, value: { tick: w.tick } });
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
        if (world && recorder) endRecording(recorder, world, postRecording);
        const { settings } = command;
        world = createWorld(command.map, {
          seed: settings.seed,
          agents: settings.agents,
          config: settings.config,
          items: command.items,
        });
        recorder = beginRecording(world, ++recordingSerial, postRecording);
        paused = false;
        setSpeed(1);
        lastItemIds = command.items.map((item) => item.id);
        behaviors = newBehaviorDriver(settings.seed, world.config.behaviorMemoryMb);
        loop = createFixedStep(world.tickRate);
        net = createNetClients();
        timings.clear();
        secondStartedAt = performance.now();
        ticksThisSecond = 0;
        advanceFixedStep(loop, simNow());
        expectTicks(heartbeat, 1000 / world.tickRate, Date.now());
        post({
          type: 'reply',
          requestId: command.requestId,
          ok: true,
          value: { tick: world.tick, recording: recordingSerial },
        });
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
        paused = command.type === 'pause';
        // A paused match does not tick; health must not read it as stalled.
        if (command.type === 'pause') expectNoTicks(heartbeat);
        if (command.type === 'resume') {
          expectTicks(heartbeat, 1000 / world.tickRate, Date.now());
          // Time spent paused is not owed: the loop starts counting again from now.
          loop.lastTimeMs = Number.NaN;
          loop.accumulatorMs = 0;
          advanceFixedStep(loop, simNow());
          schedule();
        }
        replyTick(command.requestId, world);
        break;
      }
      case 'step': {
        if (!world || !loop) throw new Error('no match is running to step');
        if (!paused) throw new Error('the match is running: pause it before stepping');
        tickOnce(world);
        afterTicks(world);
        postStats(world);
        replyTick(command.requestId, world);
        if (inspector.active) postInspections(world, inspector.agentIds);
        break;
      }
      case 'setSpeed': {
        if (!(command.speed >= 0.25 && command.speed <= 4))
          throw new Error(`speed must be 0.25 to 4, got ${command.speed}`);
        setSpeed(command.speed);
        if (timer) {
          // The next tick is due sooner or later at the new speed.
          clearTimeout(timer);
          schedule();
        }
        post({ type: 'reply', requestId: command.requestId, ok: true, value: { speed } });
        break;
      }
      case 'setAgentCount':
        if (world) setAgentCount(world, command.count);
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
        ackClock.waiting.delete(command.clientId);
        break;
      case 'netInput':
        receiveNetInput(net, command.clientId, command.bytes, performance.now());
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
        replyBehavior(command.requestId, async (driver) => {
          const result = await driver.hotLoad(command.request);
          if (result.ok && world) {
            const { behaviorId, version, author, source, language } = command.request;
            const event = { op: 'load' as const, behaviorId, version, author, source, language };
            recordBehavior(recorder, { tick: world.tick, ...event });
          }
          return result;
        });
        break;
      case 'behaviorValidate':
        replyBehavior(command.requestId, (driver) => driver.validate(command.request));
        break;
      case 'behaviorAssign':
        replyBehavior(command.requestId, (driver) => {
          driver.assign(command.target, command.behaviorId);
          if (world) {
            const { target, behaviorId } = command;
            recordBehavior(recorder, { tick: world.tick, op: 'assign', target, behaviorId });
          }
          return driver.teamAssignments();
        });
        break;
      case 'behaviorUnload':
        replyBehavior(command.requestId, (driver) => driver.unload(command.behaviorId));
        break;
      case 'inspect': {
        inspector.follow(command.agentIds);
        const check = command.check;
        const found = check === null || (world !== null && AgentInspector.exists(world, check));
        post({ type: 'reply', requestId: command.requestId, ok: true, value: { found } });
        if (found && check !== null && world) postInspections(world, [check]);
        break;
      }
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
