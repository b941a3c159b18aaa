/**
 * The shared memory one sandbox worker's part of a batch travels in:
 * observation records and groups written by the runner, actions written by
 * the worker. Each worker has its own, so a worker still busy with an old
 * batch never reads what another worker's new batch writes. Grown (new
 * SharedArrayBuffers, sent with the next batch) when a tick needs more;
 * never touched by the runner while that worker's batch is in flight.
 */
import {
  ACTION_STRIDE,
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_LENGTH,
  GROUP_START,
  type ObservationBatch,
} from '../../../../../engine/behavior/index';

export class SharedBatchBuffers {
  recordsBuffer = new SharedArrayBuffer(8 * 4096);
  groupsBuffer = new SharedArrayBuffer(4 * GROUP_FIELDS * 16);
  actionsBuffer = new SharedArrayBuffer(8 * ACTION_STRIDE * 64);
  records = new Float64Array(this.recordsBuffer);
  groups = new Int32Array(this.groupsBuffer);
  actions = new Float64Array(this.actionsBuffer);

  /**
   * Copies the groups `list[0 .. count)` (indices into `batch`'s groups)
   * in, records back to back, and describes the result in `part` (its
   * records are these buffers; units and record starts rebased), making
   * room for its actions.
   */
  fillGroups(
    batch: ObservationBatch,
    firstAgent: Int32Array,
    list: Int32Array,
    count: number,
    part: ObservationBatch,
  ): void {
    let doubles = 0;
    let agents = 0;
    for (let i = 0; i < count; i++) {
      const g = list[i] * GROUP_FIELDS;
      doubles += batch.groups[g + GROUP_LENGTH];
      agents += batch.groups[g + GROUP_AGENTS];
    }
    this.ensure(doubles, count * GROUP_FIELDS, agents * ACTION_STRIDE);
    if (part.units.length < agents) {
      part.units = new Int32Array(Math.max(agents, part.units.length * 2));
      part.recordStart = new Int32Array(part.units.length);
    }
    let at = 0;
    let record = 0;
    for (let i = 0; i < count; i++) {
      const g = list[i] * GROUP_FIELDS;
      const start = batch.groups[g + GROUP_START];
      const length = batch.groups[g + GROUP_LENGTH];
      const n = batch.groups[g + GROUP_AGENTS];
      this.records.set(batch.records.subarray(start, start + length), at);
      for (let f = 0; f < GROUP_FIELDS; f++)
        this.groups[i * GROUP_FIELDS + f] = batch.groups[g + f];
      this.groups[i * GROUP_FIELDS + GROUP_START] = at;
      const from = firstAgent[list[i]];
      for (let k = 0; k < n; k++, record++) {
        part.units[record] = batch.units[from + k];
        part.recordStart[record] = batch.recordStart[from + k] - start + at;
      }
      at += length;
    }
    part.tick = batch.tick;
    part.tickRate = batch.tickRate;
    part.ticksLeft = batch.ticksLeft;
    part.records = this.records;
    part.length = at;
    part.groups = this.groups;
    part.groupCount = count;
    part.agentCount = agents;
  }

  private ensure(recordDoubles: number, groupInts: number, actionDoubles: number): void {
    if (recordDoubles > this.records.length) {
      this.recordsBuffer = new SharedArrayBuffer(
        8 * Math.max(recordDoubles, this.records.length * 2),
      );
      this.records = new Float64Array(this.recordsBuffer);
    }
    if (groupInts > this.groups.length) {
      this.groupsBuffer = new SharedArrayBuffer(4 * Math.max(groupInts, this.groups.length * 2));
      this.groups = new Int32Array(this.groupsBuffer);
    }
    if (actionDoubles > this.actions.length) {
      this.actionsBuffer = new SharedArrayBuffer(
        8 * Math.max(actionDoubles, this.actions.length * 2),
      );
      this.actions = new Float64Array(this.actionsBuffer);
    }
  }
}
