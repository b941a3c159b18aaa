/**
 * The engine worker's side of match recording: it starts the engine's input
 * log on a new world, and after each tick hands the host core a chunk of
 * entries and, every CHECKPOINT_TICKS ticks, a checkpoint of the world. It
 * only copies and posts; compressing and writing happen in the host core
 * (write-behind), so the tick never waits on the disk.
 */
import { serialize } from 'node:v8';
import { startRecording, stateHash, stopRecording, type World } from '../../../../engine/index';
import { CHECKPOINT_TICKS, type BehaviorEvent, type RecordingEvent } from './replayFormat';

export interface LiveRecorder {
  serial: number;
  fromTick: number;
  behaviors: BehaviorEvent[];
}

type Post = (event: RecordingEvent, transfer?: ArrayBuffer[]) => void;

/** Starts recording `world` (just created) as recording `serial`; posts its tick-0 checkpoint. */
export function beginRecording(world: World, serial: number, post: Post): LiveRecorder {
  startRecording(world);
  const recorder: LiveRecorder = { serial, fromTick: world.tick, behaviors: [] };
  postCheckpoint(recorder, world, post);
  return recorder;
}

/** After a tick's `stepWorld`, before anything logs at the new tick: chunk and checkpoint on the boundary. */
export function afterRecordedStep(recorder: LiveRecorder, world: World, post: Post): void {
  if (world.tick % CHECKPOINT_TICKS !== 0) return;
  postChunk(recorder, world, world.tick, post);
  postCheckpoint(recorder, world, post);
}

/** Notes a behavior load or assignment at the world's current tick. */
export function recordBehavior(recorder: LiveRecorder | null, event: BehaviorEvent): void {
  recorder?.behaviors.push(event);
}

/** The match stops (or is replaced): the rest of the log and the final hash. */
export function endRecording(recorder: LiveRecorder, world: World, post: Post): void {
  postChunk(recorder, world, world.tick, post);
  stopRecording(world);
  post({
    type: 'recording',
    serial: recorder.serial,
    kind: 'end',
    tick: world.tick,
    hash: stateHash(world),
  });
}

function postChunk(recorder: LiveRecorder, world: World, toTick: number, post: Post): void {
  const log = world.log;
  if (!log) return;
  const entries = log.entries;
  log.entries = [];
  const behaviors = recorder.behaviors;
  recorder.behaviors = [];
  post({
    type: 'recording',
    serial: recorder.serial,
    kind: 'chunk',
    fromTick: recorder.fromTick,
    toTick,
    entries,
    behaviors,
  });
  recorder.fromTick = toTick;
}

function postCheckpoint(recorder: LiveRecorder, world: World, post: Post): void {
  const state = serializeWorld(world);
  post(
    {
      type: 'recording',
      serial: recorder.serial,
      kind: 'checkpoint',
      tick: world.tick,
      hash: stateHash(world),
      state,
    },
    [state.buffer as ArrayBuffer],
  );
}

/** The whole world but its log, as bytes `deserializeWorld` restores (same state hash). */
export function serializeWorld(world: World): Uint8Array {
  return new Uint8Array(serialize({ ...world, log: null }));
}
