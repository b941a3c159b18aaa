import { describe, expect, it } from 'vitest';
import { createRng, nextFloat, nextInt, nextUint32, type Rng } from '../sim/rng';
import {
  INPUT_ERRORS,
  MAX_INPUT_PACKET_BYTES,
  PACKET_INPUT,
  PACKET_SNAPSHOT,
  PROTOCOL_VERSION,
  SNAPSHOT_ERRORS,
  ackSnapshot,
  createAoiGrid,
  createClientState,
  createClientView,
  createInputPacket,
  createInputQueue,
  createPacketBuffer,
  decodeInputPacket,
  decodeSnapshot,
  encodeInputPacket,
  encodeSnapshot,
  pushInput,
  queryAoi,
  rebuildAoiGrid,
  receiveInputPacket,
  takeInput,
  type ClientState,
} from './index';
import { createToyWorld, stepToyWorld } from '../testing/testWorld';

/**
 * Hostile input: random and mutated packets at both decoders. Nothing may
 * throw; every refusal must carry a known reason, and the mutated packets
 * must reach the body decoder's own checks, not only the header's.
 */

const SNAPSHOT_CASES = 70_000;
const INPUT_CASES = 40_000;

/** Valid packets to mutate, and a client holding every baseline they name. */
function snapshotCorpus(): { packets: Uint8Array[]; client: ClientState; lastTick: number } {
  const world = createToyWorld(31, 800);
  const grid = createAoiGrid(world.width, world.height, 150, 1024);
  const rows = new Int32Array(2048);
  const view = createClientView();
  const client = createClientState();
  const out = createPacketBuffer();
  const packets: Uint8Array[] = [];
  const visibleAt = (tick: number): Int32Array => {
    rebuildAoiGrid(grid, world.entities);
    const n = queryAoi(grid, world.entities, 400 + tick * 20, 500, 300, rows);
    return rows.subarray(0, n);
  };
  // The client follows the host for 30 ticks, acking each.
  for (let t = 0; t < 30; t++) {
    stepToyWorld(world, { moving: 0.5, spawn: 0.5, despawn: 0.5, damage: 0.5 });
    for (const p of encodeSnapshot(view, world.entities, visibleAt(t), world.tick, out)) {
      decodeSnapshot(client, p);
    }
    ackSnapshot(view, client.lastTick);
  }
  const lastTick = client.lastTick;
  // Then deltas it has the baselines for, a full one, and a fragmented full one.
  for (let t = 30; t < 45; t++) {
    stepToyWorld(world, { moving: 0.5, spawn: 0.5, despawn: 0.5, damage: 0.5 });
    for (const p of encodeSnapshot(view, world.entities, visibleAt(t), world.tick, out)) {
      packets.push(p.slice());
    }
  }
  stepToyWorld(world);
  for (const p of encodeSnapshot(createClientView(), world.entities, null, world.tick, out)) {
    packets.push(p.slice());
  }
  return { packets, client, lastTick };
}

