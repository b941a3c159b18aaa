/**
 * Input-ack latency, measured inside the engine worker: from the moment a
 * friend's input packet is taken in to the moment a snapshot that
 * acknowledges it (its `inputAck` at or past that input's seq) is encoded
 * for them. One input per client is timed at a time, so the cost is a few
 * number comparisons per client per tick.
 */
import { pushSample, type SampleBuffer } from './sampleBuffer';

interface Waiting {
  seq: number;
  /** Worker clock, ms. */
  since: number;
  active: boolean;
}

export interface InputAckClock {
  waiting: Map<number, Waiting>;
}

export function createInputAckClock(): InputAckClock {
  return { waiting: new Map() };
}

/** After an input packet from `clientId` was read: times `newestSeq` unless one is already timed. */
export function inputArrived(
  clock: InputAckClock,
  clientId: number,
  newestSeq: number | undefined,
  nowMs: number,
): void {
  if (newestSeq === undefined || newestSeq < 0) return;
  let entry = clock.waiting.get(clientId);
  if (!entry) clock.waiting.set(clientId, (entry = { seq: 0, since: 0, active: false }));
  if (entry.active) return;
  entry.seq = newestSeq;
  entry.since = nowMs;
  entry.active = true;
}

/**
 * After client `clientId`'s snapshot, acknowledging up to `appliedSeq`, was
 * sent on: its timed input, if that reaches it, becomes a sample (ms).
 * Returns the sample, or -1 when none was taken.
 */
export function inputAcked(
  clock: InputAckClock,
  clientId: number,
  appliedSeq: number,
  nowMs: number,
  samples: SampleBuffer,
): number {
  const entry = clock.waiting.get(clientId);
  if (!entry?.active || appliedSeq < entry.seq) return -1;
  const ms = nowMs - entry.since;
  pushSample(samples, ms);
  entry.active = false;
  return ms;
}

/**
 * After snapshots were encoded: every timed input whose client's applied
 * seq reached it becomes a sample (ms). Clients that left are forgotten.
 */
export function inputsAcked(
  clock: InputAckClock,
  clients: ReadonlyMap<number, { inputs: { appliedSeq: number } }>,
  nowMs: number,
  samples: SampleBuffer,
): void {
  for (const [clientId, entry] of clock.waiting) {
    const client = clients.get(clientId);
    if (!client) {
      clock.waiting.delete(clientId);
      continue;
    }
    if (entry.active && client.inputs.appliedSeq >= entry.seq) {
      pushSample(samples, nowMs - entry.since);
      entry.active = false;
    }
  }
}
