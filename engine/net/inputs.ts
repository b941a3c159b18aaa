import { readU32, writeU32 } from './bits';
import {
  INPUT_AIM_STEPS,
  INPUT_HEADER_BYTES,
  INPUT_MOVE_SCALE,
  INPUT_OFFSET_ACK,
  INPUT_OFFSET_COUNT,
  INPUT_OFFSET_SEQ,
  INPUT_RECORD_BYTES,
  MAX_INPUT_PACKET_BYTES,
  MAX_INPUT_RECORDS,
  PACKET_INPUT,
  PROTOCOL_VERSION,
  WIRE_NONE,
  type InputError,
} from './spec';

/**
 * Input packets (client → host; layout in spec.ts). A client numbers its
 * inputs 0, 1, 2, … one per tick, and every packet repeats the newest
 * MAX_INPUT_RECORDS of them, so losing a packet loses nothing. The packet
 * also carries the client's snapshot ack.
 */

/** One input, dequantized. */
export interface InputCommand {
  seq: number;
  /** Move direction, each axis -1..1. */
  moveX: number;
  moveY: number;
  /** Aim, radians in [0, 2π) (0 = +x, towards +y). */
  aim: number;
  /** Button bits (fire, pickup, …), 0..65535; the game defines them. */
  buttons: number;
}

/** The newest inputs of one client, quantized as on the wire, newest first. */
export interface InputPacket {
  /** Newest snapshot tick the client fully decoded; -1 none. */
  ackTick: number;
  /** Seq of record 0; record k has seq `newestSeq - k`. -1 before any input. */
  newestSeq: number;
  /** Records held, 0..MAX_INPUT_RECORDS. */
  count: number;
  moveX: Int8Array;
  moveY: Int8Array;
  aim: Uint16Array;
  buttons: Uint16Array;
}

const TURN = 2 * Math.PI;

/** An input packet with no records and no ack. */
export function createInputPacket(): InputPacket {
  return {
    ackTick: -1,
    newestSeq: -1,
    count: 0,
    moveX: new Int8Array(MAX_INPUT_RECORDS),
    moveY: new Int8Array(MAX_INPUT_RECORDS),
    aim: new Uint16Array(MAX_INPUT_RECORDS),
    buttons: new Uint16Array(MAX_INPUT_RECORDS),
  };
}

function quantizeMove(v: number): number {
  const q = Math.round(v * INPUT_MOVE_SCALE);
  return q > INPUT_MOVE_SCALE
    ? INPUT_MOVE_SCALE
    : q < -INPUT_MOVE_SCALE
      ? -INPUT_MOVE_SCALE
      : q || 0;
}

/**
 * Client side: adds this tick's input as the next seq (quantized; axes
 * clamped to -1..1, aim wrapped, buttons to 16 bits), dropping the oldest
 * record beyond MAX_INPUT_RECORDS. Returns the seq it got.
 */
export function pushInput(
  packet: InputPacket,
  moveX: number,
  moveY: number,
  aim: number,
  buttons: number,
): number {
  for (let k = Math.min(packet.count, MAX_INPUT_RECORDS - 1); k > 0; k--) {
    packet.moveX[k] = packet.moveX[k - 1];
    packet.moveY[k] = packet.moveY[k - 1];
    packet.aim[k] = packet.aim[k - 1];
    packet.buttons[k] = packet.buttons[k - 1];
  }
  packet.moveX[0] = quantizeMove(moveX);
  packet.moveY[0] = quantizeMove(moveY);
  const turns = Math.round((aim / TURN) * INPUT_AIM_STEPS);
  packet.aim[0] = turns === turns ? turns & (INPUT_AIM_STEPS - 1) : 0;
  packet.buttons[0] = buttons & 0xffff;
  packet.count = Math.min(packet.count + 1, MAX_INPUT_RECORDS);
  packet.newestSeq++;
  return packet.newestSeq;
}

/** Record `k` (0 = newest) of `packet`, dequantized into `out`. */
export function readInput(packet: InputPacket, k: number, out: InputCommand): InputCommand {
  return dequantizeInput(
    packet.newestSeq - k,
    packet.moveX[k],
    packet.moveY[k],
    packet.aim[k],
    packet.buttons[k],
    out,
  );
}

