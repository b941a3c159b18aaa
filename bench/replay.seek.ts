/**
 * Replay seek benchmark: records a 10-minute match of 200 agents headless
 * (faster than real time, through the same recorder the engine worker
 * uses, with two players' commands in the log), compresses it as the host
 * stores it, then seeks the replay player to random ticks: each seek
 * restores the nearest checkpoint and re-simulates from there, as the
 * replay worker does.
 *
 * Run: npm run bench -- replay.seek
 * Fields: agents, minutes, seek_median_ms, seek_p99_ms, bytes_per_minute,
 * record_ms (generating the match), load_avg. Targets: median <= 200 ms, p99 <= 500 ms.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import {
  addPlayer,
  applyCommand,
  createRng,
  createWorld,
  nextFloat,
  nextInt,
  stepWorld,
  type ItemDef,
  type MapDef,
} from '../engine/index';
import type { StoredReplay } from '../src/main/host/persistence/replayStore';
import {
  afterRecordedStep,
  beginRecording,
  endRecording,
} from '../src/main/host/replay/liveRecorder';
import type { RecordingEvent } from '../src/main/host/replay/replayFormat';
import { ReplayPlayer, decodeReplay } from '../src/main/host/replay/replayPlayer';
import { median, percentile, report, round3 } from './_stats';

const AGENTS = 200;
const MINUTES = 10;
const TICK_RATE = 20;
const SEEKS = 200;
/** Untimed seeks first: the first few pay for compiling the step. */
const WARMUP_SEEKS = 5;

const map = JSON.parse(
  readFileSync(new URL('../resources/maps/arena.json', import.meta.url), 'utf8'),
) as MapDef;
const items = JSON.parse(readFileSync(new URL('../resources/items.json', import.meta.url), 'utf8'))
  .items as ItemDef[];

function record(): { stored: StoredReplay; bytes: number; ms: number } {
  const started = performance.now();
  const settings = { seed: 4242, agents: AGENTS, config: { matchSeconds: MINUTES * 60 } };
  const world = createWorld(map, { ...settings, items });
  const events: RecordingEvent[] = [];
  const post = (event: RecordingEvent) => void events.push(event);
  const recorder = beginRecording(world, 1, post);
  const players = [addPlayer(world, 0), addPlayer(world, 1)];
  const script = createRng(7);
  const ticks = MINUTES * 60 * TICK_RATE;
  for (let t = 0; t < ticks; t++) {
    for (const id of players) {
      applyCommand(world, id, {
        type: 'move',
        x: nextFloat(script) * 2 - 1,
        y: nextFloat(script) * 2 - 1,
      });
      if (nextInt(script, 0, 9) === 0) applyCommand(world, id, { type: 'fire' });
    }
    stepWorld(world);
    afterRecordedStep(recorder, world, post);
    if (t % 2000 === 0) process.stderr.write(`replay.seek: recorded ${t} of ${ticks} ticks\n`);
  }
  endRecording(recorder, world, post);
  const stored: StoredReplay = {
    matchId: 1,
    format: 1,
    header: { settings: { ...settings, config: { tickRate: TICK_RATE } }, map, items },
    end: null,
    chunks: [],
    checkpoints: [],
  };
  let bytes = 0;
  for (const event of events) {
    if (event.kind === 'chunk') {
      const data = deflateSync(
        JSON.stringify({ entries: event.entries, behaviors: event.behaviors }),
      );
      bytes += data.length;
      stored.chunks.push({ fromTick: event.fromTick, toTick: event.toTick, data });
    } else if (event.kind === 'checkpoint') {
      const data = deflateSync(event.state);
      bytes += data.length;
      stored.checkpoints.push({ tick: event.tick, hash: event.hash, data });
    } else stored.end = { tick: event.tick, hash: event.hash };
  }
  return { stored, bytes, ms: performance.now() - started };
}

const { stored, bytes, ms } = record();
const player = new ReplayPlayer(decodeReplay(stored));
const end = player.replay.endTick;
if (player.hashAt(end) !== stored.end?.hash)
  throw new Error('the replay does not end on the recorded hash');
const pick = createRng(99);
for (let i = 0; i < WARMUP_SEEKS; i++) player.seek(nextInt(pick, 0, end));
const times: number[] = [];
for (let i = 0; i < SEEKS; i++) {
  const tick = nextInt(pick, 0, end);
  const t0 = performance.now();
  player.seek(tick);
  times.push(performance.now() - t0);
}
report({
  bench: 'replay.seek',
  agents: AGENTS,
  minutes: MINUTES,
  seeks: SEEKS,
  seek_median_ms: round3(median(times)),
  seek_p99_ms: round3(percentile(times, 99)),
  bytes_per_minute: Math.round(bytes / MINUTES),
  record_ms: Math.round(ms),
  load_avg: round3(loadavg()[0]),
});
