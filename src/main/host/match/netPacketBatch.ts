/**
 * Snapshot packets of one tick for one or more friends, in one ArrayBuffer
 * that the engine worker transfers to the main thread (one post, no
 * per-packet copies or structured clones). The main thread sends each
 * packet as a view into it. A tick's packets come in a few such batches,
 * each friend's whole in one: the first as soon as the friend whose input
 * waited longest is encoded, so its ack goes out before the others are
 * encoded (engineWorker `afterTicks`).
 *
 *   0        4          8            12              16
 *   | magic  | packets  | tableOffset | payloadBytes  | payload … (padded to 4) | table |
 *
 *   table: `packets` entries of three int32 — client id, offset, length —
 *   each packet's bytes at [offset, offset + length) of the buffer. A
 *   client's packets (a snapshot's fragments) are consecutive, in order.
 *
 * Int32 fields in the platform's byte order: both threads run on the same
 * machine, and the header and table are read as Int32Arrays.
 */

/** "NPB1": tells a batch from any other buffer. */
export const NET_PACKET_BATCH_MAGIC = 0x3142504e;
export const NET_PACKET_BATCH_HEADER_BYTES = 16;
const ENTRY_INTS = 3;

/** A tick's batch, read: its packets by index. */
export interface NetPacketBatch {
  readonly buffer: ArrayBuffer;
  /** Packets in it, over all clients. */
  readonly packets: number;
  /** Bytes of all packets together (what goes on the wire, before transport headers). */
  readonly payloadBytes: number;
  /** `packets` × (client id, offset, length), a view into `buffer`. */
  readonly table: Int32Array;
}

/** Builds one batch per tick; the buffer of each finished batch is handed over (transferred). */
export interface NetPacketBatchWriter {
  bytes: Uint8Array;
  /** Where the next packet goes. */
  at: number;
  entries: Int32Array;
  packets: number;
  payloadBytes: number;
  /** The last batch's size, to size the next buffer so that it rarely grows. */
  lastSize: number;
}

export function createNetPacketBatchWriter(): NetPacketBatchWriter {
  return {
    bytes: new Uint8Array(0),
    at: NET_PACKET_BATCH_HEADER_BYTES,
    entries: new Int32Array(64 * ENTRY_INTS),
    packets: 0,
    payloadBytes: 0,
    lastSize: 4096,
  };
}

/** Starts a tick's batch in a fresh buffer (the last one was transferred away). */
export function beginNetPacketBatch(writer: NetPacketBatchWriter): void {
  writer.bytes = new Uint8Array(align4(writer.lastSize + (writer.lastSize >> 2)));
  writer.at = NET_PACKET_BATCH_HEADER_BYTES;
  writer.packets = 0;
  writer.payloadBytes = 0;
}

/** Appends one client's packets, in order (copied: the encoder reuses its views). */
export function addNetPackets(
  writer: NetPacketBatchWriter,
  clientId: number,
  packets: readonly Uint8Array[],
): void {
  let needed = 0;
  for (const packet of packets) needed += packet.byteLength;
  reserve(writer, writer.at + needed);
  if ((writer.packets + packets.length) * ENTRY_INTS > writer.entries.length) {
    const grown = new Int32Array(
      Math.max(writer.entries.length * 2, (writer.packets + packets.length) * ENTRY_INTS),
    );
    grown.set(writer.entries);
    writer.entries = grown;
  }
  for (const packet of packets) {
    const e = writer.packets * ENTRY_INTS;
    writer.entries[e] = clientId;
    writer.entries[e + 1] = writer.at;
    writer.entries[e + 2] = packet.byteLength;
    writer.bytes.set(packet, writer.at);
    writer.at += packet.byteLength;
    writer.packets++;
  }
  writer.payloadBytes += needed;
}

/**
 * Writes the header and the table; returns the batch's buffer, to transfer
 * (the writer lets go of it: `beginNetPacketBatch` before the next tick).
 */
