/**
 * Metrics of the fleet parts (Redis directory, seat reservations, Agones
 * sidecar), registered in the host's own registry so `/metrics` shows them
 * beside the rest. Only created when `--directory` or `--agones` is on.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** Kinds of directory trouble, as the `kind` label names them. */
export type DirectoryTrouble =
  'write_failed' | 'read_failed' | 'bad_entry' | 'host_id_collision' | 'reservation_failed';

export class FleetMetrics {
  private readonly writes: Counter<'outcome'>;
  private readonly troubles: Counter<'kind'>;
  private readonly up: Gauge;
  private readonly reservations: Counter<'outcome'>;
  private readonly agonesCalls: Counter<'call' | 'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.writes = new Counter({
      name: 'arbiter_directory_writes_total',
      help: 'Directory refreshes (one batched write of the host and its matches) by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.troubles = new Counter({
      name: 'arbiter_directory_errors_total',
      help: 'Directory trouble by kind: failed writes and reads, bad entries of other hosts, host id collisions, failed reservations.',
      labelNames: ['kind'],
      registers,
    });
    this.up = new Gauge({
      name: 'arbiter_directory_up',
      help: '1 while the last directory write succeeded, 0 while Redis is out of reach.',
      registers,
    });
    this.reservations = new Counter({
      name: 'arbiter_directory_reservations_total',
      help: 'Seat reservations this host asked other hosts for, by outcome (ok, full, timeout, gone, …).',
      labelNames: ['outcome'],
      registers,
    });
    this.agonesCalls = new Counter({
      name: 'arbiter_agones_calls_total',
      help: 'Calls to the Agones SDK sidecar by call (connect, ready, health, shutdown, …) and outcome.',
      labelNames: ['call', 'outcome'],
      registers,
    });
  }

  directoryWrite(ok: boolean): void {
    this.writes.inc({ outcome: ok ? 'ok' : 'failed' });
    this.up.set(ok ? 1 : 0);
  }

  directoryTrouble(kind: DirectoryTrouble): void {
    this.troubles.inc({ kind });
  }

  reservation(outcome: string): void {
    this.reservations.inc({ outcome });
  }

  agonesCall(call: string, ok: boolean): void {
    this.agonesCalls.inc({ call, outcome: ok ? 'ok' : 'failed' });
  }
}
