/**
 * The replay worker: holds the few replays open in the Saves view, answers
 * seeks by re-simulating from the nearest checkpoint and runs what-ifs
 * (with the behavior sandbox's own threads). One request at a time, in
 * order; a failure answers that request only.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { collectView, createViewBuffers, stateHash, viewSize } from '../../../../engine/index';
import { ReplayPlayer, decodeReplay } from './replayPlayer';
import type { ReplayCommand, ReplayFrame, ReplayInfo, ReplayReply } from './replayWorkerProtocol';
import { runWhatIf } from './whatIf';

if (!parentPort) throw new Error('replayWorker must run in a worker thread');
const port = parentPort;

/** Replays kept decoded, newest last; the oldest goes past this many. */
const MAX_OPEN = 3;
const open = new Map<number, ReplayPlayer>();
let view = createViewBuffers(1024);
let queue: Promise<void> = Promise.resolve();

function player(matchId: number): ReplayPlayer {
  const found = open.get(matchId);
  if (!found) throw new Error(`replay ${matchId} is not open: open it first`);
  return found;
}

function info(p: ReplayPlayer): ReplayInfo {
  const r = p.replay;
  return {
    matchId: r.matchId,
    tickRate: r.header.settings.config.tickRate,
    endTick: r.endTick,
    endHash: r.endHash,
    truncated: r.truncated,
    agents: r.header.settings.agents,
    behaviors: r.behaviors.flatMap((e) =>
      e.op === 'load' ? [{ tick: e.tick, behaviorId: e.behaviorId, version: e.version }] : [],
    ),
    checkpoints: r.checkpoints.length,
    map: r.header.map,
  };
}

function frameAt(p: ReplayPlayer, tick: number): ReplayFrame {
  const started = performance.now();
  const world = p.seek(tick);
  const seekMs = performance.now() - started;
  const needed = viewSize(world);
  if (needed > view.capacity) view = createViewBuffers(Math.max(needed, view.capacity * 2));
  const n = collectView(world, view);
  const xy: number[] = [];
  const hp: number[] = [];
  for (let i = 0; i < n; i++) {
    xy.push(Math.round(view.x[i] * 100) / 100, Math.round(view.y[i] * 100) / 100);
    hp.push(Math.round(Math.min(1, Math.max(0, view.hp[i])) * 100));
  }
  const s = world.teamScore;
  return {
    tick: world.tick,
    hash: stateHash(world),
    ids: Array.from(view.id.subarray(0, n)),
    kinds: Array.from(view.kind.subarray(0, n)),
    teams: Array.from(view.team.subarray(0, n)),
    xy,
    hp,
    alive: Array.from(view.alive.subarray(0, n)),
    radius: world.agentRadius,
    teamScores: Array.from(s.kills, (kills, team) => ({
      team,
      kills,
      deaths: s.deaths[team],
      damage: Math.round(s.damage[team]),
    })),
    seekMs,
  };
}

async function answer(command: ReplayCommand): Promise<ReplayInfo | ReplayFrame | unknown> {
  switch (command.type) {
    case 'open': {
      const p = new ReplayPlayer(decodeReplay(command.stored));
      open.delete(p.replay.matchId);
      open.set(p.replay.matchId, p);
      while (open.size > MAX_OPEN) open.delete(open.keys().next().value!);
      return info(p);
    }
    case 'seek':
      return frameAt(player(command.matchId), command.tick);
    case 'whatIf':
      return runWhatIf(player(command.matchId), command.fromTick, command.ticks, command.version);
  }
}

port.on('message', (command: ReplayCommand) => {
  queue = queue.then(async () => {
    let reply: ReplayReply;
    try {
      reply = {
        type: 'reply',
        requestId: command.requestId,
        ok: true,
        value: (await answer(command)) as ReplayFrame,
      };
    } catch (error) {
      reply = {
        type: 'reply',
        requestId: command.requestId,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(reply);
  });
});
