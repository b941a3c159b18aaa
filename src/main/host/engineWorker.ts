/**
 * The engine's thread. Simulation never runs on the thread that serves
 * windows, IPC or sockets: this worker steps the world on a fixed timestep
 * and posts each tick's positions back.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import {
  advanceFixedStep,
  createFixedStep,
  createWorld,
  msUntilNextTick,
  setAgentCount,
  stateHash,
  stepWorld,
  type FixedStep,
  type World,
} from '../../../engine/index';
import type { WorkerCommand, WorkerEvent } from './engineWorkerProtocol';
import { RollingTimings } from './rollingTimings';

if (!parentPort) throw new Error('engineWorker must run in a worker thread');
const port = parentPort;

let world: World | null = null;
let loop: FixedStep | null = null;
let timer: NodeJS.Timeout | null = null;
const timings = new RollingTimings(120);
let ticksThisSecond = 0;
let secondStartedAt = 0;
let measuredTickRate = 0;

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
    stepWorld(world);
    timings.push(performance.now() - started);
    ticksThisSecond++;
  }
  if (due > 0) postFrame(world);
  const now = performance.now();
  if (now - secondStartedAt >= 1000) {
    measuredTickRate = (ticksThisSecond * 1000) / (now - secondStartedAt);
    ticksThisSecond = 0;
    secondStartedAt = now;
    postStats(world);
  }
  schedule();
}

function postFrame(w: World): void {
  const ids = w.id.slice(0, w.count);
  const teams = w.team.slice(0, w.count);
  const xy = new Float32Array(w.count * 2);
  for (let i = 0; i < w.count; i++) {
    xy[i * 2] = w.x[i];
    xy[i * 2 + 1] = w.y[i];
  }
  post(
    {
      type: 'frame',
      tick: w.tick,
      timeMs: (w.tick * 1000) / w.tickRate,
      ids,
      xy,
      teams,
      radius: w.agentRadius,
    },
    [ids.buffer, xy.buffer, teams.buffer],
  );
}

function postStats(w: World): void {
  post({
    type: 'stats',
    tick: w.tick,
    tickRate: w.tickRate,
    measuredTickRate,
    entityCount: w.count,
    msPerTick: timings.median(),
    stateHash: stateHash(w),
  });
}

function stop(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const tick = world?.tick ?? 0;
  world = null;
  loop = null;
  post({ type: 'stopped', tick });
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
          tickRate: settings.tickRate,
        });
        loop = createFixedStep(settings.tickRate);
        timings.clear();
        secondStartedAt = performance.now();
        ticksThisSecond = 0;
        advanceFixedStep(loop, performance.now());
        post({ type: 'started', tick: world.tick });
        postFrame(world);
        postStats(world);
        schedule();
        break;
      }
      case 'stop':
        stop();
        break;
      case 'setAgentCount':
        if (world) {
          setAgentCount(world, command.count);
          postFrame(world);
        }
        break;
      case 'shutdown':
        if (timer) clearTimeout(timer);
        port.close();
        break;
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
