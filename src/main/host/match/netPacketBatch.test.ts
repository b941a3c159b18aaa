import { describe, expect, it } from 'vitest';
import {
  batchClientId,
  batchPacket,
  beginNetPacketBatch,
  addNetPackets,
  createNetPacketBatchWriter,
  finishNetPacketBatch,
  NET_PACKET_BATCH_HEADER_BYTES,
  NET_PACKET_BATCH_MAGIC,
  readNetPacketBatch,
  sendNetPackets,
  type NetPacketBatchWriter,
} from './netPacketBatch';

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (seed * 31 + i * 7) & 255;
  return out;
}

function build(
  writer: NetPacketBatchWriter,
  sends: Array<{ clientId: number; packets: Uint8Array[] }>,
): ArrayBuffer {
  beginNetPacketBatch(writer);
  for (const send of sends) addNetPackets(writer, send.clientId, send.packets);
  return finishNetPacketBatch(writer);
}

/** The batch's packets back as per-client lists, through the send path the host uses. */
function received(buffer: ArrayBuffer): Map<number, number[][]> {
  const batch = readNetPacketBatch(buffer);
  const out = new Map<number, number[][]>();
  sendNetPackets(batch, (clientId) => ({
    sendState: (packet) => {
      if (!out.has(clientId)) out.set(clientId, []);
      out.get(clientId)!.push([...packet]);
    },
  }));
  return out;
}

describe('net packet batch', () => {
  it('round-trips each client’s packets in order, as views into one buffer', () => {
    const writer = createNetPacketBatchWriter();
    const sends = [
      { clientId: 7, packets: [bytes(1200, 1), bytes(1200, 2), bytes(37, 3)] },
      { clientId: -3, packets: [bytes(13, 4)] },
      { clientId: 12, packets: [bytes(1, 5)] },
    ];
    const buffer = build(writer, sends);
    const batch = readNetPacketBatch(buffer);
    expect(batch.packets).toBe(5);
    expect(batch.payloadBytes).toBe(1200 + 1200 + 37 + 13 + 1);
    expect(batchClientId(batch, 0)).toBe(7);
    expect(batchClientId(batch, 3)).toBe(-3);
    const view = batchPacket(batch, 2);
    expect(view.buffer).toBe(buffer);
    expect([...view]).toEqual([...bytes(37, 3)]);
    expect(received(buffer)).toEqual(
      new Map(sends.map((send) => [send.clientId, send.packets.map((p) => [...p])])),
    );
  });

  it('writes an empty tick as a batch of no packets', () => {
    const writer = createNetPacketBatchWriter();
    const batch = readNetPacketBatch(build(writer, []));
    expect(batch.packets).toBe(0);
    expect(batch.payloadBytes).toBe(0);
    expect(received(batch.buffer).size).toBe(0);
  });

  it('carries many friends across ticks, growing its buffer and table as needed', () => {
    const writer = createNetPacketBatchWriter();
    for (let round = 0; round < 3; round++) {
      const sends = Array.from({ length: 200 }, (_, k) => ({
        clientId: k + 1,
        packets: Array.from({ length: 1 + ((k + round) % 3) }, (_, f) =>
          bytes(1 + ((k * 97 + f * 13 + round) % 1200), k + f + round),
        ),
      }));
      const buffer = build(writer, sends);
      const expected = new Map(
        sends.map((send) => [send.clientId, send.packets.map((p) => [...p])]),
      );
      expect(received(buffer)).toEqual(expected);
      // Each tick's buffer is a new one: the last was handed over (transferred).
      structuredClone(buffer, { transfer: [buffer] });
      expect(buffer.byteLength).toBe(0);
    }
  });

  it('skips the packets of clients the sender does not know', () => {
    const writer = createNetPacketBatchWriter();
    const buffer = build(writer, [
      { clientId: 1, packets: [bytes(5, 1)] },
      { clientId: 2, packets: [bytes(6, 2), bytes(7, 3)] },
    ]);
    const sent: number[] = [];
    sendNetPackets(readNetPacketBatch(buffer), (clientId) =>
      clientId === 2 ? { sendState: (packet) => sent.push(packet.length) } : undefined,
    );
    expect(sent).toEqual([6, 7]);
  });

  it('refuses a short, foreign or inconsistent buffer', () => {
    expect(() => readNetPacketBatch(new ArrayBuffer(0))).toThrow(RangeError);
    expect(() => readNetPacketBatch(new ArrayBuffer(NET_PACKET_BATCH_HEADER_BYTES - 4))).toThrow(
      RangeError,
    );
    expect(() => readNetPacketBatch(new ArrayBuffer(64))).toThrow(/not a packet batch/);

    const good = () =>
      build(createNetPacketBatchWriter(), [{ clientId: 1, packets: [bytes(10, 1), bytes(20, 2)] }]);
    const header = (buffer: ArrayBuffer) => new Int32Array(buffer, 0, 4);
    const table = (buffer: ArrayBuffer) => new Int32Array(buffer, header(buffer)[2], 6);
    expect(header(good())[0]).toBe(NET_PACKET_BATCH_MAGIC);

    const truncated = good().slice(0, header(good())[2] + 8);
    expect(() => readNetPacketBatch(truncated)).toThrow(/overruns/);
    const tooMany = good();
    header(tooMany)[1] = 1000;
    expect(() => readNetPacketBatch(tooMany)).toThrow(/overruns/);
    const negative = good();
    header(negative)[1] = -1;
    expect(() => readNetPacketBatch(negative)).toThrow(RangeError);
    const misaligned = good();
    header(misaligned)[2] += 1;
    expect(() => readNetPacketBatch(misaligned)).toThrow(RangeError);
    const intoTable = good();
    table(intoTable)[5] = 1000;
    expect(() => readNetPacketBatch(intoTable)).toThrow(/outside the payload/);
    const intoHeader = good();
    table(intoHeader)[1] = 4;
    expect(() => readNetPacketBatch(intoHeader)).toThrow(/outside the payload/);
    const wrongTotal = good();
    header(wrongTotal)[3] = 31;
    expect(() => readNetPacketBatch(wrongTotal)).toThrow(/header says/);
  });
});
