import {
  createInputPacket,
  decodeInputPacket,
  dequantizeInput,
  type InputCommand,
  type InputPacket,
} from './inputs';
import { INPUT_ERRORS, type InputError } from './spec';

/**
 * Host side of inputs, one queue per client: decodes each input packet,
 * keeps every seq once and in order (the repeats are what make loss cheap),
 * and hands the host one input per tick. The seq of the last input taken is
 * the input ack the host echoes in that client's snapshots.
 */

/** Seqs accepted at most this far past the newest one queued (3.2 s at 20 Hz). */
export const MAX_INPUT_AHEAD = 64;
/** Inputs waiting at most; more are refused (counted in `overflow`). */
export const INPUT_QUEUE_CAPACITY = 32;

/** Pending inputs of one client (a ring) and what has been seen of it. */
export interface InputQueue {
  capacity: number;
  seq: Float64Array;
  moveX: Int8Array;
  moveY: Int8Array;
  aim: Uint16Array;
  buttons: Uint16Array;
  /** Ring position of the oldest pending input, and how many are pending. */
  head: number;
  size: number;
  /** Newest seq accepted; -1 none. */
  newestSeq: number;
  /** Seq of the last input taken (the input ack); -1 none. */
  appliedSeq: number;
  /** Newest snapshot tick this client acknowledged; -1 none. Pass it to `ackSnapshot`. */
  snapshotAck: number;
  /** Refused packets, by reason. */
  errors: Record<InputError, number>;
  /** Records already seen (the expected repeats). */
  duplicates: number;
  /** Seqs that never arrived (skipped over by a later packet). */
  lost: number;
  /** Records refused because the queue was full (a repeated one counts each time). */
  overflow: number;
  /** Scratch packet for decoding. */
  packet: InputPacket;
}

/** The result of `receiveInputPacket`: how many new inputs were queued, or why it was refused. */
export type InputResult =
  | { readonly ok: true; readonly accepted: number }
  | { readonly ok: false; readonly reason: InputError };

const FAILURES = Object.fromEntries(
  INPUT_ERRORS.map((reason) => [reason, Object.freeze({ ok: false, reason })]),
) as Record<InputError, InputResult>;

/** An empty queue holding at most `capacity` pending inputs. */
export function createInputQueue(capacity = INPUT_QUEUE_CAPACITY): InputQueue {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`input queue capacity must be an integer >= 1, got ${capacity}`);
  }
  const errors = {} as Record<InputError, number>;
  for (const reason of INPUT_ERRORS) errors[reason] = 0;
  return {
    capacity,
    seq: new Float64Array(capacity),
    moveX: new Int8Array(capacity),
    moveY: new Int8Array(capacity),
    aim: new Uint16Array(capacity),
    buttons: new Uint16Array(capacity),
    head: 0,
    size: 0,
    newestSeq: -1,
    appliedSeq: -1,
    snapshotAck: -1,
    errors,
    duplicates: 0,
    lost: 0,
    overflow: 0,
    packet: createInputPacket(),
  };
}

/**
 * Takes one input packet from the client: validates it, records its
 * snapshot ack, and queues the records with seqs not seen before, oldest
 * first. A packet whose newest seq is more than MAX_INPUT_AHEAD past the
 * newest queued is refused as `far_future`. Refusals are counted in
 * `queue.errors`.
 */
export function receiveInputPacket(queue: InputQueue, bytes: Uint8Array): InputResult {
  const packet = queue.packet;
  const error = decodeInputPacket(bytes, packet);
  if (error !== null) return refuse(queue, error);
  const newest = packet.newestSeq;
  if (queue.newestSeq >= 0 && newest > queue.newestSeq + MAX_INPUT_AHEAD) {
    return refuse(queue, 'far_future');
  }
  if (packet.ackTick > queue.snapshotAck) queue.snapshotAck = packet.ackTick;
  const oldest = newest - packet.count + 1;
  if (queue.newestSeq >= 0 && oldest > queue.newestSeq + 1) {
    queue.lost += oldest - queue.newestSeq - 1;
  }
  let accepted = 0;
  for (let k = packet.count - 1; k >= 0; k--) {
    const seq = newest - k;
    if (seq <= queue.newestSeq) {
      queue.duplicates++;
      continue;
    }
    if (queue.size === queue.capacity) {
      queue.overflow += k + 1;
      break;
    }
    const at = (queue.head + queue.size) % queue.capacity;
    queue.seq[at] = seq;
    queue.moveX[at] = packet.moveX[k];
    queue.moveY[at] = packet.moveY[k];
    queue.aim[at] = packet.aim[k];
    queue.buttons[at] = packet.buttons[k];
    queue.size++;
    queue.newestSeq = seq;
    accepted++;
  }
  return { ok: true, accepted };
}

function refuse(queue: InputQueue, reason: InputError): InputResult {
  queue.errors[reason]++;
  return FAILURES[reason];
}

/**
 * At a tick boundary: moves the oldest pending input into `out` (and makes
 * its seq the input ack). Returns false, leaving `out` alone, when none is
 * pending; what the unit does then (repeat the last input, idle) is the
 * host's rule.
 */
export function takeInput(queue: InputQueue, out: InputCommand): boolean {
  if (queue.size === 0) return false;
  const at = queue.head;
  const { seq, moveX, moveY, aim, buttons } = queue;
  dequantizeInput(seq[at], moveX[at], moveY[at], aim[at], buttons[at], out);
  queue.head = (at + 1) % queue.capacity;
  queue.size--;
  queue.appliedSeq = out.seq;
  return true;
}

/** Inputs waiting to be taken. */
export function pendingInputs(queue: InputQueue): number {
  return queue.size;
}
