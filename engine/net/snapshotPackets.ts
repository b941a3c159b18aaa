import { readU32, writeU32 } from './bits';
import {
  MAX_FRAGMENT_PAYLOAD_BYTES,
  MAX_FRAGMENTS,
  MAX_PACKET_BYTES,
  PACKET_SNAPSHOT,
  PROTOCOL_VERSION,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_OFFSET_AGE,
  SNAPSHOT_OFFSET_FRAGMENT,
  SNAPSHOT_OFFSET_FRAGMENTS,
  SNAPSHOT_OFFSET_INPUT_ACK,
  SNAPSHOT_OFFSET_TICK,
  SNAPSHOT_RING,
  WIRE_NONE,
  type SnapshotError,
} from './spec';

/**
 * Snapshot framing: the 13-byte header of spec.ts on every fragment, and the
 * split of a body into fragments of MAX_FRAGMENT_PAYLOAD_BYTES.
 */

/** A snapshot packet's header, as read. */
export interface SnapshotHeader {
  tick: number;
  /** Ticks back to the baseline; 0 for a full snapshot. */
  age: number;
  /** Newest input seq the host applied; -1 none. */
  inputAck: number;
  fragment: number;
  fragments: number;
}

/** Where fragments are written: `bytes` for all of them, `packets` for their views. */
export interface FragmentTarget {
  bytes: Uint8Array;
  packets: Uint8Array[];
}

/**
 * Splits `body[0 .. bodyBytes)` into fragments, each behind a header, into
 * `out.bytes` (grown when too small); returns `out.packets`, refilled with
 * their views.
 */
export function writeFragments(
  out: FragmentTarget,
  body: Uint8Array,
  bodyBytes: number,
  tick: number,
  age: number,
  inputAck: number,
): Uint8Array[] {
  const fragments = Math.max(1, Math.ceil(bodyBytes / MAX_FRAGMENT_PAYLOAD_BYTES));
  if (out.bytes.length < fragments * MAX_PACKET_BYTES) {
    out.bytes = new Uint8Array(fragments * MAX_PACKET_BYTES);
  }
  const bytes = out.bytes;
  const packets = out.packets;
  packets.length = 0;
  let at = 0;
  for (let f = 0; f < fragments; f++) {
    const from = f * MAX_FRAGMENT_PAYLOAD_BYTES;
    const to = Math.min(bodyBytes, from + MAX_FRAGMENT_PAYLOAD_BYTES);
    bytes[at] = PROTOCOL_VERSION;
    bytes[at + 1] = PACKET_SNAPSHOT;
    writeU32(bytes, at + SNAPSHOT_OFFSET_TICK, tick);
    bytes[at + SNAPSHOT_OFFSET_AGE] = age;
    writeU32(bytes, at + SNAPSHOT_OFFSET_INPUT_ACK, inputAck < 0 ? WIRE_NONE : inputAck);
    bytes[at + SNAPSHOT_OFFSET_FRAGMENT] = f;
    bytes[at + SNAPSHOT_OFFSET_FRAGMENTS] = fragments;
    bytes.set(body.subarray(from, to), at + SNAPSHOT_HEADER_BYTES);
    const length = SNAPSHOT_HEADER_BYTES + to - from;
    packets.push(bytes.subarray(at, at + length));
    at += length;
  }
  return packets;
}

/**
 * Reads and checks the header of a snapshot packet into `out`; returns null
 * when it is well-formed, else why not. Checks only what the packet shows on
 * its own (sizes, version, kind, ranges); the decoder checks the rest.
 */
export function readSnapshotHeader(packet: Uint8Array, out: SnapshotHeader): SnapshotError | null {
  const length = packet.length;
  if (length === 0) return 'empty';
  if (length > MAX_PACKET_BYTES) return 'oversized';
  if (length <= SNAPSHOT_HEADER_BYTES) return 'truncated';
  if (packet[0] !== PROTOCOL_VERSION) return 'bad_version';
  if (packet[1] !== PACKET_SNAPSHOT) return 'bad_kind';
  const tick = readU32(packet, SNAPSHOT_OFFSET_TICK);
  const age = packet[SNAPSHOT_OFFSET_AGE];
  if (tick === WIRE_NONE) return 'bad_tick';
  if (age >= SNAPSHOT_RING || age > tick) return 'bad_baseline';
  const fragment = packet[SNAPSHOT_OFFSET_FRAGMENT];
  const fragments = packet[SNAPSHOT_OFFSET_FRAGMENTS];
  if (fragments === 0 || fragments > MAX_FRAGMENTS || fragment >= fragments) return 'bad_fragment';
  const payload = length - SNAPSHOT_HEADER_BYTES;
  if (fragment < fragments - 1 && payload !== MAX_FRAGMENT_PAYLOAD_BYTES) return 'bad_fragment';
  const inputAck = readU32(packet, SNAPSHOT_OFFSET_INPUT_ACK);
  out.tick = tick;
  out.age = age;
  out.inputAck = inputAck === WIRE_NONE ? -1 : inputAck;
  out.fragment = fragment;
  out.fragments = fragments;
  return null;
}