/** Fills `out` from one record's wire values. */
export function dequantizeInput(
  seq: number,
  moveX: number,
  moveY: number,
  aim: number,
  buttons: number,
  out: InputCommand,
): InputCommand {
  out.seq = seq;
  out.moveX = moveX / INPUT_MOVE_SCALE;
  out.moveY = moveY / INPUT_MOVE_SCALE;
  out.aim = (aim / INPUT_AIM_STEPS) * TURN;
  out.buttons = buttons;
  return out;
}

/**
 * Writes `packet` into `out` (at least MAX_INPUT_PACKET_BYTES long) and
 * returns the bytes written. Throws RangeError when it holds no input.
 */
export function encodeInputPacket(packet: InputPacket, out: Uint8Array): number {
  const { count } = packet;
  if (count < 1 || packet.newestSeq < 0) throw new RangeError('an input packet needs an input');
  if (out.length < MAX_INPUT_PACKET_BYTES) {
    throw new RangeError(`input packet buffer needs ${MAX_INPUT_PACKET_BYTES} bytes`);
  }
  out[0] = PROTOCOL_VERSION;
  out[1] = PACKET_INPUT;
  writeU32(out, INPUT_OFFSET_ACK, packet.ackTick < 0 ? WIRE_NONE : packet.ackTick);
  writeU32(out, INPUT_OFFSET_SEQ, packet.newestSeq);
  out[INPUT_OFFSET_COUNT] = count;
  for (let k = 0; k < count; k++) {
    const at = INPUT_HEADER_BYTES + k * INPUT_RECORD_BYTES;
    out[at] = packet.moveX[k] & 255;
    out[at + 1] = packet.moveY[k] & 255;
    out[at + 2] = packet.aim[k] & 255;
    out[at + 3] = packet.aim[k] >>> 8;
    out[at + 4] = packet.buttons[k] & 255;
    out[at + 5] = packet.buttons[k] >>> 8;
  }
  return INPUT_HEADER_BYTES + count * INPUT_RECORD_BYTES;
}

/**
 * The newest seq an input packet's header names, or null when the header is
 * not an input packet's: enough for the host to count packets lost on the
 * way without decoding the records.
 */
export function peekInputSeq(bytes: Uint8Array): number | null {
  if (bytes.length < INPUT_HEADER_BYTES) return null;
  if (bytes[0] !== PROTOCOL_VERSION || bytes[1] !== PACKET_INPUT) return null;
  const seq = readU32(bytes, INPUT_OFFSET_SEQ);
  return seq === WIRE_NONE ? null : seq;
}

/**
 * Reads an input packet into `out`; returns null when valid, else why not.
 * On error `out` may be partly overwritten.
 */
export function decodeInputPacket(bytes: Uint8Array, out: InputPacket): InputError | null {
  const length = bytes.length;
  if (length === 0) return 'empty';
  if (length > MAX_INPUT_PACKET_BYTES) return 'oversized';
  if (length < INPUT_HEADER_BYTES) return 'truncated';
  if (bytes[0] !== PROTOCOL_VERSION) return 'bad_version';
  if (bytes[1] !== PACKET_INPUT) return 'bad_kind';
  const count = bytes[INPUT_OFFSET_COUNT];
  if (count < 1 || count > MAX_INPUT_RECORDS) return 'bad_count';
  if (length !== INPUT_HEADER_BYTES + count * INPUT_RECORD_BYTES) return 'bad_length';
  const ack = readU32(bytes, INPUT_OFFSET_ACK);
  const newestSeq = readU32(bytes, INPUT_OFFSET_SEQ);
  // The oldest record's seq must be a valid seq too.
  if (newestSeq === WIRE_NONE || newestSeq < count - 1) return 'bad_seq';
  for (let k = 0; k < count; k++) {
    const at = INPUT_HEADER_BYTES + k * INPUT_RECORD_BYTES;
    if (bytes[at] === 0x80 || bytes[at + 1] === 0x80) return 'bad_move';
    out.moveX[k] = bytes[at];
    out.moveY[k] = bytes[at + 1];
    out.aim[k] = bytes[at + 2] | (bytes[at + 3] << 8);
    out.buttons[k] = bytes[at + 4] | (bytes[at + 5] << 8);
  }
  out.ackTick = ack === WIRE_NONE ? -1 : ack;
  out.newestSeq = newestSeq;
  out.count = count;
  return null;
}
