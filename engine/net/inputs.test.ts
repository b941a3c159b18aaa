import { describe, expect, it } from 'vitest';
import {
  INPUT_AIM_STEPS,
  MAX_INPUT_AHEAD,
  MAX_INPUT_PACKET_BYTES,
  MAX_INPUT_RECORDS,
  createInputPacket,
  createInputQueue,
  decodeInputPacket,
  encodeInputPacket,
  pendingInputs,
  pushInput,
  readInput,
  receiveInputPacket,
  takeInput,
  type InputCommand,
  type InputPacket,
} from './index';

const command = (): InputCommand => ({ seq: 0, moveX: 0, moveY: 0, aim: 0, buttons: 0 });

function bytesOf(packet: InputPacket): Uint8Array {
  const out = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  return out.slice(0, encodeInputPacket(packet, out));
}

describe('input packets', () => {
  it('round-trips the newest inputs with their seqs and the snapshot ack', () => {
    const packet = createInputPacket();
    for (let i = 0; i < 6; i++) pushInput(packet, i / 10, -1, (i * Math.PI) / 4, i);
    packet.ackTick = 77;
    const bytes = bytesOf(packet);
    expect(bytes.length).toBe(11 + 6 * MAX_INPUT_RECORDS);
    const got = createInputPacket();
    expect(decodeInputPacket(bytes, got)).toBeNull();
    expect(got.ackTick).toBe(77);
    expect(got.newestSeq).toBe(5);
    expect(got.count).toBe(MAX_INPUT_RECORDS);
    const c = readInput(got, 1, command());
    expect(c.seq).toBe(4);
    expect(c.moveX).toBeCloseTo(0.4, 2);
    expect(c.moveY).toBe(-1);
    expect(c.aim).toBeCloseTo(Math.PI, 3);
    expect(c.buttons).toBe(4);
  });

  it('quantizes: clamps moves, wraps aim, keeps 16 button bits, NaN as 0', () => {
    const packet = createInputPacket();
    pushInput(packet, 5, NaN, -Math.PI / 2, 0x1ffff);
    const c = readInput(packet, 0, command());
    expect(c.moveX).toBe(1);
    expect(c.moveY).toBe(0);
    expect(c.aim).toBeCloseTo((3 * Math.PI) / 2, 3);
    expect(packet.aim[0]).toBe((3 * INPUT_AIM_STEPS) / 4);
    expect(c.buttons).toBe(0xffff);
  });

  it('refuses malformed packets with a reason', () => {
    const packet = createInputPacket();
    pushInput(packet, 0, 0, 0, 0);
    pushInput(packet, 0, 0, 0, 0);
    const good = bytesOf(packet);
    const out = createInputPacket();
    const mutate = (f: (b: Uint8Array) => void, length = good.length): Uint8Array => {
      const b = new Uint8Array(length);
      b.set(good.subarray(0, Math.min(length, good.length)));
      f(b);
      return b;
    };
    expect(decodeInputPacket(new Uint8Array(0), out)).toBe('empty');
    expect(decodeInputPacket(new Uint8Array(2000), out)).toBe('oversized');
    expect(decodeInputPacket(good.subarray(0, 5), out)).toBe('truncated');
    expect(
      decodeInputPacket(
        mutate((b) => (b[0] = 9)),
        out,
      ),
    ).toBe('bad_version');
    expect(
      decodeInputPacket(
        mutate((b) => (b[1] = 1)),
        out,
      ),
    ).toBe('bad_kind');
    expect(
      decodeInputPacket(
        mutate((b) => (b[10] = 0)),
        out,
      ),
    ).toBe('bad_count');
    expect(
      decodeInputPacket(
        mutate((b) => (b[10] = 9)),
        out,
      ),
    ).toBe('bad_count');
    expect(
      decodeInputPacket(
        mutate(() => {}, good.length + 1),
        out,
      ),
    ).toBe('bad_length');
    expect(
      decodeInputPacket(
        mutate((b) => b.set([0, 0, 0, 0], 6)),
        out,
      ),
    ).toBe('bad_seq');
    expect(
      decodeInputPacket(
        mutate((b) => (b[11] = 0x80)),
        out,
      ),
    ).toBe('bad_move');
    expect(() => encodeInputPacket(createInputPacket(), new Uint8Array(64))).toThrow(RangeError);
  });
});

describe('host input queue', () => {
  it('applies each seq once, in order, across repeats, loss and reordering', () => {
    const client = createInputPacket();
    const queue = createInputQueue();
    const sent: Uint8Array[] = [];
    for (let i = 0; i < 10; i++) {
      pushInput(client, 0, 0, 0, i);
      sent.push(bytesOf(client));
    }
    // Packets 2, 3 lost; 5 arrives before 4; 4 arrives twice.
    for (const i of [0, 1, 5, 4, 4, 6]) expect(receiveInputPacket(queue, sent[i]).ok).toBe(true);
    const seqs: number[] = [];
    const c = command();
    while (takeInput(queue, c)) {
      expect(c.buttons).toBe(c.seq);
      seqs.push(c.seq);
    }
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queue.appliedSeq).toBe(6);
    expect(queue.lost).toBe(0);
    expect(queue.duplicates).toBeGreaterThan(0);
    expect(takeInput(queue, c)).toBe(false);
    // A packet with only old seqs is harmless.
    expect(receiveInputPacket(queue, sent[3])).toEqual({ ok: true, accepted: 0 });
  });

  it('counts seqs skipped when more than MAX_INPUT_RECORDS packets in a row are lost', () => {
    const client = createInputPacket();
    const queue = createInputQueue();
    pushInput(client, 0, 0, 0, 0);
    receiveInputPacket(queue, bytesOf(client));
    for (let i = 0; i < 9; i++) pushInput(client, 0, 0, 0, 0);
    expect(receiveInputPacket(queue, bytesOf(client))).toEqual({ ok: true, accepted: 4 });
    expect(queue.lost).toBe(5);
    expect(pendingInputs(queue)).toBe(5);
  });

  it('refuses far-future seqs and overflow, and keeps the newest snapshot ack', () => {
    const queue = createInputQueue(8);
    const client = createInputPacket();
    client.ackTick = 30;
    for (let i = 0; i < 4; i++) pushInput(client, 0, 0, 0, 0);
    receiveInputPacket(queue, bytesOf(client));
    expect(queue.snapshotAck).toBe(30);
    client.ackTick = 20;
    client.newestSeq += MAX_INPUT_AHEAD + 1;
    expect(receiveInputPacket(queue, bytesOf(client))).toEqual({ ok: false, reason: 'far_future' });
    expect(queue.errors.far_future).toBe(1);
    client.newestSeq -= MAX_INPUT_AHEAD + 1;
    for (let i = 0; i < 8; i++) {
      pushInput(client, 0, 0, 0, 0);
      receiveInputPacket(queue, bytesOf(client));
    }
    expect(pendingInputs(queue)).toBe(8);
    // Seqs 8..11 refused, each counted in every packet that repeated it.
    expect(queue.overflow).toBe(1 + 2 + 3 + 4);
    expect(queue.snapshotAck).toBe(30);
    expect(receiveInputPacket(queue, new Uint8Array(3))).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(queue.errors.truncated).toBe(1);
  });
});