export function finishNetPacketBatch(writer: NetPacketBatchWriter): ArrayBuffer {
  const tableOffset = align4(writer.at);
  const tableInts = writer.packets * ENTRY_INTS;
  const size = tableOffset + tableInts * 4;
  reserve(writer, size);
  const buffer = writer.bytes.buffer as ArrayBuffer;
  new Int32Array(buffer, tableOffset, tableInts).set(writer.entries.subarray(0, tableInts));
  const header = new Int32Array(buffer, 0, 4);
  header[0] = NET_PACKET_BATCH_MAGIC;
  header[1] = writer.packets;
  header[2] = tableOffset;
  header[3] = writer.payloadBytes;
  writer.lastSize = size;
  writer.bytes = new Uint8Array(0);
  return buffer;
}

/**
 * Reads a batch: checks the header and that every entry lies inside the
 * payload, so the views it hands out never throw. Throws a RangeError on a
 * buffer that is not a whole batch.
 */
export function readNetPacketBatch(buffer: ArrayBuffer): NetPacketBatch {
  const size = buffer.byteLength;
  if (size < NET_PACKET_BATCH_HEADER_BYTES) throw new RangeError(`a batch of ${size} bytes`);
  const header = new Int32Array(buffer, 0, 4);
  if (header[0] !== NET_PACKET_BATCH_MAGIC) throw new RangeError('not a packet batch');
  const packets = header[1];
  const tableOffset = header[2];
  const payloadBytes = header[3];
  if (
    packets < 0 ||
    tableOffset < NET_PACKET_BATCH_HEADER_BYTES ||
    tableOffset % 4 !== 0 ||
    tableOffset + packets * ENTRY_INTS * 4 > size
  )
    throw new RangeError(`a batch table of ${packets} packets at ${tableOffset} overruns ${size}`);
  const table = new Int32Array(buffer, tableOffset, packets * ENTRY_INTS);
  let total = 0;
  for (let e = 0; e < table.length; e += ENTRY_INTS) {
    const offset = table[e + 1];
    const length = table[e + 2];
    if (offset < NET_PACKET_BATCH_HEADER_BYTES || length < 0 || offset + length > tableOffset)
      throw new RangeError(
        `packet ${e / ENTRY_INTS} at ${offset}+${length} is outside the payload`,
      );
    total += length;
  }
  if (total !== payloadBytes)
    throw new RangeError(`the packets hold ${total} bytes, the header says ${payloadBytes}`);
  return { buffer, packets, payloadBytes, table };
}

/** The client that packet `index` of the batch goes to. */
export function batchClientId(batch: NetPacketBatch, index: number): number {
  return batch.table[index * ENTRY_INTS];
}

/** Packet `index` of the batch: a view, no copy. */
export function batchPacket(batch: NetPacketBatch, index: number): Uint8Array {
  const e = index * ENTRY_INTS;
  return new Uint8Array(batch.buffer, batch.table[e + 1], batch.table[e + 2]);
}

/**
 * Sends each packet to its client's link, as a view into the batch; packets
 * of clients `linkOf` does not know (another consumer's) are skipped
 * without making a view.
 */
export function sendNetPackets(
  batch: NetPacketBatch,
  linkOf: (clientId: number) => { sendState(bytes: Uint8Array): void } | undefined,
): void {
  const table = batch.table;
  let clientId = Number.NaN;
  let link: { sendState(bytes: Uint8Array): void } | undefined;
  for (let e = 0; e < table.length; e += ENTRY_INTS) {
    if (table[e] !== clientId) {
      clientId = table[e];
      link = linkOf(clientId);
    }
    link?.sendState(new Uint8Array(batch.buffer, table[e + 1], table[e + 2]));
  }
}

function reserve(writer: NetPacketBatchWriter, size: number): void {
  if (size <= writer.bytes.length) return;
  const grown = new Uint8Array(align4(Math.max(size, writer.bytes.length * 2)));
  grown.set(writer.bytes.subarray(0, writer.at));
  writer.bytes = grown;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
