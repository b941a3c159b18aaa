/**
 * The host's metrics, in one prom-client registry per host core. The rest
 * of the host reports through the methods here (one call at each place
 * something happens); names, units and buckets live only in this file.
 * Hot paths only bump counters and observe histograms: nothing here
 * allocates per entity or per packet.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PlayerLink } from '../net/playerLink';
import { LinkMeter, type Transport } from './linkMeter';
import { MetricsSeries } from './metricsSeries';

/** What the engine worker reports about once a second. */
export interface EngineStatsInput {
  tickRate: number;
  entityCount: number;
  /** Wall-clock duration of each tick since the last report, ms. */
  tickSamples?: Float64Array;
  /** Input-to-ack latency of friends' inputs since the last report, ms. */
  ackSamples?: Float64Array;
}

/** One author's sandbox as the runner reports it; fields it does not report are left out. */
export interface SandboxUsage {
  /** CPU time the author's behaviors used since the sandbox started, ms (monotonic). */
  cpuMs?: number;
  /** The author's sandbox heap now, bytes. */
  memoryBytes?: number;
}

/** The end of one LLM request, as the editor's stream reports it. */
export interface LlmEnd {
  type: string;
  failure?: string;
}

/** Players per transport: `local` is the host's own window(s). */
export interface PlayerCounts {
  local: number;
  /** Friends who joined, whether or not their link is up. */
  friends: number;
}

const MS = 1 / 1000;

export class HostMetrics {
  readonly registry = new Registry();
  /** Per-second figures for the host dashboard's charts. */
  readonly series = new MetricsSeries(120);
  private readonly links: LinkMeter;
  private playerCounts: () => PlayerCounts = () => ({ local: 0, friends: 0 });
  private matchRunning: () => boolean = () => true;
  private readonly cpuSeen = new Map<string, number>();
  private readonly totals = { bytesIn: 0, bytesOut: 0, snapshotBytes: 0, ticks: 0 };
  private lastEntities = 0;