function inputCorpus(rng: Rng): Uint8Array[] {
  const packet = createInputPacket();
  const bytes = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  const packets: Uint8Array[] = [];
  for (let i = 0; i < 50; i++) {
    packet.ackTick = i * 3;
    pushInput(packet, nextFloat(rng) * 2 - 1, nextFloat(rng) * 2 - 1, nextFloat(rng) * 7, i);
    packets.push(bytes.slice(0, encodeInputPacket(packet, bytes)));
  }
  return packets;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function randomBytes(rng: Rng, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = nextUint32(rng) & 255;
  return b;
}

/** One random mutation of a valid packet (or of two). */
function mutate(rng: Rng, corpus: Uint8Array[], headerBytes: number): Uint8Array {
  const src = corpus[nextInt(rng, 0, corpus.length - 1)];
  const b = src.slice();
  switch (nextInt(rng, 0, 7)) {
    case 0: // flip a few bits
      for (let n = nextInt(rng, 1, 8); n > 0; n--)
        b[nextInt(rng, 0, b.length - 1)] ^= 1 << nextInt(rng, 0, 7);
      return b;
    case 1: // flip bits in the body only, so the header still passes
      for (let n = nextInt(rng, 1, 4); n > 0; n--) {
        b[nextInt(rng, headerBytes, b.length - 1)] ^= 1 << nextInt(rng, 0, 7);
      }
      return b;
    case 2: // truncate
      return b.subarray(0, nextInt(rng, 0, b.length - 1));
    case 3: // extend with junk
      return concat(b, randomBytes(rng, nextInt(rng, 1, 64)));
    case 4: // random byte values at random places
      for (let n = nextInt(rng, 1, 6); n > 0; n--) {
        b[nextInt(rng, 0, b.length - 1)] = [0, 255, nextUint32(rng) & 255][nextInt(rng, 0, 2)];
      }
      return b;
    case 5: {
      // splice two packets
      const other = corpus[nextInt(rng, 0, corpus.length - 1)];
      const cut = nextInt(rng, 0, Math.min(b.length, other.length));
      return concat(b.subarray(0, cut), other.subarray(cut));
    }
    case 6: // a random header byte
      b[nextInt(rng, 2, headerBytes - 1)] = nextUint32(rng) & 255;
      return b;
    default: // junk body behind a valid header
      return concat(b.subarray(0, headerBytes), randomBytes(rng, nextInt(rng, 0, 1200)));
  }
}

function randomPacket(rng: Rng, kind: number, maxLength: number): Uint8Array {
  const b = randomBytes(rng, nextInt(rng, 0, maxLength));
  // Half of them get past the version and kind checks.
  if (b.length >= 2 && nextFloat(rng) < 0.5) {
    b[0] = PROTOCOL_VERSION;
    b[1] = kind;
  }
  return b;
}

describe('fuzzing the decoders', () => {
  it(`survives ${SNAPSHOT_CASES} random and mutated snapshot packets`, () => {
    const rng = createRng(0xf00d);
    const { packets, client, lastTick } = snapshotCorpus();
    expect(packets.length).toBeGreaterThan(15);
    const counts: Record<string, number> = { ok: 0, pending: 0 };
    const thrown: string[] = [];
    for (let i = 0; i < SNAPSHOT_CASES; i++) {
      const packet =
        i % 4 === 0 ? randomPacket(rng, PACKET_SNAPSHOT, 1300) : mutate(rng, packets, 13);
      try {
        const result = decodeSnapshot(client, packet);
        const key = result.ok ? (result.snapshot === null ? 'pending' : 'ok') : result.reason;
        counts[key] = (counts[key] ?? 0) + 1;
      } catch (error) {
        if (thrown.length < 3)
          thrown.push(`${String(error)} on ${Buffer.from(packet).toString('hex')}`);
      }
      // Keep every tick of the corpus new to the client, so none is merely stale.
      client.lastTick = lastTick;
    }
    expect(thrown).toEqual([]);
    const known = new Set<string>([...SNAPSHOT_ERRORS, 'ok', 'pending']);
    expect(Object.keys(counts).filter((k) => !known.has(k))).toEqual([]);
    // Refusals come from the body checks too, not only from the header.
    for (const reason of ['truncated', 'bad_slot', 'bad_value', 'malformed', 'trailing_bytes']) {
      expect(counts[reason] ?? 0, reason).toBeGreaterThan(0);
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(SNAPSHOT_CASES);
    const errors = Object.values(client.errors).reduce((a, b) => a + b, 0);
    expect(errors).toBe(total - counts.ok - counts.pending);
    console.log(`snapshot fuzz: ${JSON.stringify(counts)}`);
  });

  it(`survives ${INPUT_CASES} random and mutated input packets`, () => {
    const rng = createRng(0xbeef);
    const corpus = inputCorpus(rng);
    const queue = createInputQueue();
    const scratch = createInputPacket();
    const command = { seq: 0, moveX: 0, moveY: 0, aim: 0, buttons: 0 };
    const counts: Record<string, number> = { ok: 0 };
    let thrown = 0;
    for (let i = 0; i < INPUT_CASES; i++) {
      const packet = i % 4 === 0 ? randomPacket(rng, PACKET_INPUT, 64) : mutate(rng, corpus, 11);
      try {
        decodeInputPacket(packet, scratch);
        const result = receiveInputPacket(queue, packet);
        const key = result.ok ? 'ok' : result.reason;
        counts[key] = (counts[key] ?? 0) + 1;
      } catch {
        thrown++;
      }
      // Drain, as the host does each tick.
      while (takeInput(queue, command));
    }
    expect(thrown).toBe(0);
    const known = new Set<string>([...INPUT_ERRORS, 'ok']);
    expect(Object.keys(counts).filter((k) => !known.has(k))).toEqual([]);
    for (const reason of ['bad_count', 'bad_length', 'bad_move', 'truncated']) {
      expect(counts[reason] ?? 0, reason).toBeGreaterThan(0);
    }
    expect(Object.values(queue.errors).reduce((a, b) => a + b, 0)).toBe(INPUT_CASES - counts.ok);
    console.log(`input fuzz: ${JSON.stringify(counts)}`);
  });
});
