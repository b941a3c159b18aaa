/**
 * Durations gathered on a hot path (the engine worker's tick) without
 * allocating: a fixed array filled in place and handed over, as one copy,
 * about once a second. Samples past the capacity are counted, not kept.
 */
export interface SampleBuffer {
  values: Float64Array<ArrayBuffer>;
  count: number;
  /** Samples that did not fit since the last take. */
  dropped: number;
}

export function createSampleBuffer(capacity: number): SampleBuffer {
  return { values: new Float64Array(capacity), count: 0, dropped: 0 };
}

/** Adds one sample (ms); never allocates. */
export function pushSample(buffer: SampleBuffer, value: number): void {
  if (buffer.count < buffer.values.length) buffer.values[buffer.count++] = value;
  else buffer.dropped++;
}

/** The samples since the last take, as a copy safe to transfer; empties the buffer. */
export function takeSamples(buffer: SampleBuffer): Float64Array<ArrayBuffer> {
  const taken = buffer.values.slice(0, buffer.count);
  buffer.count = 0;
  buffer.dropped = 0;
  return taken;
}
