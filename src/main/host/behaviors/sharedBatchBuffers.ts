/**
 * The shared memory a batch travels in: observation records and groups
 * written by the runner, actions written by the sandbox worker. Grown (new
 * SharedArrayBuffers, sent with the next batch) when a tick needs more;
 * never touched by the runner while a batch is in flight.
 */
import {
  ACTION_STRIDE,
  GROUP_FIELDS,
  type ObservationBatch,
} from '../../../../engine/behavior/index';

export class SharedBatchBuffers {
  recordsBuffer = new SharedArrayBuffer(8 * 4096);
  groupsBuffer = new SharedArrayBuffer(4 * GROUP_FIELDS * 16);
  actionsBuffer = new SharedArrayBuffer(8 * ACTION_STRIDE * 64);
  records = new Float64Array(this.recordsBuffer);
  groups = new Int32Array(this.groupsBuffer);
  actions = new Float64Array(this.actionsBuffer);

  /** Copies `batch`'s records and groups in, making room for its actions. */
  fill(batch: ObservationBatch): this {
    if (batch.length > this.records.length) {
      this.recordsBuffer = new SharedArrayBuffer(
        8 * Math.max(batch.length, this.records.length * 2),
      );
      this.records = new Float64Array(this.recordsBuffer);
    }
    const groupInts = batch.groupCount * GROUP_FIELDS;
    if (groupInts > this.groups.length) {
      this.groupsBuffer = new SharedArrayBuffer(4 * Math.max(groupInts, this.groups.length * 2));
      this.groups = new Int32Array(this.groupsBuffer);
    }
    const actionDoubles = batch.agentCount * ACTION_STRIDE;
    if (actionDoubles > this.actions.length) {
      this.actionsBuffer = new SharedArrayBuffer(
        8 * Math.max(actionDoubles, this.actions.length * 2),
      );
      this.actions = new Float64Array(this.actionsBuffer);
    }
    this.records.set(batch.records.subarray(0, batch.length));
    this.groups.set(batch.groups.subarray(0, groupInts));
    return this;
  }
}