  private readonly ticks: Counter;
  private readonly tickDuration: Histogram;
  private readonly tickOverruns: Counter;
  private readonly entities: Gauge;
  private readonly bytesIn: Counter<'transport'>;
  private readonly bytesOut: Counter<'transport'>;
  private readonly snapshotBytes: Counter;
  private readonly snapshotPackets: Counter;
  private readonly inputAck: Histogram;
  private readonly webrtcConnects: Counter;
  private readonly webrtcFailures: Counter;
  private readonly fallbacks: Counter;
  private readonly sandboxCpu: Counter<'author'>;
  private readonly sandboxMemory: Gauge<'author'>;
  private readonly sandboxRestarts: Counter;
  private readonly suspensions: Counter;
  private readonly syncDuration: Histogram;
  private readonly syncFailures: Counter;
  private readonly llmRequests: Counter<'outcome'>;
  private readonly llmDuration: Histogram<'outcome'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'arbiter_' });
    // prom-client names these gauges *_total, which Prometheus reserves for counters
    // (`promtool check metrics` refuses them); the handle and request counts are not worth a rename.
    for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total'])
      this.registry.removeSingleMetric(`arbiter_nodejs_${name}`);
    this.links = new LinkMeter((transport, sent, received) => {
      this.bytesOut.inc({ transport }, sent);
      this.bytesIn.inc({ transport }, received);
      this.totals.bytesOut += sent;
      this.totals.bytesIn += received;
    });
    this.ticks = new Counter({
      name: 'arbiter_ticks_total',
      help: 'Engine ticks simulated.',
      registers,
    });
    this.tickDuration = new Histogram({
      name: 'arbiter_tick_duration_seconds',
      help: 'Wall-clock time one engine tick took (behaviors, inputs, simulation).',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25],
      registers,
    });
    this.tickOverruns = new Counter({
      name: 'arbiter_tick_overruns_total',
      help: 'Ticks that took longer than the tick period.',
      registers,
    });
    this.entities = new Gauge({
      name: 'arbiter_entities',
      help: 'Entities in the running match (avatars, agents, projectiles, items).',
      registers,
      // The engine reports only while a match runs: after it stops, none are left.
      collect: () => {
        if (!this.matchRunning()) this.entities.set(0);
      },
    });
    new Gauge({
      name: 'arbiter_players',
      help: 'Players in the match by transport (local: the host window; reconnecting: friends in their grace period).',
      labelNames: ['transport'],
      registers,
      collect: () => this.collectPlayers(),
    });
    const readLinks = () => this.links.readAll();
    this.bytesIn = new Counter({
      name: 'arbiter_net_received_bytes_total',
      help: "Bytes received from friends' links, as each transport counts them.",
      labelNames: ['transport'],
      registers,
      collect: readLinks,
    });
    this.bytesOut = new Counter({
      name: 'arbiter_net_sent_bytes_total',
      help: "Bytes sent on friends' links, as each transport counts them.",
      labelNames: ['transport'],
      registers,
      collect: readLinks,
    });
    this.snapshotBytes = new Counter({
      name: 'arbiter_snapshot_bytes_total',
      help: 'Snapshot packet bytes encoded for players (friends and host windows).',
      registers,
    });
    this.snapshotPackets = new Counter({
      name: 'arbiter_snapshot_packets_total',
      help: 'Snapshot packets encoded for players.',
      registers,
    });
    this.inputAck = new Histogram({
      name: 'arbiter_input_ack_latency_seconds',
      help: "Time from a friend's input reaching the engine to the first snapshot that acknowledges it.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1],
      registers,
    });
    this.webrtcConnects = new Counter({
      name: 'arbiter_webrtc_connects_total',
      help: 'Friends whose WebRTC data channels opened.',
      registers,
    });
    this.webrtcFailures = new Counter({
      name: 'arbiter_webrtc_failures_total',
      help: 'WebRTC connections that did not open.',
      registers,
    });
    this.fallbacks = new Counter({
      name: 'arbiter_websocket_fallbacks_total',
      help: 'Friends who play over the WebSocket fallback.',
      registers,
    });
    this.sandboxCpu = new Counter({
      name: 'arbiter_sandbox_cpu_seconds_total',
      help: "CPU time each author's behaviors used in the sandbox.",
      labelNames: ['author'],
      registers,
    });
    this.sandboxMemory = new Gauge({
      name: 'arbiter_sandbox_memory_bytes',
      help: "Heap of each author's sandbox runtime.",
      labelNames: ['author'],
      registers,
    });
    this.sandboxRestarts = new Counter({
      name: 'arbiter_sandbox_restarts_total',
      help: 'Times the behavior sandbox worker was restarted (a batch overran its hard deadline).',
      registers,
    });
    this.suspensions = new Counter({
      name: 'arbiter_behavior_suspensions_total',
      help: 'Behaviors suspended after failing repeatedly or stalling the sandbox.',
      registers,
    });
    this.syncDuration = new Histogram({
      name: 'arbiter_sqlite_sync_duration_seconds',
      help: "Time one write-behind sync of players' progress took.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.syncFailures = new Counter({
      name: 'arbiter_sqlite_sync_failures_total',
      help: 'Write-behind syncs that failed (disk full, read-only, locked).',
      registers,
    });
    this.llmRequests = new Counter({
      name: 'arbiter_llm_requests_total',
      help: 'LLM generations by outcome (done, or the failure kind).',
      labelNames: ['outcome'],
      registers,
    });
    this.llmDuration = new Histogram({
      name: 'arbiter_llm_request_duration_seconds',
      help: 'Time from an LLM generation request to its end, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 20, 40, 80, 160],
      registers,
    });
  }

  /** Where player counts come from (the roster). */
  countPlayersWith(counts: () => PlayerCounts): void {
    this.playerCounts = counts;
  }

  /** Whether a match runs now (the engine's entities count only then). */
  matchRunningWith(running: () => boolean): void {
    this.matchRunning = running;
  }

  /** The engine's report, about once a second while a match runs. */
  engineStats(stats: EngineStatsInput): void {
    const periodMs = 1000 / stats.tickRate;
    const ticks = stats.tickSamples;
    let sum = 0;
    if (ticks) {
      for (let i = 0; i < ticks.length; i++) {
        this.tickDuration.observe(ticks[i] * MS);
        if (ticks[i] > periodMs) this.tickOverruns.inc();
        sum += ticks[i];
      }
      this.ticks.inc(ticks.length);
      this.totals.ticks += ticks.length;
    }
    const acks = stats.ackSamples;
    if (acks) for (let i = 0; i < acks.length; i++) this.inputAck.observe(acks[i] * MS);
    this.entities.set(stats.entityCount);
    this.lastEntities = stats.entityCount;
    this.links.readAll();
    const counts = this.playerCounts();
    this.series.add({
      at: Date.now(),
      tickMs: ticks && ticks.length ? sum / ticks.length : 0,
      entities: stats.entityCount,
      players: counts.local + counts.friends,
      ...this.totals,
    });
  }

  /** A tick's snapshot packets and their bytes, every client's (the tick's batch totals). */
  snapshotsSent(packets: number, bytes: number): void {
    if (packets === 0) return;
    this.snapshotBytes.inc(bytes);
    this.snapshotPackets.inc(packets);
    this.totals.snapshotBytes += bytes;
  }

  /** A friend's link is up (WebRTC or the WebSocket fallback). */
  linkOpened(link: Pick<PlayerLink, 'stats' | 'onClose' | 'transport'>): void {
    if (link.transport === 'webrtc') this.webrtcConnects.inc();
    else this.fallbacks.inc();
    this.links.track(link);
  }

  /** A WebRTC connection attempt failed (timed out, refused, closed before opening). */
  webrtcFailed(): void {
    this.webrtcFailures.inc();
  }

  /** A behavior event from the sandbox: suspensions and restarts are counted. */
  behaviorEvent(kind: string): void {
    if (kind === 'suspended') this.suspensions.inc();
    else if (kind === 'restarted') this.sandboxRestarts.inc();
  }

  /** One author's sandbox figures, as the runner reports them. */
  sandboxUsage(author: string, usage: SandboxUsage): void {
    if (usage.memoryBytes !== undefined && Number.isFinite(usage.memoryBytes))
      this.sandboxMemory.set({ author }, usage.memoryBytes);
    if (usage.cpuMs !== undefined && Number.isFinite(usage.cpuMs)) {
      const seen = this.cpuSeen.get(author) ?? 0;
      // A smaller total means the sandbox restarted and counts from zero again.
      const delta = usage.cpuMs >= seen ? usage.cpuMs - seen : usage.cpuMs;
      this.cpuSeen.set(author, usage.cpuMs);
      if (delta > 0) this.sandboxCpu.inc({ author }, delta * MS);
    }
  }

  /** One write-behind sync (ms it took; whether it committed). */
  sqliteSync(ms: number, ok: boolean): void {
    this.syncDuration.observe(ms * MS);
    if (!ok) this.syncFailures.inc();
  }

  /**
   * An LLM generation started; call the returned function with each event
   * it emits: the first `done` or `failed` records its outcome and latency.
   */
  llmRequestStarted(): (event: LlmEnd) => void {
    const started = performance.now();
    let ended = false;
    return (event) => {
      if (ended || (event.type !== 'done' && event.type !== 'failed')) return;
      ended = true;
      const outcome = event.type === 'done' ? 'done' : (event.failure ?? 'failed');
      this.llmRequests.inc({ outcome });
      this.llmDuration.observe({ outcome }, (performance.now() - started) * MS);
    };
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Entities in the newest engine report (0 before any). */
  get entityCount(): number {
    return this.lastEntities;
  }

  private collectPlayers(this: HostMetrics): void {
    const gauge = this.registry.getSingleMetric('arbiter_players') as Gauge<'transport'>;
    const open = this.links.openCounts();
    const counts = this.playerCounts();
    const linked = open.webrtc + open.websocket;
    gauge.set({ transport: 'local' }, counts.local);
    for (const transport of ['webrtc', 'websocket'] as Transport[])
      gauge.set({ transport }, open[transport]);
    gauge.set({ transport: 'reconnecting' }, Math.max(0, counts.friends - linked));
  }
}
